import type { EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { BadUserInputError, ConflictError } from '../../platform/errors/errors';
import { ErrorReason } from '../../platform/errors/error-reason';
import { parseInput } from '../../platform/validation/parse-input';
import { defineSettingsList, settingsListService } from '../../platform/settings/settings-list';
import { settingsGuard } from '../settings-guard';
import { AccountCharacteristic } from './account-characteristic.entity';
import { CharacteristicDataType, CharacteristicDefinition } from './characteristic-definition.entity';
import {
  CreateCharacteristicDefinitionInput,
  createCharacteristicDefinitionSchema,
  optionProblems,
  UpdateCharacteristicDefinitionInput,
  updateCharacteristicDefinitionSchema,
} from './characteristic-definition.inputs';

/** Settings: typed characteristics of accounts. */
export const characteristicDefinitions = defineSettingsList({
  entity: CharacteristicDefinition,
  plural: 'characteristicDefinitions',
  guard: settingsGuard,
  create: { input: CreateCharacteristicDefinitionInput, schema: createCharacteristicDefinitionSchema },
  update: { input: UpdateCharacteristicDefinitionInput, schema: updateCharacteristicDefinitionSchema },
  descriptions: {
    list: 'Characteristic definitions of the workspace, by name.',
    create: 'Adds a characteristic definition (options only for OPTION).',
    update:
      'Renames, retypes, replaces options or toggles required (archived ones too); the data type can change only while ' +
      'no account has a value, and options in use cannot be removed (CONFLICT, IN_USE).',
    archive: 'Archives a definition: existing values stay readable; no new values can be set.',
  },
});

/** The list's machinery, with the rules of typed values: options only for OPTION, no retyping or removing options in use. */
export class CharacteristicDefinitionsService extends settingsListService(characteristicDefinitions) {
  override create(principal: Principal, input: unknown): Promise<CharacteristicDefinition> {
    this.assertMayEdit(principal);
    const data = parseInput(createCharacteristicDefinitionSchema, input);
    return this.db.transaction(async (manager) => {
      await this.assertNameFree(manager, principal.workspaceId, data.name, null);
      const row = this.build(manager, {
        workspaceId: principal.workspaceId,
        name: data.name,
        dataType: data.dataType,
        options: data.dataType === CharacteristicDataType.OPTION ? (data.options ?? []) : [],
        required: data.required ?? false,
        archivedAt: null,
      });
      return this.save(manager, principal, row);
    });
  }

  /**
   * Renames, retypes (only while no account has a value: CONFLICT otherwise), replaces options (options in use
   * can't be removed: CONFLICT) or toggles `required` (enforced on new accounts and when clearing a value).
   */
  override update(principal: Principal, input: unknown): Promise<CharacteristicDefinition> {
    this.assertMayEdit(principal);
    const data = parseInput(updateCharacteristicDefinitionSchema, input);
    return this.db.transaction(async (manager) => {
      const row = await this.lock(manager, principal, data.id);
      const dataType = data.dataType ?? row.dataType;
      const retyped = dataType !== row.dataType;
      const options = data.options != null ? data.options : retyped ? [] : row.options;
      const problems = optionProblems(dataType, options);
      if (problems.length) {
        throw new BadUserInputError(problems.map((p) => ({ path: ['input', ...p.path].join('.'), message: p.message })));
      }
      if (retyped && (await this.valueCount(manager, row))) {
        throw new ConflictError(`"${row.name}" has values on accounts: its data type can't change`, { reason: ErrorReason.IN_USE });
      }
      if (!retyped && dataType === CharacteristicDataType.OPTION) {
        const removed = row.options.filter((option) => !options.includes(option));
        const inUse = removed.length ? await this.optionsInUse(manager, row, removed) : [];
        if (inUse.length) throw new ConflictError(`Options in use by accounts can't be removed: ${inUse.join(', ')}`, { reason: ErrorReason.IN_USE, options: inUse });
      }
      if (data.name != null && data.name !== row.name) {
        await this.assertNameFree(manager, principal.workspaceId, data.name, row.id);
        row.name = data.name;
      }
      row.dataType = dataType;
      row.options = options;
      if (data.required != null) row.required = data.required;
      return this.save(manager, principal, row);
    });
  }

  private valueCount(manager: EntityManager, definition: CharacteristicDefinition): Promise<number> {
    return manager.count(AccountCharacteristic, { where: { workspaceId: definition.workspaceId, definitionId: definition.id } });
  }

  private async optionsInUse(manager: EntityManager, definition: CharacteristicDefinition, options: string[]): Promise<string[]> {
    const rows = await manager
      .getRepository(AccountCharacteristic)
      .createQueryBuilder('ac')
      .select('DISTINCT ac.text_value', 'option')
      .where('ac.workspace_id = :workspaceId AND ac.definition_id = :definitionId', {
        workspaceId: definition.workspaceId,
        definitionId: definition.id,
      })
      .andWhere('ac.text_value IN (:...options)', { options })
      .getRawMany<{ option: string }>();
    return rows.map((r) => r.option).sort();
  }
}
