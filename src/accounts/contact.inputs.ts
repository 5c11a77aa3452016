import { Field, ID, InputType, Int } from 'type-graphql';
import { Connection } from '../platform/pagination/connection';
import { Contact } from './contact.entity';

export const ContactConnection = Connection(Contact, 'Contact');
export type ContactConnection = InstanceType<typeof ContactConnection>;

@InputType()
export class CreateContactInput {
  @Field(() => ID, { nullable: true, description: 'The account the person belongs to (one in your portfolio); none for a loose contact.' })
  accountId?: string | null;
  @Field() firstName: string;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => [String], { nullable: true }) emails?: string[];
  @Field(() => [String], { nullable: true, description: 'Any common format; stored as E.164 (the workspace default country applies to local numbers).' })
  phones?: string[];
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'Defaults to the member creating the contact; decides who sees a loose contact.' })
  ownerId?: string | null;
  @Field(() => String, { nullable: true }) externalId?: string | null;
}

@InputType()
export class UpdateContactInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT when the contact changed since this version.' })
  expectedVersion?: number | null;
  @Field(() => ID, { nullable: true, description: 'Moves the contact to another account of your portfolio; null makes it loose.' })
  accountId?: string | null;
  @Field(() => String, { nullable: true }) firstName?: string;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => [String], { nullable: true }) emails?: string[];
  @Field(() => [String], { nullable: true }) phones?: string[];
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => String, { nullable: true }) externalId?: string | null;
}

@InputType()
export class UpsertContactRow {
  @Field({ description: 'The key of the upsert.' }) externalId: string;
  @Field(() => ID, { nullable: true, description: 'The account, by id (or give accountExternalId; null detaches).' })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: 'The account, by its externalId.' })
  accountExternalId?: string | null;
  @Field() firstName: string;
  @Field(() => String, { nullable: true }) lastName?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => [String], { nullable: true }) emails?: string[];
  @Field(() => [String], { nullable: true }) phones?: string[];
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owner (defaults to the calling member for created contacts).' })
  ownerId?: string | null;
}

@InputType()
export class UpsertContactsInput {
  @Field(() => [UpsertContactRow], { description: 'Up to 1,000 rows.' }) rows: UpsertContactRow[];
}
