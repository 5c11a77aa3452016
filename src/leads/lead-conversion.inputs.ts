import { Field, ID, InputType, Int } from 'type-graphql';
import { CreateAccountInput } from '../accounts/account.inputs';
import { CreateContactInput } from '../accounts/contact.inputs';
import { NewDealInput } from '../deals/deal.inputs';

@InputType({ description: 'The account a lead becomes: exactly one of existingId and new.' })
export class ConvertLeadAccountInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Link a non-archived account in the caller\'s portfolio (NOT_FOUND otherwise); a LEAD account is promoted to PROSPECT.',
  })
  existingId?: string | null;
  @Field(() => CreateAccountInput, { nullable: true, description: 'Create an account (as createAccount); type LEAD is stored as PROSPECT.' })
  new?: CreateAccountInput | null;
}

@InputType({ description: 'The contact a lead becomes: exactly one of existingId and new.' })
export class ConvertLeadContactInput {
  @Field(() => ID, { nullable: true, description: 'Link a visible contact of the account (NOT_FOUND when not visible, BAD_USER_INPUT when of another account).' })
  existingId?: string | null;
  @Field(() => CreateContactInput, { nullable: true, description: 'Create a contact (as createContact) of the account; leave accountId out.' })
  new?: CreateContactInput | null;
}

@InputType({ description: 'Converts an open lead into an account, maybe a contact and maybe a deal, in one transaction.' })
export class ConvertLeadInput {
  @Field(() => ID, { description: 'An open (NEW or IN_PROGRESS) lead the caller may see.' }) leadId: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the lead changed since this version.' })
  expectedVersion?: number | null;
  @Field(() => ConvertLeadAccountInput, { description: 'The account: an existing one or a new one.' }) account: ConvertLeadAccountInput;
  @Field(() => ConvertLeadContactInput, { nullable: true, description: 'The contact: an existing one, a new one, or none (left out).' })
  contact?: ConvertLeadContactInput | null;
  @Field(() => NewDealInput, {
    nullable: true,
    description: 'A new deal of the account (as createDeal; its contacts default to the converted contact), or none (left out). Needs deals:write for API keys.',
  })
  deal?: NewDealInput | null;
}
