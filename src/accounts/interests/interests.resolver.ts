import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../identity/roles';
import { Guard } from '../../platform/auth/guard';
import { principalOf, type RequestContext } from '../../platform/context/context';
import { Account } from '../account.entity';
import { SettingIdInput } from '../settings-list';
import { InterestArea } from './interest-area.entity';
import { CreateInterestAreaInput, RemoveAccountInterestInput, SetAccountInterestInput, UpdateInterestAreaInput } from './interest.inputs';

/** Settings: interest areas; and the stance of accounts on them. */
@Resolver()
export class InterestsResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => [InterestArea], { description: 'Interest areas of the workspace, by name.' })
  interestAreas(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() context: RequestContext,
  ): Promise<InterestArea[]> {
    return context.services.interestAreas.list(principalOf(context), includeArchived);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => InterestArea, { description: 'Requires ADMIN or above.' })
  createInterestArea(@Arg('input') input: CreateInterestAreaInput, @Ctx() context: RequestContext): Promise<InterestArea> {
    return context.services.interestAreas.create(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => InterestArea, { description: 'Requires ADMIN or above.' })
  updateInterestArea(@Arg('input') input: UpdateInterestAreaInput, @Ctx() context: RequestContext): Promise<InterestArea> {
    return context.services.interestAreas.update(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => InterestArea, { description: 'Requires ADMIN or above. Existing interests stay readable; no new ones can use it.' })
  archiveInterestArea(@Arg('input') input: SettingIdInput, @Ctx() context: RequestContext): Promise<InterestArea> {
    return context.services.interestAreas.archive(principalOf(context), input.id);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, { description: 'Requires MEMBER or above. Creates or replaces the account\'s interest, disinterest or unmet need in an area.' })
  setAccountInterest(@Arg('input') input: SetAccountInterestInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accountInterests.set(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, { description: 'Requires MEMBER or above. Removes the account\'s stance on an area (nothing to remove is not an error).' })
  removeAccountInterest(@Arg('input') input: RemoveAccountInterestInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accountInterests.remove(principalOf(context), input);
  }
}
