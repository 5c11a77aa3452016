import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { optionalText } from '../../platform/text/normalize';
import { settingNameSchema } from '../../platform/settings/settings-list';
import { InterestArea, InterestKind } from './interest-area.entity';

@InputType()
export class CreateInterestAreaInput {
  @Field() name: string;
}

@InputType()
export class UpdateInterestAreaInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@InputType()
export class SetAccountInterestInput {
  @Field(() => ID) accountId: string;
  @Field(() => ID) areaId: string;
  @Field(() => InterestKind) kind: InterestKind;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT when the account changed since this version.' })
  expectedVersion?: number | null;
}

@InputType()
export class RemoveAccountInterestInput {
  @Field(() => ID) accountId: string;
  @Field(() => ID) areaId: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@ObjectType({ description: 'An account\'s stance on an interest area: interest, disinterest or an unmet need.' })
export class AccountInterestView {
  @Field(() => InterestArea, { description: 'Archived areas included: existing interests stay readable.' }) area: InterestArea;
  @Field(() => InterestKind) kind: InterestKind;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() updatedAt: Date;
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
