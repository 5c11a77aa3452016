import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Guard } from '../auth/guard';
import { principalOf, type RequestContext } from '../context/context';
import { accessOf } from '../graphql/descriptions';
import { labelOf, SettingIdInput, type SettingRow, type SettingsList, type SettingsListDefinition } from './settings-list';

/**
 * The GraphQL side of a settings list: `<plural>(includeArchived: Boolean! = false)` and the mutations
 * `create<Entity>`, `update<Entity>`, `archive<Entity>`, guarded by the definition's rules. A domain resolver
 * extends it (type-graphql resolver inheritance) and adds its own fields:
 * `class InterestsResolver extends settingsListResolver(interestAreas, (services) => services.interestAreas) {}`.
 */
export function settingsListResolver<T extends SettingRow>(
  definition: SettingsListDefinition<T>,
  listOf: (services: RequestContext['services']) => SettingsList<T>,
) {
  const { entity, guard, descriptions } = definition;
  const stem = entity.name;
  const what = labelOf(definition).toLowerCase();
  // Every generated field says who may call it (from the guard) and the errors the shared list raises.
  const text = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(' ');
  const NAME_TAKEN = `CONFLICT (NAME_TAKEN) when another ${what} has the name (ignoring case, archived ones included)`;
  const NOT_FOUND = `NOT_FOUND when the ${what} is not of the caller's workspace`;
  const INVALID = 'BAD_USER_INPUT (extensions.fields) for invalid fields';

  @Resolver()
  abstract class SettingsListResolver {
    @Guard(guard.read)
    @Query(() => [entity], { name: definition.plural, description: text(descriptions.list, accessOf(guard.read)) })
    settingsList(
      @Arg('includeArchived', () => Boolean, { defaultValue: false, description: 'Include archived entries too (default false).' })
      includeArchived: boolean,
      @Ctx() context: RequestContext,
    ): Promise<T[]> {
      return listOf(context.services).list(principalOf(context), includeArchived);
    }

    @Guard(guard.write)
    @Mutation(() => entity, {
      name: `create${stem}`,
      description: text(accessOf(guard.write), descriptions.create ?? `Adds a ${what} to the list.`, `Errors: ${INVALID}; ${NAME_TAKEN}.`),
    })
    createSetting(@Arg('input', () => definition.create.input, { description: `The new ${what}.` }) input: object, @Ctx() context: RequestContext): Promise<T> {
      return listOf(context.services).create(principalOf(context), input);
    }

    @Guard(guard.write)
    @Mutation(() => entity, {
      name: `update${stem}`,
      description: text(
        accessOf(guard.write),
        descriptions.update ?? `Changes a ${what} (archived ones too); fields left out are kept.`,
        `Errors: ${NOT_FOUND}; ${INVALID}; ${NAME_TAKEN}.`,
      ),
    })
    updateSetting(@Arg('input', () => definition.update.input, { description: `The ${what} and its changes.` }) input: object, @Ctx() context: RequestContext): Promise<T> {
      return listOf(context.services).update(principalOf(context), input);
    }

    @Guard(guard.write)
    @Mutation(() => entity, {
      name: `archive${stem}`,
      description: text(accessOf(guard.write), descriptions.archive, `Archiving twice is not an error. Errors: ${NOT_FOUND}.`),
    })
    archiveSetting(@Arg('input', () => SettingIdInput, { description: `The ${what} to archive.` }) input: SettingIdInput, @Ctx() context: RequestContext): Promise<T> {
      return listOf(context.services).archive(principalOf(context), input.id);
    }
  }
  return SettingsListResolver;
}
