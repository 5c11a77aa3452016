import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../identity/roles';
import { Guard } from '../../platform/auth/guard';
import { principalOf, type RequestContext } from '../../platform/context/context';
import { Account } from '../account.entity';
import { settingsListResolver } from '../../platform/settings/settings-list.resolver';
import { interestAreas } from './interest-areas.service';
import { RemoveAccountInterestInput, SetAccountInterestInput } from './interest.inputs';

/** Settings: interest areas; and the stance of accounts on them. */
@Resolver()
export class InterestsResolver extends settingsListResolver(interestAreas, (services) => services.interestAreas) {
  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Creates or replaces the account\'s ' +
      'interest, disinterest or unmet need in an area (INTEREST_SET on its timeline); returns the account. Errors: ' +
      'NOT_FOUND outside the portfolio; BAD_USER_INPUT (input.areaId unknown or archived, note too long); CONFLICT ' +
      '(VERSION_MISMATCH).',
  })
  setAccountInterest(@Arg('input', { description: 'The account, the area and the stance.' }) input: SetAccountInterestInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accountInterests.set(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Removes the account\'s stance on an ' +
      'area (nothing to remove is not an error); returns the account. Errors: NOT_FOUND outside the portfolio; ' +
      'BAD_USER_INPUT (ids that are not uuids); CONFLICT (VERSION_MISMATCH).',
  })
  removeAccountInterest(@Arg('input', { description: 'The account and the area.' }) input: RemoveAccountInterestInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accountInterests.remove(principalOf(context), input);
  }
}
