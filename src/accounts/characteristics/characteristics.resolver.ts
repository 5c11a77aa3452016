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
  @Mutation(() => Account, { description: 'Requires MEMBER or above. Sets one characteristic of an account (all value fields empty removes it).' })
  setAccountCharacteristic(@Arg('input') input: SetAccountCharacteristicInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accountCharacteristics.set(principalOf(context), input);
  }
}
