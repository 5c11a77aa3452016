import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { dealsGuard } from './deal-enums';
import { Deal } from './deal.entity';
import { LoseDealInput, MoveDealInput, ReopenDealInput, WinDealInput } from './deal.inputs';
import { WRITE } from './deals.resolver';

const COMMON = 'NOT_FOUND outside the caller\'s portfolio; CONFLICT (VERSION_MISMATCH) when expectedVersion is stale.';
const REFUSED =
  'A refused move is BAD_USER_INPUT naming input.stageId: reason STAGE_ORDER (strict order, or a closed deal: reopen it first) or ' +
  'STAGE_REQUIREMENTS (the deal lacks what the stage needs), with extensions.allowedStageIds and extensions.missingFields.';

/** Stage moves of deals; each writes one stage-history row and a timeline entry, and announces the change. */
@Resolver(() => Deal)
export class DealMovesResolver {
  @Guard(dealsGuard.write)
  @Mutation(() => Deal, {
    description:
      `${WRITE} Moves the deal to another stage of its pipeline (forward, back, or to a WON / LOST stage, which wins or loses ` +
      `it; the first won deal of a LEAD or PROSPECT account makes it a CUSTOMER). Moving to its own stage changes nothing. ${COMMON} ` +
      `${REFUSED} A stage of another pipeline is refused the same way.`,
  })
  moveDeal(@Arg('input', { description: 'What to do (see MoveDealInput).' }) input: MoveDealInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.dealMoves.move(principalOf(context), input);
  }

  @Guard(dealsGuard.write)
  @Mutation(() => Deal, {
    description: `${WRITE} Wins the deal: its pipeline's first WON stage (status WON, wonAt; the account may become a CUSTOMER). ${COMMON} ${REFUSED}`,
  })
  winDeal(@Arg('input', { description: 'What to do (see WinDealInput).' }) input: WinDealInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.dealMoves.win(principalOf(context), input);
  }

  @Guard(dealsGuard.write)
  @Mutation(() => Deal, {
    description: `${WRITE} Loses the deal: its pipeline's first LOST stage, with a lost reason and a note. ${COMMON} ${REFUSED} An unknown or archived reason is BAD_USER_INPUT naming input.reasonId.`,
  })
  loseDeal(@Arg('input', { description: 'What to do (see LoseDealInput).' }) input: LoseDealInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.dealMoves.lose(principalOf(context), input);
  }

  @Guard(dealsGuard.write)
  @Mutation(() => Deal, {
    description: `${WRITE} Reopens a won or lost deal into an OPEN stage (the one it was closed from unless told); status OPEN, won / lost data cleared. ${COMMON} BAD_USER_INPUT for an OPEN deal or a stage that is not an OPEN stage of its pipeline (or whose requirements the deal lacks).`,
  })
  reopenDeal(@Arg('input', { description: 'What to do (see ReopenDealInput).' }) input: ReopenDealInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.dealMoves.reopen(principalOf(context), input);
  }
}
