import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { dealsGuard } from './deal-enums';
import { Deal } from './deal.entity';
import { AddDealLineInput, DealLineVersionInput, SetDealLinesInput, UpdateDealLineInput } from './deal.inputs';
import { WRITE } from './deals.resolver';

const ERRORS =
  'NOT_FOUND outside the caller\'s portfolio; CONFLICT (VERSION_MISMATCH, the deal\'s version); BAD_USER_INPUT for a negative ' +
  'or zero quantity, a discount or tax over 100, a product of another workspace (or archived, inactive, or priced in another ' +
  'currency without a unitPrice), or when the deal\'s stage needs a product line or an amount it would lose (STAGE_REQUIREMENTS).';

/** Product lines of a deal: every mutation returns the deal with its new totals. */
@Resolver(() => Deal)
export class DealLinesResolver {
  @Guard(dealsGuard.write)
  @Mutation(() => Deal, { description: `${WRITE} Replaces all the deal's lines. ${ERRORS}` })
  setDealLines(@Arg('input', { description: 'What to do (see SetDealLinesInput).' }) input: SetDealLinesInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.dealLines.setLines(principalOf(context), input);
  }

  @Guard(dealsGuard.write)
  @Mutation(() => Deal, { description: `${WRITE} Adds a line after the others. ${ERRORS}` })
  addDealLine(@Arg('input', { description: 'What to do (see AddDealLineInput).' }) input: AddDealLineInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.dealLines.addLine(principalOf(context), input);
  }

  @Guard(dealsGuard.write)
  @Mutation(() => Deal, { description: `${WRITE} Changes one line and prices it again. ${ERRORS}` })
  updateDealLine(@Arg('input', { description: 'What to do (see UpdateDealLineInput).' }) input: UpdateDealLineInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.dealLines.updateLine(principalOf(context), input);
  }

  @Guard(dealsGuard.write)
  @Mutation(() => Deal, { description: `${WRITE} Removes one line; the later ones move up. ${ERRORS}` })
  removeDealLine(@Arg('input', { description: 'What to do (see DealLineVersionInput).' }) input: DealLineVersionInput, @Ctx() context: RequestContext): Promise<Deal> {
    return context.services.dealLines.removeLine(principalOf(context), input);
  }
}
