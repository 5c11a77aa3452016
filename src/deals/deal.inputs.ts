import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar, LocalDateScalar } from '../platform/graphql/scalars';

const VERSION = 'Fails with CONFLICT (VERSION_MISMATCH) when the deal changed since this version.';

@InputType({ description: 'A product line: a catalog product (its name, price, tax and unit are copied unless given) or an inline product.' })
export class DealLineInput {
  @Field(() => ID, { nullable: true, description: 'A usable (active, non-archived) product of this workspace\'s catalog; left out: an inline product.' })
  productId?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for an inline product; default: the product\'s name. 1 to 300 characters.' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'Free text; default: none.' })
  description?: string | null;
  @Field(() => String, { nullable: true, description: 'Default: the product\'s unit, or "unit" for an inline product.' })
  unitOfMeasure?: string | null;
  @Field(() => DecimalScalar, { description: 'How many units: greater than 0, at most 12 digits before and 6 after the point.' })
  quantity: string;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Price of one unit in the deal\'s currency, >= 0 with at most 4 decimals. Required for an inline product; default: the product\'s price (its currency must be the deal\'s).',
  })
  unitPrice?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Percent, 0 to 100, at most 3 decimals; default: "0".' })
  discountPercent?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Percent, 0 to 100, at most 3 decimals. Required for an inline product; default: the product\'s tax rate.' })
  taxRate?: string | null;
}

@InputType({ description: 'A new deal\'s fields, its account aside (convertLead: the converted account).' })
export class NewDealInput {
  @Field({ description: '1 to 300 characters.' }) title: string;
  @Field(() => [ID], { nullable: true, description: 'Contacts of the deal\'s account (at most 50); default: none (convertLead: the converted contact).' }) contactIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'A non-archived pipeline of this workspace; default: the default pipeline.' }) pipelineId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An OPEN stage of that pipeline whose requirements the deal meets; default: its first stage.' })
  stageId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active member; default: the member creating it (none for an API key).' }) ownerId?: string | null;
  @Field({ description: 'ISO-4217 code, any case (e.g. "EUR").' }) currency: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'The manual amount (used while the deal has no lines): >= 0, at most the currency\'s minor-unit decimals.' })
  amount?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'YYYY-MM-DD; default: none.' }) expectedCloseDate?: string | null;
  @Field(() => String, { nullable: true, description: 'The integrator\'s id; unique per workspace.' }) externalId?: string | null;
  @Field(() => [DealLineInput], { nullable: true, description: 'Product lines (at most 200); default: none.' }) lines?: DealLineInput[] | null;
}

@InputType({ description: 'A new deal.' })
export class CreateDealInput extends NewDealInput {
  @Field(() => ID, { description: 'An account in the caller\'s portfolio (NOT_FOUND otherwise).' }) accountId: string;
}

@InputType({ description: 'Changes to a deal; fields left out are kept, null clears the optional ones. Stages change with moveDeal, winDeal, loseDeal and reopenDeal.' })
export class UpdateDealInput {
  @Field(() => ID, { description: 'The deal.' }) id: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'A new title.' }) title?: string | null;
  @Field(() => ID, { nullable: true, description: 'Another account in the caller\'s portfolio; the deal\'s contacts must then be of it (give contactIds too).' })
  accountId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'The whole new list of contacts, of the deal\'s account.' }) contactIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'Another active member; null: nobody.' }) ownerId?: string | null;
  @Field(() => String, { nullable: true, description: 'Another ISO-4217 code; refused while the deal has lines.' }) currency?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The manual amount; null clears it.' }) amount?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'YYYY-MM-DD; null clears it.' }) expectedCloseDate?: string | null;
  @Field(() => String, { nullable: true, description: 'The integrator\'s id; null clears it.' }) externalId?: string | null;
}

@InputType({ description: 'Replaces every line of a deal.' })
export class SetDealLinesInput {
  @Field(() => ID, { description: 'The deal.' }) dealId: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => [DealLineInput], { description: 'The new lines, in order (at most 200; empty: no lines, the manual amount applies again).' })
  lines: DealLineInput[];
}

