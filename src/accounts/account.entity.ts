import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditedRecord } from '../platform/db/audited-record';
import { EmailAddressScalar, PhoneNumberScalar } from '../platform/graphql/scalars';
import { AccountType } from './account-type';
import { Address } from './address';
import { declareRecordType } from '../platform/records/record-types';

@ObjectType({ description: 'The main record of the CRM (cuenta): every other record hangs off an account.' })
@Entity('accounts')
@Index('accounts_workspace_external_id_key', ['workspaceId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('accounts_workspace_name_idx', ['workspaceId', 'name', 'id'])
@Index('accounts_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
@Index('accounts_workspace_updated_idx', ['workspaceId', 'updatedAt', 'id'])
@Index('accounts_workspace_tax_id_idx', ['workspaceId', 'taxId'])
// Trigram index (workspace_id, search_text) created by hand in the migration (btree_gin + pg_trgm).
@Index('accounts_search_trgm_idx', { synchronize: false })
export class Account extends AuditedRecord {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  legalName: string | null;

  @Field(() => String, { nullable: true, description: 'Normalised: upper case, no spaces, dots or dashes.' })
  @Column({ type: 'text', nullable: true })
  taxId: string | null;

  @Field(() => AccountType)
  @Column({ type: 'varchar', length: 16 })
  type: AccountType;

  @Field(() => [EmailAddressScalar])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails: string[];

  @Field(() => [PhoneNumberScalar], { description: 'E.164.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Field(() => Address, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  billingAddress: Address | null;

  @Field(() => Address, { nullable: true })
  @Column({ type: 'jsonb', nullable: true })
  shippingAddress: Address | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace.' })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** Lower-cased name, legal name, tax id, emails and phone digits: what search matches (trigram-indexed). */
  @Column({ type: 'text', default: '' })
  searchText: string;
}

// Accounts are records of their own kind (timeline entries, documents, comments).
declare module '../platform/records/record-types' {
  interface RecordTypes {
    ACCOUNT: 'ACCOUNT';
  }
}
declareRecordType('ACCOUNT');
