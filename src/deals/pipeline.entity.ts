import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AuditedRecord } from '../platform/db/audited-record';
import { DecimalScalar } from '../platform/graphql/scalars';
import { DealRequirement, StageKind } from './deal-enums';

@ObjectType({ description: 'A sales process of the workspace: ordered stages a deal moves through, ending won or lost.' })
@Entity('pipelines')
@Index('pipelines_workspace_name_key', ['workspaceId', 'name'], { unique: true })
@Index('pipelines_workspace_default_key', ['workspaceId'], { unique: true, where: 'is_default' })
export class Pipeline extends AuditedRecord {
  @Field(() => ID, { description: 'The pipeline\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field({
    description:
      'When true, a deal moves forward only to the next OPEN stage, or to a WON or LOST stage from any OPEN one ' +
      '(no skipped steps); moving back is always allowed. When false, any stage of the pipeline may be entered.',
  })
  @Column({ type: 'boolean', default: false })
  strictOrder: boolean;

  @Field({ description: 'Whether new deals go to this pipeline when none is named; exactly one pipeline of a workspace is the default.' })
  @Column({ type: 'boolean', default: false })
  isDefault: boolean;
}

@ObjectType({ description: 'One step of a pipeline.' })
@Entity('pipeline_stages')
@Index('pipeline_stages_workspace_pipeline_idx', ['workspaceId', 'pipelineId', 'position'])
export class PipelineStage {
  @Field(() => ID, { description: 'The stage\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field(() => ID, { description: 'The pipeline the stage belongs to.' })
  @Column({ type: 'uuid' })
  pipelineId: string;

  @ManyToOne(() => Pipeline, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pipeline_id' })
  pipeline?: Pipeline;

  @Field({ description: 'Unique in its pipeline, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => Int, { description: 'Order in the pipeline, from 0 (the first stage).' })
  @Column({ type: 'integer' })
  position: number;

  @Field(() => DecimalScalar, { description: 'Chance of winning a deal in this stage, in percent (0 to 100), e.g. "25".' })
  @Column({ type: 'numeric' })
  probability: string;

  @Field(() => StageKind, { description: 'OPEN, or a closing stage (WON / LOST).' })
  @Column({ type: 'varchar', length: 8 })
  kind: StageKind;

  @Field(() => [DealRequirement], { description: 'What a deal must have to enter this stage (empty: nothing).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredFields: DealRequirement[];

  @Field(() => Date, { nullable: true, description: 'Set when the stage was removed from its pipeline; history keeps naming it.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt: Date | null;
}
