import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { optionalText } from '../../platform/text/normalize';
import { settingNameSchema } from '../../platform/settings/settings-list';

@InputType()
export class CreateRelationshipTypeInput {
  @Field({ description: 'Label seen from the "from" account, e.g. "parent of".' }) name: string;
  @Field(() => String, { nullable: true, description: 'Label seen from the "to" account, e.g. "subsidiary of"; none for symmetric links.' })
  inverseName?: string | null;
}

@InputType()
export class UpdateRelationshipTypeInput {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'null (or empty) removes the inverse label.' }) inverseName?: string | null;
}

@InputType()
export class AddAccountRelationshipInput {
  @Field(() => ID) fromAccountId: string;
  @Field(() => ID) toAccountId: string;
  @Field(() => ID) typeId: string;
  @Field(() => String, { nullable: true, description: 'Why the accounts are linked.' }) reason?: string | null;
}

@InputType()
export class RemoveAccountRelationshipInput {
  @Field(() => ID) id: string;
}

export enum RelationshipDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
}
registerEnumType(RelationshipDirection, {
  name: 'RelationshipDirection',
  description: 'OUTGOING: this account is the "from" side of the link; INCOMING: the "to" side.',
});

/** A link between two accounts, seen from one of them. `type`, `label` and `otherAccount` are resolved by loaders. */
@ObjectType({ description: 'A link to another account, seen from this account.' })
export class AccountRelationshipView {
  @Field(() => ID) id: string;
  @Field(() => RelationshipDirection) direction: RelationshipDirection;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() createdAt: Date;
  typeId: string;
  /** The account this view is seen from. */
  accountId: string;
  otherAccountId: string;
}

export const createRelationshipTypeSchema = z.object({
  name: settingNameSchema,
  inverseName: optionalText(200),
});

export const updateRelationshipTypeSchema = z.object({
  id: z.string(),
  name: settingNameSchema.nullable().optional(),
  inverseName: optionalText(200),
});

const accountId = z.uuid({ message: 'must be an account id' });

export const addAccountRelationshipSchema = z
  .object({
    fromAccountId: accountId,
    toAccountId: accountId,
    typeId: z.uuid({ message: 'must be a relationship type id' }),
    reason: optionalText(2000),
  })
  .refine((input) => input.fromAccountId !== input.toAccountId, {
    path: ['toAccountId'],
    message: 'must be a different account than fromAccountId',
  });

export const removeAccountRelationshipSchema = z.object({ id: z.string() });
