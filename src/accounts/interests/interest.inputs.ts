import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { optionalText } from '../../platform/text/normalize';
import { settingNameSchema } from '../../platform/settings/settings-list';
import { InterestArea, InterestKind } from './interest-area.entity';

const EXPECTED_VERSION = 'Fails with CONFLICT (VERSION_MISMATCH) when the account changed since this version.';

@InputType({ description: 'A new interest area.' })
export class CreateInterestAreaInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
}

@InputType({ description: 'Changes to an interest area.' })
export class UpdateInterestAreaInput {
  @Field(() => ID, { description: 'The interest area (archived ones too).' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case; 1 to 200 characters); left out or null: kept.' })
  name?: string | null;
}

@InputType({ description: 'An account\'s stance on one interest area; it replaces any stance the account had on it.' })
export class SetAccountInterestInput {
  @Field(() => ID, { description: 'The account (in the caller\'s portfolio).' }) accountId: string;
  @Field(() => ID, { description: 'A non-archived interest area of the workspace.' }) areaId: string;
  @Field(() => InterestKind, { description: 'Interest, disinterest or unmet need.' }) kind: InterestKind;
  @Field(() => String, { nullable: true, description: 'Why, or what is needed; at most 2,000 characters; default: none.' })
  note?: string | null;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION })
  expectedVersion?: number | null;
}

@InputType({ description: 'The stance to remove: an account and an area.' })
export class RemoveAccountInterestInput {
  @Field(() => ID, { description: 'The account (in the caller\'s portfolio).' }) accountId: string;
  @Field(() => ID, { description: 'The interest area (archived ones too).' }) areaId: string;
  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION }) expectedVersion?: number | null;
}

@ObjectType({ description: 'An account\'s stance on an interest area: interest, disinterest or an unmet need.' })
export class AccountInterestView {
  @Field(() => InterestArea, { description: 'Archived areas included: existing interests stay readable.' }) area: InterestArea;
  @Field(() => InterestKind, { description: 'Interest, disinterest or unmet need.' }) kind: InterestKind;
  @Field(() => String, { nullable: true, description: 'Why, or what is needed; null when none was given.' }) note: string | null;
  @Field({ description: 'When the stance was last set (UTC).' }) updatedAt: Date;
}

export const createInterestAreaSchema = z.object({ name: settingNameSchema });

export const updateInterestAreaSchema = z.object({ id: z.string(), name: settingNameSchema.nullable().optional() });

const accountId = z.uuid({ message: 'must be an account id' });
const areaId = z.uuid({ message: 'must be an interest area id' });

export const setAccountInterestSchema = z.object({
  accountId,
  areaId,
  kind: z.enum(InterestKind),
  note: optionalText(2000),
  expectedVersion: z.number().int().nullable().optional(),
});

export const removeAccountInterestSchema = z.object({
  accountId,
  areaId,
  expectedVersion: z.number().int().nullable().optional(),
});
