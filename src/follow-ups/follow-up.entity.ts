import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ActorRef } from '../platform/auth/actor';
import { RecordType } from '../platform/records/record-types';
import { FollowUpOutcome, FollowUpStatus } from './follow-up-enums';

@ObjectType({
  description:
    'A scheduled piece of work (seguimiento: call, visit, meeting, collection call, task) on an account, contact, lead or deal. ' +
    'Visible when its target is, and always to its assignee.',
})
@Entity('follow_ups')
@Index('follow_ups_workspace_due_idx', ['workspaceId', 'dueAt', 'id'])
@Index('follow_ups_workspace_assignee_due_idx', ['workspaceId', 'assigneeMembershipId', 'status', 'dueAt'])
@Index('follow_ups_workspace_record_idx', ['workspaceId', 'recordId'])
// IDLE counters: "has this record an OPEN follow-up?" without reading its closed history.
@Index('follow_ups_workspace_open_record_idx', ['workspaceId', 'recordId'], { where: "status = 'OPEN'" })
@Index('follow_ups_workspace_account_idx', ['workspaceId', 'accountId'])
@Index('follow_ups_workspace_chain_idx', ['workspaceId', 'chainRootId', 'createdAt'])
// The clock tick (time-passing.task.ts) finds, across workspaces, the open follow-ups that fell due in the last minute.
@Index('follow_ups_open_due_idx', ['dueAt'], { where: "status = 'OPEN'" })
export class FollowUp {
  @Field(() => ID, { description: 'The follow-up\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: '1 to 300 characters.' })
  @Column({ type: 'text' })
  subject: string;

  /** The follow-up type (a settings entry; see `type`). */
  @Column({ type: 'uuid' })
  typeId: string;

  /** Its current state (a settings entry; see `state`), or null. */
  @Column({ type: 'uuid', nullable: true })
  stateId: string | null;

  @Field(() => RecordType, { description: 'The kind of its target: ACCOUNT, CONTACT, LEAD or DEAL.' })
  @Column({ type: 'varchar', length: 32 })
  recordType: RecordType;

  @Field(() => ID, { description: 'The id of its target record.' })
  @Column({ type: 'uuid' })
  recordId: string;

  @Field(() => ID, { nullable: true, description: 'The account its target hangs off (the target itself for an account); null for a lead or a loose contact.' })
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  /** The target's owner when it has no account (a loose contact's owner, a lead's assignee): its visibility anchor. */
  @Column({ type: 'uuid', nullable: true })
  ownerMembershipId: string | null;

  /** The member who does it (see `assignee`); they always see it. */
  @Column({ type: 'uuid', nullable: true })
  assigneeMembershipId: string | null;

  @Field({ description: 'When it is due (UTC instant; give an explicit offset, e.g. 2026-03-28T10:00:00+01:00).' })
  @Column({ type: 'timestamptz', precision: 3 })
  dueAt: Date;

  @Field(() => Int, { description: 'How long it lasts, in minutes (default: its type\'s).' })
  @Column({ type: 'integer' })
  durationMinutes: number;

  @Field(() => FollowUpStatus, { description: 'OPEN, DONE or CANCELLED.' })
  @Column({ type: 'varchar', length: 16 })
  status: FollowUpStatus;

  @Field(() => FollowUpOutcome, { nullable: true, description: 'How it went (set when DONE); null otherwise.' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: FollowUpOutcome | null;

  @Field(() => String, { nullable: true, description: 'The note given when it was closed or cancelled; null otherwise.' })
  @Column({ type: 'text', nullable: true })
  outcomeNote: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed or cancelled (UTC); null while OPEN.' })
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The follow-up this one continues (continueFollowUp); null for the first of a chain.' })
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Field(() => ID, { description: 'The first follow-up of its chain (itself for the first).' })
  @Column({ type: 'uuid' })
  chainRootId: string;

  @Field(() => Int, { description: 'Increases on every change; pass it as expectedVersion to detect stale updates.' })
  @VersionColumn()
  version: number;

  @Field({ description: 'When it was created (UTC).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Field({ description: 'When it last changed (UTC).' })
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @Column(() => ActorRef, { prefix: 'created_by' })
  createdBy: ActorRef;
}

@ObjectType({ description: 'One postponement of a follow-up: from when to when, by how many hours, why and by whom.' })
@Entity('follow_up_postponements')
@Index('follow_up_postponements_follow_up_idx', ['workspaceId', 'followUpId', 'postponedAt'])
export class FollowUpPostponement {
  @Field(() => ID, { description: 'The postponement\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'uuid' })
  followUpId: string;

  @Field({ description: 'The due time before (UTC).' })
  @Column({ type: 'timestamptz', precision: 3 })
  fromDueAt: Date;

  @Field({ description: 'The due time after (UTC): fromDueAt plus `hours` elapsed hours (across a DST change the wall clock moves by one hour more or less).' })
  @Column({ type: 'timestamptz', precision: 3 })
  toDueAt: Date;

  @Field(() => Int, { description: 'Hours postponed (1 to 8760).' })
  @Column({ type: 'integer' })
  hours: number;

  @Field({ description: 'Why, 1 to 2000 characters.' })
  @Column({ type: 'text' })
  reason: string;

  @Field({ description: 'When it was postponed (UTC).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  postponedAt: Date;

  @Column(() => ActorRef, { prefix: 'actor' })
  actor: ActorRef;
}
