import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Guard } from '../auth/guard';
import { principalOf, type RequestContext } from '../context/context';
import { SettingIdInput, type SettingRow, type SettingsList, type SettingsListDefinition } from './settings-list';

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
  const requires = (more?: string): string => [`Requires ${guard.write.role ?? 'MEMBER'} or above.`, more].filter(Boolean).join(' ');

  @Resolver()
  abstract class SettingsListResolver {
    @Guard(guard.read)
    @Query(() => [entity], { name: definition.plural, description: descriptions.list })
    settingsList(
      @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
      @Ctx() context: RequestContext,
    ): Promise<T[]> {
      return listOf(context.services).list(principalOf(context), includeArchived);
    }

    @Guard(guard.write)
    @Mutation(() => entity, { name: `create${stem}`, description: requires(descriptions.create) })
    createSetting(@Arg('input', () => definition.create.input) input: object, @Ctx() context: RequestContext): Promise<T> {
      return listOf(context.services).create(principalOf(context), input);
    }

    @Guard(guard.write)
    @Mutation(() => entity, { name: `update${stem}`, description: requires(descriptions.update) })
    updateSetting(@Arg('input', () => definition.update.input) input: object, @Ctx() context: RequestContext): Promise<T> {
      return listOf(context.services).update(principalOf(context), input);
    }

    @Guard(guard.write)
    @Mutation(() => entity, { name: `archive${stem}`, description: requires(descriptions.archive) })
    archiveSetting(@Arg('input', () => SettingIdInput) input: SettingIdInput, @Ctx() context: RequestContext): Promise<T> {
      return listOf(context.services).archive(principalOf(context), input.id);
    }
  }
  return SettingsListResolver;
}
