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
    description: 'Requires MEMBER or above. Links two accounts of the caller\'s portfolio; answers the link as seen from the "from" account.',
  })
  addAccountRelationship(@Arg('input') input: AddAccountRelationshipInput, @Ctx() context: RequestContext): Promise<AccountRelationshipView> {
    return context.services.accountRelationships.add(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => AccountRelationshipView, { description: 'Requires MEMBER or above. Unlinks two accounts of the caller\'s portfolio; answers the removed link.' })
  removeAccountRelationship(
    @Arg('input') input: RemoveAccountRelationshipInput,
    @Ctx() context: RequestContext,
  ): Promise<AccountRelationshipView> {
    return context.services.accountRelationships.remove(principalOf(context), input);
  }
}

@Resolver(() => AccountRelationshipView)
export class AccountRelationshipViewResolver {
  @FieldResolver(() => RelationshipType, { description: 'Archived types included.' })
  async type(@Root() view: AccountRelationshipView, @Ctx() context: RequestContext): Promise<RelationshipType> {
    return requireFound(await context.loaders.accountDetails.relationshipType.load(view.typeId), 'Relationship type');
  }

  @FieldResolver(() => String, { description: 'The type\'s name going out; its inverse name (or name) coming in.' })
  async label(@Root() view: AccountRelationshipView, @Ctx() context: RequestContext): Promise<string> {
    const type = requireFound(await context.loaders.accountDetails.relationshipType.load(view.typeId), 'Relationship type');
    return relationshipLabel(type, view.direction);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'null when the other account is outside the caller\'s portfolio.' })
  otherAccount(@Root() view: AccountRelationshipView, @Ctx() context: RequestContext): Promise<Account | null> {
    return context.loaders.accounts.account.load(view.otherAccountId);
  }
}
