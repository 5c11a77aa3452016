import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../identity/roles';
import { Guard } from '../../platform/auth/guard';
import { principalOf, type RequestContext } from '../../platform/context/context';
import { Account } from '../account.entity';
import { SettingIdInput } from '../settings-list';
import { CharacteristicDefinition } from './characteristic-definition.entity';
import {
  CreateCharacteristicDefinitionInput,
  SetAccountCharacteristicInput,
  UpdateCharacteristicDefinitionInput,
} from './characteristic-definition.inputs';

/** Settings: characteristic definitions; and setting their values on accounts. */
@Resolver()
export class CharacteristicsResolver {
  @Guard({ scope: 'accounts:read' })
  @Query(() => [CharacteristicDefinition], { description: 'Characteristic definitions of the workspace, by name.' })
  characteristicDefinitions(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() context: RequestContext,
  ): Promise<CharacteristicDefinition[]> {
    return context.services.characteristicDefinitions.list(principalOf(context), includeArchived);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => CharacteristicDefinition, { description: 'Requires ADMIN or above.' })
  createCharacteristicDefinition(
    @Arg('input') input: CreateCharacteristicDefinitionInput,
    @Ctx() context: RequestContext,
  ): Promise<CharacteristicDefinition> {
    return context.services.characteristicDefinitions.create(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => CharacteristicDefinition, {
    description: 'Requires ADMIN or above. The data type can change only while no account has a value.',
  })
  updateCharacteristicDefinition(
    @Arg('input') input: UpdateCharacteristicDefinitionInput,
    @Ctx() context: RequestContext,
  ): Promise<CharacteristicDefinition> {
    return context.services.characteristicDefinitions.update(principalOf(context), input);
  }

  @Guard({ scope: 'accounts:write', role: Role.ADMIN })
  @Mutation(() => CharacteristicDefinition, {
    description: 'Requires ADMIN or above. Existing values stay readable; no new values can be set.',
  })
  archiveCharacteristicDefinition(@Arg('input') input: SettingIdInput, @Ctx() context: RequestContext): Promise<CharacteristicDefinition> {
    return context.services.characteristicDefinitions.archive(principalOf(context), input.id);
  }

  @Guard({ scope: 'accounts:write', role: Role.MEMBER })
  @Mutation(() => Account, { description: 'Requires MEMBER or above. Sets one characteristic of an account (all value fields empty removes it).' })
  setAccountCharacteristic(@Arg('input') input: SetAccountCharacteristicInput, @Ctx() context: RequestContext): Promise<Account> {
    return context.services.accountCharacteristics.set(principalOf(context), input);
  }
}
