import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum InterestKind {
  INTEREST = 'INTEREST',
  DISINTEREST = 'DISINTEREST',
  UNMET_NEED = 'UNMET_NEED',
}
registerEnumType(InterestKind, { name: 'InterestKind' });

@ObjectType({ description: 'An area of interest (área de interés) for segmentation, configured by admins.' })
@Entity('interest_areas')
@Index('interest_areas_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class InterestArea {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  archivedAt: Date | null;
}
