import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ActorRef } from '../platform/auth/actor';

@ObjectType({ description: 'A free-text observation written on a follow-up (addObservation).' })
@Entity('follow_up_observations')
@Index('follow_up_observations_follow_up_idx', ['workspaceId', 'followUpId', 'createdAt', 'id'])
export class FollowUpObservation {
  @Field(() => ID, { description: 'The observation\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  /** The follow-up it was written on. */
  @Column({ type: 'uuid' })
  followUpId: string;

  @Field({ description: 'The text, 1 to 5000 characters.' })
  @Column({ type: 'text' })
  text: string;

  @Field({ description: 'When it was written (UTC).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column(() => ActorRef, { prefix: 'actor' })
  actor: ActorRef;
}

@ObjectType({ description: 'An activity logged on a follow-up against an activity definition (logFollowUpActivity): a progress or regress entry.' })
@Entity('follow_up_activities')
@Index('follow_up_activities_follow_up_idx', ['workspaceId', 'followUpId', 'occurredAt', 'id'])
export class FollowUpActivity {
  @Field(() => ID, { description: 'The activity entry\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  /** The follow-up it was logged on. */
  @Column({ type: 'uuid' })
  followUpId: string;

  /** The activity definition (a settings entry; see `definition`). */
  @Column({ type: 'uuid' })
  definitionId: string;

  @Field(() => String, { nullable: true, description: 'What happened, up to 5000 characters; null when none was given.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field({ description: 'When the activity happened (UTC); default: when it was logged.' })
  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Field({ description: 'When it was logged (UTC).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column(() => ActorRef, { prefix: 'actor' })
  actor: ActorRef;
}
