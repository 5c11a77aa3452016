import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { accountReadOf, EMBEDDED_PRIMARY_OWNER } from './account-read';
import { embeddedOn } from '../platform/data/embedded-reads';
import { Membership } from '../identity/identity.public';
import type { MemberWithProfile } from '../identity/members.service';
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
  @Query(() => Account, {
    description:
      'An account in the caller\'s portfolio (archived ones included). Any member, or an API key with accounts:read ' +
      '(else FORBIDDEN). Errors: NOT_FOUND when it does not exist or is outside the portfolio (not told apart).',
  })
  account(
    @Arg('id', () => ID, { description: 'The account\'s id.' }) id: string,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Account> {
    const principal = principalOf(context);
    return context.services.accounts.read(principal, id, accountReadOf(info, 'record', principal, context.services));
  }

  @Guard({ scope: 'accounts:read' })
  @Query(() => AccountConnection, {
    description:
      'Accounts in the caller\'s portfolio, a page at a time; archived ones only when the filter mentions `archived`. ' +
      'Any member, or an API key with accounts:read (else FORBIDDEN). Errors: BAD_USER_INPUT (an id in the filter that ' +
      'is not a uuid, page size, INVALID_CURSOR).',
    complexity: connectionComplexity,
  })
  accounts(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AccountFilter, { nullable: true, description: 'Conditions; default: every non-archived account.' })
    filter: AccountFilter | null,
    @Arg('orderBy', () => [AccountOrder], { nullable: true, description: 'Sort keys, in order; default: NAME ascending; the id breaks ties.' })
    orderBy: AccountOrder[] | null,
    @Ctx() context: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AccountConnection> {
    const principal = principalOf(context);
    return context.services.accounts.list(principal, { ...page, filter, orderBy }, accountReadOf(info, 'connection', principal, context.services));
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Creates an account, with its owners ' +
      'and characteristic values. Errors: BAD_USER_INPUT (every invalid field at once, at extensions.fields: formats, ' +
      'owners that are not active members, characteristic values; EXTERNAL_ID_TAKEN).',
  })
  createAccount(@Arg('input', { description: 'The new account.' }) input: CreateAccountInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.create(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Changes the given fields; nothing ' +
      'changed writes nothing. Errors: NOT_FOUND outside the portfolio; BAD_USER_INPUT (invalid fields; ' +
      'EXTERNAL_ID_TAKEN); CONFLICT (VERSION_MISMATCH, with extensions.currentVersion).',
  })
  updateAccount(@Arg('input', { description: 'The account and its changes.' }) input: UpdateAccountInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.update(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Archives an account: it leaves ' +
      'default lists and search but stays readable by id; archiving twice is not an error. Errors: NOT_FOUND outside ' +
      'the portfolio; CONFLICT (VERSION_MISMATCH).',
  })
  archiveAccount(@Arg('input', { description: 'The account to archive.' }) input: RecordVersionInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.archive(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Brings an archived account back; ' +
      'restoring an active one is not an error. Errors: NOT_FOUND outside the portfolio; CONFLICT (VERSION_MISMATCH).',
  })
  restoreAccount(@Arg('input', { description: 'The account to restore.' }) input: RecordVersionInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.restore(principalOf(context), input.id, input.expectedVersion);
  }

  @Guard({ scope: 'accounts:write', role: Role.MANAGER })
  @Mutation(() => Account, {
    description:
      'Requires MANAGER or above, or an API key with accounts:write (else FORBIDDEN). Replaces the primary and secondary ' +
      'owners (which changes who sees the account). Errors: NOT_FOUND outside the portfolio; BAD_USER_INPUT (owners ' +
      'that are not active members); CONFLICT (VERSION_MISMATCH).',
  })
  setAccountOwners(@Arg('input', { description: 'The account and its new owners.' }) input: SetAccountOwnersInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accounts.setOwners(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => [UpsertRowResult], {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Creates or updates up to 1,000 ' +
      'accounts by externalId; one result per row, in input order; a bad row (invalid fields, inactive owner, an ' +
      'externalId of an account outside the portfolio: "is already in use") is an ERROR result and the others go on. ' +
      'Errors: BAD_USER_INPUT over 1,000 rows.',
  })
  upsertAccounts(@Arg('input', { description: 'The rows.' }) input: UpsertAccountsInput, @Ctx() context: RequestContext): Promise<UpsertRowResult[]> {
    return context.services.accountUpserts.upsert(principalOf(context), input.rows);
  }

  @FieldResolver(() => String, { description: 'Display label of the type ("Lead", "Prospect", "Customer"); OTHER shows the workspace\'s own label.' })
  async typeLabel(@Root() account: Account, @Ctx() context: RequestContext): Promise<string> {
    if (account.type !== AccountType.OTHER) return account.type.charAt(0) + account.type.slice(1).toLowerCase();
    const workspace = await context.loaders.identity.workspace.load(account.workspaceId);
    return workspace?.otherAccountTypeLabel ?? 'Other';
  }

  @FieldResolver(() => Membership, { nullable: true, description: 'The primary owner; null when the account has none.' })
  primaryOwner(@Root() account: Account, @Ctx() context: RequestContext): Membership | Promise<Membership | null> | null {
    // Read with the account (account-read.ts): no statement, no promise.
    const embedded = embeddedOn<MemberWithProfile | null>(account, EMBEDDED_PRIMARY_OWNER);
    if (embedded !== undefined) return embedded ? context.loaders.identity.adoptMember(embedded) : null;
    return context.loaders.accounts.ownersOfAccount.load(account.id).then((owners) => {
      const primary = owners.find((owner) => owner.isPrimary);
      return primary ? context.loaders.identity.membership.load(primary.membershipId) : null;
    });
  }

  @FieldResolver(() => [AccountOwnerView], { description: 'Every owner, primary first, then secondary ones in the order they were added.' })
  async owners(@Root() account: Account, @Ctx() context: RequestContext): Promise<AccountOwnerView[]> {
    const owners = await context.loaders.accounts.ownersOfAccount.load(account.id);
    const members = await context.loaders.identity.membership.loadMany(owners.map((owner) => owner.membershipId));
    return owners.flatMap((owner, i) => {
      const member = members[i];
      return member && !(member instanceof Error) ? [{ member, isPrimary: owner.isPrimary }] : [];
    });
  }

  @FieldResolver(() => Actor, { description: 'Who created the account.' })
  createdBy(@Root() account: Account): Actor {
    return actorOf(account.createdBy);
  }

  @FieldResolver(() => Actor, { description: 'Who changed the account last.' })
  updatedBy(@Root() account: Account): Actor {
    return actorOf(account.updatedBy);
  }

  @FieldResolver(() => Actor, { nullable: true, description: 'Who archived the account; null while active.' })
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
