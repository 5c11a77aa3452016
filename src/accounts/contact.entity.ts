import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Membership } from '../identity/identity.public';
import { AuditedRecord } from '../platform/db/audited-record';
import { EmailAddressScalar, PhoneNumberScalar } from '../platform/graphql/scalars';
import { Account } from './account.entity';
import { declareRecordType } from '../platform/records/record-types';

@ObjectType({ description: 'A person, usually of an account.' })
@Entity('contacts')
@Index('contacts_workspace_external_id_key', ['workspaceId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('contacts_workspace_account_idx', ['workspaceId', 'accountId', 'id'])
@Index('contacts_workspace_name_idx', ['workspaceId', 'lastName', 'firstName', 'id'])
@Index('contacts_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
// Trigram index (workspace_id, search_text) created by hand in the migration (btree_gin + pg_trgm).
@Index('contacts_search_trgm_idx', { synchronize: false })
// GIN (workspace_id, emails) and (workspace_id, phones), by hand in the InboundMessages migration: finding a party by email / phone.
@Index('contacts_emails_gin_idx', { synchronize: false })
@Index('contacts_phones_gin_idx', { synchronize: false })
export class Contact extends AuditedRecord {
  @Field(() => ID, { description: 'The contact\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field(() => ID, { nullable: true, description: 'The id of the contact\'s account; null for a loose contact.' })
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Field({ description: 'First (given) name.' })
  @Column({ type: 'text' })
  firstName: string;

  @Field({ description: 'Last (family) name; "" when not given.' })
  @Column({ type: 'text', default: '' })
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Position (job title) at the account.' })
  @Column({ type: 'text', nullable: true })
  position: string | null;

  @Field(() => [EmailAddressScalar], { description: 'Email addresses, lower case, without repeats (at most 20).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails: string[];

  @Field(() => [PhoneNumberScalar], { description: 'Phone numbers in E.164, without repeats (at most 20).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones: string[];

  @Field(() => String, { nullable: true, description: 'Free notes; at most 20,000 characters.' })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Owner of a contact; decides its visibility only when it has no account. */
  @Column({ type: 'uuid', nullable: true })
  ownerMembershipId: string | null;

  @ManyToOne(() => Membership, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_membership_id' })
  owner?: Membership;

  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace; the key of upsertContacts.' })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text', default: '' })
  searchText: string;
}

// Contacts are records of their own kind (timeline entries, documents, comments).
declare module '../platform/records/record-types' {
  interface RecordTypes {
    CONTACT: 'CONTACT';
  }
}
declareRecordType('CONTACT', 'A contact (a person, usually of an account).');
