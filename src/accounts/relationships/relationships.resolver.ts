import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../identity/roles';
import { Guard } from '../../platform/auth/guard';
import { principalOf, type RequestContext } from '../../platform/context/context';
import { Account } from '../account.entity';
import { requireFound } from '../../platform/errors/errors';
import { SettingIdInput } from '../settings-list';
import { relationshipLabel } from './account-relationships.service';
import { RelationshipType } from './relationship-type.entity';
import {
  AccountRelationshipView,
  AddAccountRelationshipInput,
  CreateRelationshipTypeInput,
  RemoveAccountRelationshipInput,
  UpdateRelationshipTypeInput,
} from './relationship.inputs';

/** Settings: relationship types; and linking accounts with them. */
@Resolver()
export class RelationshipsResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => [RelationshipType], { description: 'Relationship types of the workspace, by name.' })
  relationshipTypes(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() context: RequestContext,
  ): Promise<RelationshipType[]> {
    return context.services.relationshipTypes.list(principalOf(context), includeArchived);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => RelationshipType, { description: 'Requires ADMIN or above.' })
  createRelationshipType(@Arg('input') input: CreateRelationshipTypeInput, @Ctx() context: RequestContext): Promise<RelationshipType> {
    return context.services.relationshipTypes.create(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => RelationshipType, { description: 'Requires ADMIN or above.' })
  updateRelationshipType(@Arg('input') input: UpdateRelationshipTypeInput, @Ctx() context: RequestContext): Promise<RelationshipType> {
    return context.services.relationshipTypes.update(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => RelationshipType, { description: 'Requires ADMIN or above. Existing links keep it; new links can\'t use it.' })
  archiveRelationshipType(@Arg('input') input: SettingIdInput, @Ctx() context: RequestContext): Promise<RelationshipType> {
    return context.services.relationshipTypes.archive(principalOf(context), input.id);
  }

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