@InputType({ description: 'Adds one line at the end of a deal\'s lines.' })
export class AddDealLineInput {
  @Field(() => ID, { description: 'The deal.' }) dealId: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => DealLineInput, { description: 'The line.' }) line: DealLineInput;
}

@InputType({ description: 'Changes to one line; fields left out are kept (the product stays what it was).' })
export class UpdateDealLineInput {
  @Field(() => ID, { description: 'The line.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The deal\'s version: fails with CONFLICT (VERSION_MISMATCH) when the deal changed since.' })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'A new name.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'A new description; null clears it.' }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'A new unit of measure.' }) unitOfMeasure?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'As in DealLineInput.' }) quantity?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'As in DealLineInput.' }) unitPrice?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'As in DealLineInput.' }) discountPercent?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'As in DealLineInput.' }) taxRate?: string | null;
}

@InputType({ description: 'A deal line, with the version of its deal the caller read.' })
export class DealLineVersionInput {
  @Field(() => ID, { description: 'The line.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The deal\'s version: fails with CONFLICT (VERSION_MISMATCH) when the deal changed since.' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Moves a deal to another stage of its pipeline.' })
export class MoveDealInput {
  @Field(() => ID, { description: 'The deal.' }) id: string;
  @Field(() => ID, { description: 'A current stage of the deal\'s pipeline.' }) stageId: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => ID, { nullable: true, description: 'Moving to a LOST stage: why (a non-archived lost reason); default: none.' }) lostReasonId?: string | null;
  @Field(() => String, { nullable: true, description: 'Moving to a LOST stage: a note; default: none.' }) lostNote?: string | null;
}

@InputType({ description: 'Wins a deal: moves it to its pipeline\'s (first) WON stage.' })
export class WinDealInput {
  @Field(() => ID, { description: 'The deal.' }) id: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
}

@InputType({ description: 'Loses a deal: moves it to its pipeline\'s (first) LOST stage, with why.' })
export class LoseDealInput {
  @Field(() => ID, { description: 'The deal.' }) id: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => ID, { description: 'A non-archived lost reason of this workspace (dealLostReasons).' }) reasonId: string;
  @Field(() => String, { nullable: true, description: 'Free text, at most 5,000 characters; default: none.' }) note?: string | null;
}

@InputType({ description: 'Reopens a won or lost deal.' })
export class ReopenDealInput {
  @Field(() => ID, { description: 'The deal.' }) id: string;
  @Field(() => Int, { nullable: true, description: VERSION }) expectedVersion?: number | null;
  @Field(() => ID, { nullable: true, description: 'An OPEN stage of its pipeline; default: the OPEN stage it was closed from.' }) stageId?: string | null;
}

@InputType({ description: 'One deal of upsertDeals, keyed by externalId. Fields left out keep their value on an existing deal.' })
export class UpsertDealRow {
  @Field({ description: 'The key of the upsert (the integrator\'s id); at most 200 characters.' }) externalId: string;
  @Field({ description: '1 to 300 characters.' }) title: string;
  @Field(() => ID, { nullable: true, description: 'An account in the caller\'s portfolio; a new deal needs it or accountExternalId.' })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: 'The externalId of an account in the caller\'s portfolio (when accountId is left out).' })
  accountExternalId?: string | null;
  @Field(() => ID, { nullable: true, description: 'New deals: a non-archived pipeline (default: the default one). Existing deals: must be their pipeline.' })
  pipelineId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'New deals: an OPEN stage of the pipeline (default: its first). Existing deals: must be their stage (stages change with moveDeal).',
  })
  stageId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active member; null: nobody. New deals default to the member sending them.' }) ownerId?: string | null;
  @Field({ description: 'ISO-4217 code (it cannot change while the deal has lines).' }) currency: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'The manual amount, as in createDeal; null clears it.' }) amount?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'YYYY-MM-DD; null clears it.' }) expectedCloseDate?: string | null;
}

@InputType({ description: 'Rows of upsertDeals.' })
export class UpsertDealsInput {
  @Field(() => [UpsertDealRow], { description: 'Up to 1,000 rows.' }) rows: UpsertDealRow[];
}
