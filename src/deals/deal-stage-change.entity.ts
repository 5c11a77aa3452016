import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActorRef } from '../platform/auth/actor';
import { Deal } from './deal.entity';

@ObjectType({ description: 'One move of a deal from a stage to another (forward, back, won, lost, reopened).' })
@Entity('deal_stage_changes')
@Index('deal_stage_changes_workspace_deal_idx', ['workspaceId', 'dealId', 'occurredAt', 'id'])
export class DealStageChange {
  @Field(() => ID, { description: 'The history row\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field(() => ID, { description: 'The deal that moved.' })
  @Column({ type: 'uuid' })
  dealId: string;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id' })
  deal?: Deal;

  /** The stage it left (see `fromStage`). */
  @Column({ type: 'uuid' })
  fromStageId: string;

  /** The stage it entered (see `toStage`). */
  @Column({ type: 'uuid' })
  toStageId: string;

  @Field({ description: 'When it moved.' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Field(() => Int, { description: 'Seconds the deal spent in the stage it left (from entering it to this move).' })
  @Column({ type: 'integer' })
  secondsInFromStage: number;

  @Column(() => ActorRef, { prefix: 'actor' })
  actor: ActorRef;
}
