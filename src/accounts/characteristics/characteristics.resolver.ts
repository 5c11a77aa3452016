import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../identity/roles';
import { Guard } from '../../platform/auth/guard';
import { principalOf, type RequestContext } from '../../platform/context/context';
import { Account } from '../account.entity';
import { settingsListResolver } from '../../platform/settings/settings-list.resolver';
import { SetAccountCharacteristicInput } from './characteristic-definition.inputs';
import { characteristicDefinitions } from './characteristic-definitions.service';

/** Settings: characteristic definitions; and setting their values on accounts. */
@Resolver()
export class CharacteristicsResolver extends settingsListResolver(characteristicDefinitions, (services) => services.characteristicDefinitions) {
  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, {
    description:
      'Requires MEMBER or above, or an API key with accounts:write (else FORBIDDEN). Sets one characteristic of an ' +
      'account (all value fields empty removes it); returns the account. Errors: NOT_FOUND outside the portfolio; ' +
      'BAD_USER_INPUT (unknown or archived definition, a value of the wrong type or not an option, removing a required ' +
      'one); CONFLICT (VERSION_MISMATCH).',
  })
  setAccountCharacteristic(@Arg('input', { description: 'The account and the value.' }) input: SetAccountCharacteristicInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accountCharacteristics.set(principalOf(context), input);
  }
}
