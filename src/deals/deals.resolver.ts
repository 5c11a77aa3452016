import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { ConnectionArgs, connectionComplexity } from '../platform/pagination/connection';
import { dealsGuard } from './deal-enums';
import { Deal } from './deal.entity';
import { DealFilter, DealOrder } from './deal.filter';
import { CreateDealInput, UpdateDealInput, UpsertDealsInput } from './deal.inputs';
import { UpsertRowResult } from '../platform/bulk/upsert-rows';
import { DealConnection } from './deal.types';

export const WRITE = 'Requires MEMBER or above, or an API key with deals:write (else FORBIDDEN).';

@Resolver(() => Deal)
export class DealsResolver {
  @Guard(dealsGuard.read)
  @Query(() => Deal, { description: 'A deal whose account is in the caller\'s portfolio (deals:read). NOT_FOUND otherwise.' })
  deal(@Arg('id', () => ID, { description: 'The deal id.' }) id: string, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.deals.get(principalOf(context), id);
  }

  @Guard(dealsGuard.read)
  @Query(() => DealConnection, {
    description: 'Deals whose accounts are in the caller\'s portfolio, newest first unless orderBy says otherwise (deals:read).',
    complexity: connectionComplexity,
  })
  deals(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => DealFilter, { nullable: true, description: 'Conditions; default: every deal in reach.' }) filter: DealFilter | null,
    @Arg('orderBy', () => [DealOrder], { nullable: true, description: 'Default: CREATED_AT descending; the id breaks ties.' }) orderBy: DealOrder[] | null,
    @Ctx() context: RequestContext,
  ): Promise<DealConnection> {
    return context.services.deals.list(principalOf(context), { ...page, filter, orderBy });
  }

  @Guard(dealsGuard.write)
  @Mutation(() => Deal, {
    description:
      `${WRITE} NOT_FOUND for an account outside the caller's portfolio; BAD_USER_INPUT for invalid fields, contacts of another ` +
      'account, a pipeline or stage not usable here, a product of another workspace, an unknown currency, or what the stage ' +
      'requires missing (reason STAGE_REQUIREMENTS, extensions.missingFields).',
  })
  createDeal(@Arg('input', { description: 'What to do (see CreateDealInput).' }) input: CreateDealInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.deals.create(principalOf(context), input);
  }

  @Guard(dealsGuard.write)
  @Mutation(() => Deal, {
    description:
      `${WRITE} NOT_FOUND outside the caller's portfolio; CONFLICT (VERSION_MISMATCH); BAD_USER_INPUT as createDeal, also when ` +
      'the change would remove what the deal\'s current stage requires.',
  })
  updateDeal(@Arg('input', { description: 'What to do (see UpdateDealInput).' }) input: UpdateDealInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.deals.update(principalOf(context), input);
  }

  @Guard(dealsGuard.write)
  @Mutation(() => [UpsertRowResult], {
    description:
      `${WRITE} Creates or updates up to 1,000 deals by externalId (BAD_USER_INPUT over 1,000); one result per row, in input ` +
      'order (CREATED, UPDATED, UNCHANGED, or ERROR with its fields: an account outside the portfolio, a stage change, what ' +
      'the stage requires missing...). Set-based: the statement count does not grow with the rows.',
  })
  upsertDeals(@Arg('input', { description: 'What to do (see UpsertDealsInput).' }) input: UpsertDealsInput, @Ctx() context: RequestContext): Promise<UpsertRowResult[]> {
    return context.services.dealUpserts.upsert(principalOf(context), input.rows);
  }
}
