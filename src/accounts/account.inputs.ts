import { Field, ID, InputType, Int } from 'type-graphql';
import { AccountType } from './account-type';
import { AddressInput } from './address';
import { CharacteristicValueInput } from './characteristics/characteristic.inputs';

// Descriptions shared by the create, update and upsert inputs (same rules: account.schemas.ts).
const NAME = 'Display (trade) name; 1 to 300 characters.';
const LEGAL_NAME = 'Registered legal name; at most 300 characters.';
const TAX_ID =
  'Tax id in any writing (e.g. "B-12.345.678"); stored canonical: 5 to 20 letters or digits, with a digit, upper case, ' +
  'without spaces, dots, dashes or slashes.';
const TYPE = 'Lead, prospect, customer or other.';
const EMAILS = 'Email addresses (at most 20); stored lower case, without repeats.';
const PHONES = 'Any common format (at most 20); stored as E.164 (the workspace default country applies to local numbers).';
const WEBSITE = 'Web address, at most 500 characters; https:// is added when written without a scheme.';
const INDUSTRY = 'Industry or sector; at most 200 characters.';
const BILLING = 'Where invoices go (its city and country are filterable).';
const SHIPPING = 'Where goods go.';
const NOTES = 'Free notes; at most 20,000 characters.';
const EXTERNAL_ID =
  'The integrator\'s id, at most 200 characters; unique per workspace (taken: BAD_USER_INPUT, EXTERNAL_ID_TAKEN).';
const EXPECTED_VERSION = 'Fails with CONFLICT (VERSION_MISMATCH) when the account changed since this version (Account.version).';

@InputType({ description: 'A new account. Optional fields left out (or empty text) are stored as not set.' })
export class CreateAccountInput {
  @Field({ description: NAME }) name: string;
  @Field(() => String, { nullable: true, description: LEGAL_NAME }) legalName?: string | null;
  @Field(() => String, { nullable: true, description: TAX_ID }) taxId?: string | null;
  @Field(() => AccountType, { description: TYPE }) type: AccountType;
  @Field(() => [String], { nullable: true, description: EMAILS }) emails?: string[];
  @Field(() => [String], { nullable: true, description: PHONES })
  phones?: string[];
  @Field(() => String, { nullable: true, description: WEBSITE }) website?: string | null;
  @Field(() => String, { nullable: true, description: INDUSTRY }) industry?: string | null;
  @Field(() => AddressInput, { nullable: true, description: BILLING }) billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true, description: SHIPPING }) shippingAddress?: AddressInput | null;
  @Field(() => String, { nullable: true, description: NOTES }) notes?: string | null;
  @Field(() => String, { nullable: true, description: EXTERNAL_ID }) externalId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active member of the workspace; defaults to the member creating the account (an API key: none).' })
  primaryOwnerId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Other active members who also own the account (at most 50); default: none.' })
  secondaryOwnerIds?: string[];
  @Field(() => [CharacteristicValueInput], {
    nullable: true,
    description: 'Characteristic values (at most 200); every required characteristic must be given.',
  })
  characteristics?: CharacteristicValueInput[];
}

@InputType({ description: 'Changes to an account; fields left out are kept, null clears an optional one.' })
export class UpdateAccountInput {
  @Field(() => ID, { description: 'The account to change (in the caller\'s portfolio).' }) id: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: NAME }) name?: string;
  @Field(() => String, { nullable: true, description: LEGAL_NAME }) legalName?: string | null;
  @Field(() => String, { nullable: true, description: TAX_ID }) taxId?: string | null;
  @Field(() => AccountType, { nullable: true, description: TYPE }) type?: AccountType;
  @Field(() => [String], { nullable: true, description: `${EMAILS} Replaces the list.` }) emails?: string[];
  @Field(() => [String], { nullable: true, description: `${PHONES} Replaces the list.` }) phones?: string[];
  @Field(() => String, { nullable: true, description: WEBSITE }) website?: string | null;
  @Field(() => String, { nullable: true, description: INDUSTRY }) industry?: string | null;
  @Field(() => AddressInput, { nullable: true, description: BILLING }) billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true, description: SHIPPING }) shippingAddress?: AddressInput | null;
  @Field(() => String, { nullable: true, description: NOTES }) notes?: string | null;
  @Field(() => String, { nullable: true, description: EXTERNAL_ID }) externalId?: string | null;
}

@InputType({ description: 'A record to archive or restore, optionally with the version the caller read.' })
export class RecordVersionInput {
  @Field(() => ID, { description: 'The record (in the caller\'s portfolio).' }) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the record changed since this version.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'The new owners of an account; they replace the current ones.' })
export class SetAccountOwnersInput {
  @Field(() => ID, { description: 'The account (in the caller\'s portfolio).' }) accountId: string;
  @Field(() => ID, { description: 'The primary owner: an active member of the workspace.' }) primaryOwnerId: string;
  @Field(() => [ID], { nullable: true, description: 'Secondary owners: active members (at most 50); default: none.' })
  secondaryOwnerIds?: string[];
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}

@InputType({ description: 'One account of upsertAccounts, keyed by externalId: created when new, else its given fields are set.' })
export class UpsertAccountRow {
  @Field({ description: 'The key of the upsert: the integrator\'s id, 1 to 200 characters, once per request.' }) externalId: string;
  @Field({ description: NAME }) name: string;
  @Field(() => String, { nullable: true, description: LEGAL_NAME }) legalName?: string | null;
  @Field(() => String, { nullable: true, description: TAX_ID }) taxId?: string | null;
  @Field(() => AccountType, { description: TYPE }) type: AccountType;
  @Field(() => [String], { nullable: true, description: EMAILS }) emails?: string[];
  @Field(() => [String], { nullable: true, description: PHONES }) phones?: string[];
  @Field(() => String, { nullable: true, description: WEBSITE }) website?: string | null;
  @Field(() => String, { nullable: true, description: INDUSTRY }) industry?: string | null;
  @Field(() => AddressInput, { nullable: true, description: BILLING }) billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true, description: SHIPPING }) shippingAddress?: AddressInput | null;
  @Field(() => String, { nullable: true, description: NOTES }) notes?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Primary owner of a created account, an active member (default: the calling member); existing accounts keep their owners.',
  })
  primaryOwnerId?: string | null;
}

@InputType({ description: 'Rows of upsertAccounts.' })
export class UpsertAccountsInput {
  @Field(() => [UpsertAccountRow], { description: 'Up to 1,000 rows (more: BAD_USER_INPUT for the whole request).' }) rows: UpsertAccountRow[];
}

@InputType({ description: 'A comment to add to a record\'s timeline.' })
export class AddCommentInput {
  @Field(() => ID, { description: 'The record: an account, contact, lead, deal, product or follow-up (a record kind with a timeline) within the caller\'s reach.' })
  recordId: string;
  @Field({ description: 'The comment text, trimmed: 1 to 20,000 characters.' }) body: string;
}
