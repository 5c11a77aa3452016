import { Field, ID, InputType, Int } from 'type-graphql';
import { AccountType } from './account-type';
import { AddressInput } from './address';
import { CharacteristicValueInput } from './characteristics/characteristic.inputs';

@InputType()
export class CreateAccountInput {
  @Field() name: string;
  @Field(() => String, { nullable: true }) legalName?: string | null;
  @Field(() => String, { nullable: true }) taxId?: string | null;
  @Field(() => AccountType) type: AccountType;
  @Field(() => [String], { nullable: true }) emails?: string[];
  @Field(() => [String], { nullable: true, description: 'Any common format; stored as E.164 (the workspace default country applies to local numbers).' })
  phones?: string[];
  @Field(() => String, { nullable: true }) website?: string | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => AddressInput, { nullable: true }) billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true }) shippingAddress?: AddressInput | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => String, { nullable: true }) externalId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Defaults to the member creating the account.' })
  primaryOwnerId?: string | null;
  @Field(() => [ID], { nullable: true }) secondaryOwnerIds?: string[];
  @Field(() => [CharacteristicValueInput], { nullable: true }) characteristics?: CharacteristicValueInput[];
}

@InputType()
export class UpdateAccountInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT when the account changed since this version.' })
  expectedVersion?: number | null;
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) legalName?: string | null;
  @Field(() => String, { nullable: true }) taxId?: string | null;
  @Field(() => AccountType, { nullable: true }) type?: AccountType;
  @Field(() => [String], { nullable: true }) emails?: string[];
  @Field(() => [String], { nullable: true }) phones?: string[];
  @Field(() => String, { nullable: true }) website?: string | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => AddressInput, { nullable: true }) billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true }) shippingAddress?: AddressInput | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => String, { nullable: true }) externalId?: string | null;
}

@InputType()
export class RecordVersionInput {
  @Field(() => ID) id: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
export class SetAccountOwnersInput {
  @Field(() => ID) accountId: string;
  @Field(() => ID) primaryOwnerId: string;
  @Field(() => [ID], { nullable: true }) secondaryOwnerIds?: string[];
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType()
export class UpsertAccountRow {
  @Field({ description: 'The key of the upsert.' }) externalId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) legalName?: string | null;
  @Field(() => String, { nullable: true }) taxId?: string | null;
  @Field(() => AccountType) type: AccountType;
  @Field(() => [String], { nullable: true }) emails?: string[];
  @Field(() => [String], { nullable: true }) phones?: string[];
  @Field(() => String, { nullable: true }) website?: string | null;
  @Field(() => String, { nullable: true }) industry?: string | null;
  @Field(() => AddressInput, { nullable: true }) billingAddress?: AddressInput | null;
  @Field(() => AddressInput, { nullable: true }) shippingAddress?: AddressInput | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owner of created accounts (defaults to the calling member).' })
  primaryOwnerId?: string | null;
}

@InputType()
export class UpsertAccountsInput {
  @Field(() => [UpsertAccountRow], { description: 'Up to 1,000 rows.' }) rows: UpsertAccountRow[];
}

@InputType()
export class AddCommentInput {
  @Field(() => ID, { description: 'Account or contact (later: any record with a timeline).' }) recordId: string;
  @Field() body: string;
}
