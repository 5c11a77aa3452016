import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { DecimalScalar, LocalDateScalar } from '../../platform/graphql/scalars';
import { characteristicValueSchema } from '../account.schemas';
import { settingNameSchema } from '../../platform/settings/settings-list';
import { CharacteristicDataType, CharacteristicDefinition } from './characteristic-definition.entity';
import { CharacteristicValueInput } from './characteristic.inputs';

const OPTIONS = 'at most 500, each 1 to 200 characters, distinct ignoring case';

@InputType({ description: 'A new characteristic definition.' })
export class CreateCharacteristicDefinitionInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => CharacteristicDataType, { description: 'The type of its values.' }) dataType: CharacteristicDataType;
  @Field(() => [String], {
    nullable: true,
    description: `Allowed values (${OPTIONS}); required (at least one) for OPTION, not allowed for other types.`,
  })
  options?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'New accounts must have a value (default false).' }) required?: boolean | null;
}

@InputType({ description: 'Changes to a characteristic definition; fields left out (or null) are kept.' })
export class UpdateCharacteristicDefinitionInput {
  @Field(() => ID, { description: 'The definition (archived ones too).' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case; 1 to 200 characters).' }) name?: string | null;
  @Field(() => CharacteristicDataType, { nullable: true, description: 'A new type: only while no account has a value for it (else CONFLICT, IN_USE).' })
  dataType?: CharacteristicDataType | null;
  @Field(() => [String], {
    nullable: true,
    description: `Replaces the options (${OPTIONS}); options in use by accounts cannot be removed (CONFLICT, IN_USE).`,
  })
  options?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether new accounts must have a value (existing ones are not checked).' })
  required?: boolean | null;
}

@InputType({ description: 'One characteristic value to set on an account (or to remove).' })
export class SetAccountCharacteristicInput {
  @Field(() => ID, { description: 'The account (in the caller\'s portfolio).' }) accountId: string;
  @Field(() => CharacteristicValueInput, { description: 'Fill the field matching the data type; all empty removes the value.' })
  value: CharacteristicValueInput;
  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT (VERSION_MISMATCH) when the account changed since this version.' })
  expectedVersion?: number | null;
}

@ObjectType({ description: 'The value of one characteristic on an account (the field matching its data type is set).' })
export class AccountCharacteristicValue {
  @Field(() => CharacteristicDefinition, { description: 'Archived definitions included: their values stay readable.' })
  definition: CharacteristicDefinition;
  @Field(() => String, { nullable: true, description: 'The value of a TEXT characteristic; else null.' }) text: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'The value of a NUMBER characteristic (exact decimal string); else null.' })
  number: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The value of a DATE characteristic (YYYY-MM-DD); else null.' }) date: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The value of a BOOLEAN characteristic; else null.' }) boolean: boolean | null;
  @Field(() => String, { nullable: true, description: 'The option chosen, for an OPTION characteristic; else null.' }) option: string | null;
  @Field({ description: 'When the value was last set (UTC).' }) updatedAt: Date;
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
