import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectedFields } from '../platform/graphql/selection';
import { accountProjection } from './account.projection';
import { Membership } from '../identity/identity.public';
import { Role } from '../identity/roles';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { TimelineArgs, TimelineConnection } from '../platform/timeline/timeline.types';
import { AccountType } from './account-type';
import { Account } from './account.entity';
import { AccountFilter, AccountOrder } from './account.filter';
import {
  CreateAccountInput,
  RecordVersionInput,
  SetAccountOwnersInput,
  UpdateAccountInput,
  UpsertAccountsInput,
} from './account.inputs';
import { UpsertRowResult } from '../platform/bulk/upsert-rows';
import { Actor, actorOf } from '../platform/auth/actor.types';
import { AccountConnection, AccountOwnerView } from './account.types';

@Resolver(() => Account)
export class AccountsResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => Account, { description: 'An account in the caller\'s portfolio (archived ones included).' })
  account(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.get(principalOf(context), id);
  }

  @Guard({ scope: 'accounts:read' })
  @Query(() => AccountConnection, { complexity: connectionComplexity })
  accounts(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AccountFilter, { nullable: true }) filter: AccountFilter | null,
    @Arg('orderBy', () => [AccountOrder], { nullable: true }) orderBy: AccountOrder[] | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountConnection> {
    const projection = accountProjection.of(selectedFields(info, 'connection'));
    return context.services.accounts.list(principalOf(context), { ...page, filter, orderBy }, projection);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, { description: 'Requires MEMBER or above.' })
  createAccount(@Arg('input') input: CreateAccountInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.create(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, { description: 'Requires MEMBER or above.' })
  updateAccount(@Arg('input') input: UpdateAccountInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.update(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, { description: 'Requires MEMBER or above. Leaves default lists; still readable by id.' })
  archiveAccount(@Arg('input') input: RecordVersionInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.archive(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, { description: 'Requires MEMBER or above.' })
  restoreAccount(@Arg('input') input: RecordVersionInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.restore(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard({ scope: 'accounts:write', role: Role.MANAGER })
  @Mutation(() => Account, { description: 'Requires MANAGER or above. Replaces the primary and secondary owners.' })
  setAccountOwners(@Arg('input') input: SetAccountOwnersInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.setOwners(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => [UpsertRowResult], { description: 'Requires MEMBER or above. Creates or updates up to 1,000 accounts by externalId; one result per row.' })
  upsertAccounts(@Arg('input') input: UpsertAccountsInput, @Ctx() context: RequestContext): Promise<UpsertRowResult[]> {
    return context.services.accountUpserts.upsert(principalOf(context), input.rows);
  }

  @FieldResolver(() => String, { description: 'Display label of the type; OTHER shows the workspace\'s own label.' })
  async typeLabel(@Root() account: Account, @Ctx() context: RequestContext): Promise<string> {
    if (account.type !== AccountType.OTHER) return account.type.charAt(0) + account.type.slice(1).toLowerCase();
    const workspace = await context.loaders.identity.workspace.load(account.workspaceId);
    return workspace?.otherAccountTypeLabel ?? 'Other';
  }

  @FieldResolver(() => Membership, { nullable: true })
  async primaryOwner(@Root() account: Account, @Ctx() context: RequestContext): Promise<Membership | null> {
    const owners = await context.loaders.accounts.ownersOfAccount.load(account.id);
    const primary = owners.find((owner) => owner.isPrimary);
    return primary ? context.loaders.identity.membership.load(primary.membershipId) : null;
  }

  @FieldResolver(() => [AccountOwnerView], { description: 'Primary owner first.' })
  async owners(@Root() account: Account, @Ctx() context: RequestContext): Promise<AccountOwnerView[]> {
    const owners = await context.loaders.accounts.ownersOfAccount.load(account.id);
    const members = await context.loaders.identity.membership.loadMany(owners.map((owner) => owner.membershipId));
    return owners.flatMap((owner, i) => {
      const member = members[i];
      return member && !(member instanceof Error) ? [{ member, isPrimary: owner.isPrimary }] : [];
    });
  }

  @FieldResolver(() => Actor)
  createdBy(@Root() account: Account): Actor {
    return actorOf(account.createdBy);
  }

  @FieldResolver(() => Actor)
  updatedBy(@Root() account: Account): Actor {
    return actorOf(account.updatedBy);
  }

  @FieldResolver(() => Actor, { nullable: true })
  archivedBy(@Root() account: Account): Actor | null {
    return account.archivedAt ? actorOf(account.archivedBy) : null;
  }

  @FieldResolver(() => TimelineConnection, {
    description: 'History of the account and of everything hanging off it, newest first.',
    complexity: connectionComplexity,
  })
  timeline(@Root() account: Account, @Args() args: TimelineArgs, @Ctx() context: RequestContext): Promise<TimelineConnection> {
    return context.loaders.accounts.timeline.load({ parentId: account.id, args });
  }
}
