import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ActorRef } from '../auth/actor';
import { JSONScalar } from '../graphql/scalars';
import { RecordType } from '../records/record-types';

// Record type names are declared by the domains that own the records (records/record-types.ts).
export { RecordType } from '../records/record-types';

@ObjectType({ description: 'One field changed by an update: its value before and after.' })
export class FieldChange {
  @Field({ description: 'The field\'s GraphQL name (e.g. name, phones, accountId).' }) field: string;
  @Field(() => JSONScalar, { nullable: true, description: 'Its value before the change, as JSON (null: it was not set).' }) before: unknown;
  @Field(() => JSONScalar, { nullable: true, description: 'Its value after the change, as JSON (null: it is no longer set).' }) after: unknown;
}

const HIDDEN_ACCOUNTS = 'Ids (and names) of accounts outside the reader\'s reach are null.';

/**
 * One entry of a record's history, written in the same transaction as the change it describes.
 * `accountId` anchors entries of records that hang off an account, so the account's timeline shows them too.
 */
@ObjectType({ description: 'One entry of a record\'s history (a change or an interaction), written with the change itself.' })
@Entity('timeline_entries')
@Index('timeline_entries_record_idx', ['workspaceId', 'recordId', 'occurredAt', 'id'])
@Index('timeline_entries_account_idx', ['workspaceId', 'accountId', 'occurredAt', 'id'])
export class TimelineEntry {
  @Field(() => ID, { description: 'The entry\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: 'When the change was made (UTC, millisecond precision).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Field({
    description:
      'What happened, e.g. ACCOUNT_CREATED, ACCOUNT_UPDATED, CONTACT_ARCHIVED, COMMENT_ADDED, DOCUMENT_ATTACHED; interactions: ' +
      'EMAIL_RECEIVED (POST /inbound/email; data: messageId, subject, from, fromName, to, date, excerpt (first 500 characters ' +
      'of the text), documentIds) and CALL (POST /inbound/calls; data: direction INBOUND / OUTBOUND, callerNumber and ' +
      'calledNumber in E.164, startedAt (UTC), durationSeconds, recordingUrl).',
  })
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Field(() => RecordType, { description: 'The kind of the record the entry is about.' })
  @Column({ type: 'varchar', length: 32 })
  recordType: RecordType;

  @Field(() => ID, { description: 'The record the entry is about.' })
  @Column({ type: 'uuid' })
  recordId: string;

  @Field(() => ID, {
    nullable: true,
    description: `The account the entry is anchored to (its own, or the one its contact or document was in). ${HIDDEN_ACCOUNTS}`,
  })
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column(() => ActorRef, { prefix: 'actor' })
  actor: ActorRef;

  @Field(() => [FieldChange], {
    nullable: true,
    description: `What an update changed (a contact moved: field accountId, before and after). ${HIDDEN_ACCOUNTS}`,
  })
  @Column({ type: 'jsonb', nullable: true })
  changes: FieldChange[] | null;

  @Field(() => JSONScalar, {
    nullable: true,
    description: `Kind-specific details, e.g. a comment body or a relationship's otherAccountId. ${HIDDEN_ACCOUNTS}`,
  })
  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;
}
