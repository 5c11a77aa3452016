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
  @Field(() => ID, { description: 'The account\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field({ description: 'Display (trade) name; at most 300 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Registered legal name (razón social); at most 300 characters.' })
  @Column({ type: 'text', nullable: true })
  legalName: string | null;

  @Field(() => String, { nullable: true, description: 'Tax id (NIF, CIF, RUT, VAT...), canonical: upper case, no spaces, dots, dashes or slashes.' })
  @Column({ type: 'text', nullable: true })
  taxId: string | null;

  @Field(() => AccountType, { description: 'Lead, prospect, customer or other (see typeLabel).' })
  @Column({ type: 'varchar', length: 16 })
  type: AccountType;

  @Field(() => [EmailAddressScalar], { description: 'Email addresses, lower case, without repeats (at most 20).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  emails: string[];

  @Field(() => [PhoneNumberScalar], { description: 'Phone numbers in E.164, without repeats (at most 20).' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  phones: string[];

  @Field(() => String, { nullable: true, description: 'Web address, with its scheme (https:// is added when written without one).' })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true, description: 'Industry or sector, free text.' })
  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Field(() => Address, { nullable: true, description: 'Where invoices go; its city and country are filterable.' })
  @Column({ type: 'jsonb', nullable: true })
  billingAddress: Address | null;

  @Field(() => Address, { nullable: true, description: 'Where goods go.' })
  @Column({ type: 'jsonb', nullable: true })
  shippingAddress: Address | null;

  @Field(() => String, { nullable: true, description: 'Free notes; at most 20,000 characters.' })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace; the key of upsertAccounts.' })
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
declareRecordType('ACCOUNT', 'An account (cuenta).');
