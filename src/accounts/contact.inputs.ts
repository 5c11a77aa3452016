import { Field, ID, InputType, Int } from 'type-graphql';
import { Connection } from '../platform/pagination/connection';
import { Contact } from './contact.entity';

export const ContactConnection = Connection(Contact, 'Contact');
export type ContactConnection = InstanceType<typeof ContactConnection>;

// Descriptions shared by the create, update and upsert inputs (same rules: contact.schemas.ts).
const FIRST_NAME = 'First (given) name; 1 to 200 characters.';
const LAST_NAME = 'Last (family) name; at most 200 characters; default "".';
const POSITION = 'Position (job title); at most 200 characters.';
const EMAILS = 'Email addresses (at most 20); stored lower case, without repeats.';
const PHONES = 'Any common format (at most 20); stored as E.164 (the workspace default country applies to local numbers).';
const NOTES = 'Free notes; at most 20,000 characters.';
const EXTERNAL_ID =
  'The integrator\'s id, at most 200 characters; unique per workspace (taken: BAD_USER_INPUT, EXTERNAL_ID_TAKEN).';

@InputType({ description: 'A new contact. Optional fields left out (or empty text) are stored as not set.' })
export class CreateContactInput {
  @Field(() => ID, { nullable: true, description: 'The account the person belongs to (one in your portfolio, else NOT_FOUND); none for a loose contact.' })
  accountId?: string | null;
  @Field({ description: FIRST_NAME }) firstName: string;
  @Field(() => String, { nullable: true, description: LAST_NAME }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: POSITION }) position?: string | null;
  @Field(() => [String], { nullable: true, description: EMAILS }) emails?: string[];
  @Field(() => [String], { nullable: true, description: PHONES })
  phones?: string[];
  @Field(() => String, { nullable: true, description: NOTES }) notes?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'An active member; defaults to the member creating the contact (an API key: none); decides who sees a loose contact.',
  })
  ownerId?: string | null;
  @Field(() => String, { nullable: true, description: EXTERNAL_ID }) externalId?: string | null;
}

@InputType({ description: 'Changes to a contact; fields left out are kept, null clears an optional one.' })
export class UpdateContactInput {
  @Field(() => ID, { description: 'The contact to change (within the caller\'s reach).' }) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the contact changed since this version.' })
  expectedVersion?: number | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Moves the contact (and its documents) to another account of your portfolio (else NOT_FOUND); null makes it loose.',
  })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: FIRST_NAME }) firstName?: string;
  @Field(() => String, { nullable: true, description: 'Last (family) name; at most 200 characters; null clears it ("").' }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: POSITION }) position?: string | null;
  @Field(() => [String], { nullable: true, description: `${EMAILS} Replaces the list.` }) emails?: string[];
  @Field(() => [String], { nullable: true, description: `${PHONES} Replaces the list.` }) phones?: string[];
  @Field(() => String, { nullable: true, description: NOTES }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'A new owner (an active member); null: none.' }) ownerId?: string | null;
  @Field(() => String, { nullable: true, description: EXTERNAL_ID }) externalId?: string | null;
}

@InputType({ description: 'One contact of upsertContacts, keyed by externalId: created when new, else its given fields are set.' })
export class UpsertContactRow {
  @Field({ description: 'The key of the upsert: the integrator\'s id, 1 to 200 characters, once per request.' }) externalId: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The account, by id, in your portfolio (or give accountExternalId, not both; null detaches; left out: kept).',
  })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: 'The account, by its externalId, in your portfolio (null detaches).' })
  accountExternalId?: string | null;
  @Field({ description: FIRST_NAME }) firstName: string;
  @Field(() => String, { nullable: true, description: LAST_NAME }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: POSITION }) position?: string | null;
  @Field(() => [String], { nullable: true, description: EMAILS }) emails?: string[];
  @Field(() => [String], { nullable: true, description: PHONES }) phones?: string[];
  @Field(() => String, { nullable: true, description: NOTES }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owner, an active member (defaults to the calling member for created contacts).' })
  ownerId?: string | null;
}

@InputType({ description: 'Rows of upsertContacts.' })
export class UpsertContactsInput {
  @Field(() => [UpsertContactRow], { description: 'Up to 1,000 rows (more: BAD_USER_INPUT for the whole request).' }) rows: UpsertContactRow[];
}
