import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { optionalText } from '../../platform/text/normalize';
import { settingNameSchema } from '../../platform/settings/settings-list';

@InputType({ description: 'A new relationship type.' })
export class CreateRelationshipTypeInput {
  @Field({ description: 'Label seen from the "from" account, e.g. "parent of"; unique in the workspace ignoring case; 1 to 200 characters.' })
  name: string;
  @Field(() => String, {
    nullable: true,
    description: 'Label seen from the "to" account, e.g. "subsidiary of", at most 200 characters; none for symmetric links.',
  })
  inverseName?: string | null;
}

@InputType({ description: 'Changes to a relationship type.' })
export class UpdateRelationshipTypeInput {
  @Field(() => ID, { description: 'The relationship type (archived ones too).' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case; 1 to 200 characters); left out or null: kept.' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: 'A new inverse label; null (or empty) removes it; left out: kept.' }) inverseName?: string | null;
}

@InputType({ description: 'A link between two accounts of the caller\'s portfolio.' })
export class AddAccountRelationshipInput {
  @Field(() => ID, { description: 'The "from" account: it shows the type\'s name (e.g. "parent of").' }) fromAccountId: string;
  @Field(() => ID, { description: 'The "to" account, another one: it shows the inverse name (e.g. "subsidiary of").' }) toAccountId: string;
  @Field(() => ID, { description: 'A non-archived relationship type of the workspace.' }) typeId: string;
  @Field(() => String, { nullable: true, description: 'Why the accounts are linked; at most 2,000 characters; default: none.' })
  reason?: string | null;
}

@InputType({ description: 'A link to remove.' })
export class RemoveAccountRelationshipInput {
  @Field(() => ID, { description: 'The link (AccountRelationshipView.id).' }) id: string;
}

export enum RelationshipDirection {
  OUTGOING = 'OUTGOING',
  INCOMING = 'INCOMING',
}
registerEnumType(RelationshipDirection, {
  name: 'RelationshipDirection',
  description: 'OUTGOING: this account is the "from" side of the link; INCOMING: the "to" side.',
  valuesConfig: {
    OUTGOING: { description: 'This account is the "from" side: the link shows the type\'s name.' },
    INCOMING: { description: 'This account is the "to" side: the link shows the type\'s inverse name (or its name).' },
  },
});

/** A link between two accounts, seen from one of them. `type`, `label` and `otherAccount` are resolved by loaders. */
@ObjectType({ description: 'A link to another account, seen from this account.' })
export class AccountRelationshipView {
  @Field(() => ID, { description: 'The link\'s id (the same seen from either account).' }) id: string;
  @Field(() => RelationshipDirection, { description: 'Which side of the link this account is.' }) direction: RelationshipDirection;
  @Field(() => String, { nullable: true, description: 'Why the accounts are linked; null when none was given.' }) reason: string | null;
  @Field({ description: 'When the accounts were linked (UTC).' }) createdAt: Date;
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
