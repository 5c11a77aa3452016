import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { DecimalScalar, LocalDateScalar } from '../../platform/graphql/scalars';
import { characteristicValueSchema } from '../account.schemas';
import { settingNameSchema } from '../../platform/settings/settings-list';
import { CharacteristicDataType, CharacteristicDefinition } from './characteristic-definition.entity';
import { CharacteristicValueInput } from './characteristic.inputs';

@InputType()
export class CreateCharacteristicDefinitionInput {
  @Field() name: string;
  @Field(() => CharacteristicDataType) dataType: CharacteristicDataType;
  @Field(() => [String], { nullable: true, description: 'Allowed values; required (at least one) for OPTION, not allowed for other types.' })
  options?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'New accounts must have a value (default false).' }) required?: boolean | null;
}

@InputType()
export class UpdateCharacteristicDefinitionInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => CharacteristicDataType, { nullable: true, description: 'Only while no account has a value for it.' })
  dataType?: CharacteristicDataType | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the options; options in use by accounts cannot be removed.' })
  options?: string[] | null;
  @Field(() => Boolean, { nullable: true }) required?: boolean | null;
}

@InputType()
export class SetAccountCharacteristicInput {
  @Field(() => ID) accountId: string;
  @Field(() => CharacteristicValueInput, { description: 'Fill the field matching the data type; all empty removes the value.' })
  value: CharacteristicValueInput;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT when the account changed since this version.' })
  expectedVersion?: number | null;
}

@ObjectType({ description: 'The value of one characteristic on an account (the field matching its data type is set).' })
export class AccountCharacteristicValue {
  @Field(() => CharacteristicDefinition, { description: 'Archived definitions included: their values stay readable.' })
  definition: CharacteristicDefinition;
  @Field(() => String, { nullable: true }) text: string | null;
  @Field(() => DecimalScalar, { nullable: true }) number: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) date: string | null;
  @Field(() => Boolean, { nullable: true }) boolean: boolean | null;
  @Field(() => String, { nullable: true }) option: string | null;
  @Field() updatedAt: Date;
}

const optionsSchema = z
  .array(z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'))
  .max(500, 'at most 500 options');

/** OPTION needs at least one option, all distinct; other types take none. Problems name `options` (or `options.N`). */
export function optionProblems(dataType: CharacteristicDataType, options: string[]): { path: (string | number)[]; message: string }[] {
  if (dataType !== CharacteristicDataType.OPTION) {
    return options.length ? [{ path: ['options'], message: `only OPTION characteristics take options, not ${dataType}` }] : [];
  }
  if (!options.length) return [{ path: ['options'], message: 'an OPTION characteristic needs at least one option' }];
  const seen = new Set<string>();
  return options.flatMap((option, index) => {
    const key = option.toLowerCase();
    if (seen.has(key)) return [{ path: ['options', index], message: `"${option}" is repeated` }];
    seen.add(key);
    return [];
  });
}

export const createCharacteristicDefinitionSchema = z
  .object({
    name: settingNameSchema,
    dataType: z.enum(CharacteristicDataType),
    options: optionsSchema.nullable().optional(),
    required: z.boolean().nullable().optional(),
  })
  .superRefine((input, ctx) => {
    for (const problem of optionProblems(input.dataType, input.options ?? [])) ctx.addIssue({ code: 'custom', ...problem });
  });

export const updateCharacteristicDefinitionSchema = z.object({
  id: z.string(),
  name: settingNameSchema.nullable().optional(),
  dataType: z.enum(CharacteristicDataType).nullable().optional(),
  options: optionsSchema.nullable().optional(),
  required: z.boolean().nullable().optional(),
});

export const setAccountCharacteristicSchema = z.object({
  accountId: z.uuid({ message: 'must be an account id' }),
  value: characteristicValueSchema,
  expectedVersion: z.number().int().nullable().optional(),
});
