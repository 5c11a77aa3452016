import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ActorRef } from '../auth/actor';
import { JSONScalar } from '../graphql/scalars';

export enum RecordType {
  ACCOUNT = 'ACCOUNT',
  CONTACT = 'CONTACT',
  DOCUMENT = 'DOCUMENT',
  /** An entry of a settings list (characteristic definition, interest area, relationship or document type). */
  SETTING = 'SETTING',
  /** The workspace itself (its settings). */
  WORKSPACE = 'WORKSPACE',
  /** Identity changes: a membership (invited, role, scope or teams changed, removed), a team, an API key. */
  MEMBER = 'MEMBER',
  TEAM = 'TEAM',
  API_KEY = 'API_KEY',
}
registerEnumType(RecordType, { name: 'RecordType', description: 'Kinds of records that have a history.' });

@ObjectType({ description: 'One field changed by an update: its value before and after.' })
export class FieldChange {
  @Field() field: string;
  @Field(() => JSONScalar, { nullable: true }) before: unknown;
  @Field(() => JSONScalar, { nullable: true }) after: unknown;
}

const HIDDEN_ACCOUNTS = 'Ids (and names) of accounts outside the reader\'s reach are null.';

/**
 * One entry of a record's history, written in the same transaction as the change it describes.
 * `accountId` anchors entries of records that hang off an account, so the account's timeline shows them too.
 */
@ObjectType()
@Entity('timeline_entries')
@Index('timeline_entries_record_idx', ['workspaceId', 'recordId', 'occurredAt', 'id'])
@Index('timeline_entries_account_idx', ['workspaceId', 'accountId', 'occurredAt', 'id'])
export class TimelineEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Field({ description: 'e.g. ACCOUNT_CREATED, ACCOUNT_UPDATED, CONTACT_ARCHIVED, COMMENT_ADDED, DOCUMENT_ATTACHED.' })
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Field(() => RecordType)
  @Column({ type: 'varchar', length: 32 })
  recordType: RecordType;

  @Field(() => ID)
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
