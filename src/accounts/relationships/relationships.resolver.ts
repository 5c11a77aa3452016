import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Role } from '../../identity/roles';
import { Guard } from '../../platform/auth/guard';
import { principalOf, type RequestContext } from '../../platform/context/context';
import { Account } from '../account.entity';
import { requireFound } from '../../platform/errors/errors';
import { settingsListResolver } from '../../platform/settings/settings-list.resolver';
import { relationshipLabel } from './account-relationships.service';
import { RelationshipType } from './relationship-type.entity';
import { relationshipTypes } from './relationship-types.service';
import { AccountRelationshipView, AddAccountRelationshipInput, RemoveAccountRelationshipInput } from './relationship.inputs';

/** Settings: relationship types; and linking accounts with them. */
@Resolver()
export class RelationshipsResolver extends settingsListResolver(relationshipTypes, (services) => services.relationshipTypes) {
  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => AccountRelationshipView, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Links two accounts of the caller\'s ' +
      'portfolio (ACCOUNT_RELATIONSHIP_ADDED on both timelines); answers the link as seen from the "from" account. ' +
      'Errors: NOT_FOUND when either account is outside the portfolio; BAD_USER_INPUT (the same account twice, ' +
      'input.typeId unknown or archived); CONFLICT (ALREADY_LINKED with this type, either direction).',
  })
  addAccountRelationship(@Arg('input', { description: 'The two accounts, the type and the reason.' }) input: AddAccountRelationshipInput, @Ctx() context: RequestContext): Promise<AccountRelationshipView> {
    return context.services.accountRelationships.add(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => AccountRelationshipView, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Unlinks two accounts of the ' +
      'caller\'s portfolio; answers the removed link as seen from its "from" account. Errors: NOT_FOUND when the link ' +
      'does not exist or either account is outside the portfolio.',
  })
  removeAccountRelationship(
    @Arg('input', { description: 'The link to remove.' }) input: RemoveAccountRelationshipInput,
    @Ctx() context: RequestContext,
  ): Promise<AccountRelationshipView> {
    return context.services.accountRelationships.remove(principalOf(context), input);
  }
}

@Resolver(() => AccountRelationshipView)
export class AccountRelationshipViewResolver {
  @FieldResolver(() => RelationshipType, { description: 'The kind of link (archived types included).' })
  async type(@Root() view: AccountRelationshipView, @Ctx() context: RequestContext): Promise<RelationshipType> {
    return requireFound(await context.loaders.accountDetails.relationshipType.load(view.typeId), 'Relationship type');
  }

  @FieldResolver(() => String, { description: 'How this account sees the link: the type\'s name going out; its inverse name (or name) coming in.' })
  async label(@Root() view: AccountRelationshipView, @Ctx() context: RequestContext): Promise<string> {
    const type = requireFound(await context.loaders.accountDetails.relationshipType.load(view.typeId), 'Relationship type');
    return relationshipLabel(type, view.direction);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account at the other end; null when it is outside the caller\'s portfolio.' })
  otherAccount(@Root() view: AccountRelationshipView, @Ctx() context: RequestContext): Promise<Account | null> {
    return context.loaders.accounts.account.load(view.otherAccountId);
  }
}
