import type { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { BadUserInputError } from '../../platform/errors/errors';
import { RecordType } from '../../platform/timeline/timeline-entry.entity';
import { sameValue } from '../../platform/timeline/diff';
import type { TimelineService } from '../../platform/timeline/timeline.service';
import { parseInput } from '../../platform/validation/parse-input';
import { touchAccount } from '../account-touch';
import type { Account } from '../account.entity';
import type { AccountsService } from '../accounts.service';
import { isUuid } from '../../platform/validation/ids';
import { AccountCharacteristic } from './account-characteristic.entity';
import { CharacteristicDataType, CharacteristicDefinition } from './characteristic-definition.entity';
import { AccountCharacteristicValue, setAccountCharacteristicSchema } from './characteristic-definition.inputs';
import { isEmptyValue, toStoredValue, type StoredValue } from './characteristic-values';
import { inWorkspace } from '../../platform/data/workspace-rows';

/** The value as clients see it (and as the timeline records it): the field of its data type, or null. */
export function displayValue(dataType: CharacteristicDataType, value: StoredValue | null): string | boolean | null {
  if (!value) return null;
  switch (dataType) {
    case CharacteristicDataType.NUMBER:
      return value.numberValue;
    case CharacteristicDataType.DATE:
      return value.dateValue;
    case CharacteristicDataType.BOOLEAN:
      return value.booleanValue;
    default:
      return value.textValue;
  }
}

/** A stored value with its (joined) definition, shaped for GraphQL. */
export function characteristicViewOf(row: AccountCharacteristic & { definition: CharacteristicDefinition }): AccountCharacteristicValue {
  const isOption = row.definition.dataType === CharacteristicDataType.OPTION;
  return {
    definition: row.definition,
    text: isOption ? null : row.textValue,
    option: isOption ? row.textValue : null,
    number: row.numberValue,
    date: row.dateValue,
    boolean: row.booleanValue,
    updatedAt: row.updatedAt,
  };
}

/** Characteristic values on accounts: typed against their definition, one row per account and definition. */
export class AccountCharacteristicsService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly timeline: TimelineService,
  ) {}

  /** Values of these accounts with their definitions (archived ones included), in one query. */
  async ofAccounts(workspaceId: string, accountIds: readonly string[]): Promise<(AccountCharacteristic & { definition: CharacteristicDefinition })[]> {
    const ids = [...new Set(accountIds.filter(isUuid))];
    if (!ids.length) return [];
    const rows = await inWorkspace(this.db.manager, { workspaceId })
      .query(AccountCharacteristic, 'ac')
      .innerJoinAndSelect('ac.definition', 'd', 'd.workspace_id = ac.workspace_id')
      .andWhere('ac.account_id IN (:...ids)', { ids })
      .orderBy('lower(d.name)', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
    return rows.filter((row): row is AccountCharacteristic & { definition: CharacteristicDefinition } => Boolean(row.definition));
  }

  /**
   * Sets (or, with every field empty, removes) one value. The definition must be active and the value of its
   * type; a required characteristic can't be removed. Writes CHARACTERISTIC_SET with before/after.
   */
  async set(principal: Principal, input: unknown): Promise<Account> {
    const data = parseInput(setAccountCharacteristicSchema, input);
    return this.db.transaction(async (manager) => {
      const account = await this.accounts.lockVisible(manager, principal, data.accountId, data.expectedVersion);
      const definition = await inWorkspace(manager, principal).findOne(CharacteristicDefinition, { where: { id: data.value.definitionId } });
      if (!definition) throw BadUserInputError.field('input.value.definitionId', 'is not a characteristic of this workspace');
      if (definition.archivedAt) {
        throw BadUserInputError.field('input.value.definitionId', `"${definition.name}" is archived and can't take new values`);
      }
      const { value, problems } = toStoredValue(definition, data.value, 'input.value');
      if (problems.length) throw new BadUserInputError(problems);
      const key = { workspaceId: principal.workspaceId, accountId: account.id, definitionId: definition.id };
      const previous = await inWorkspace(manager, principal).findOne(AccountCharacteristic, { where: key });
      const before = displayValue(definition.dataType, previous);
      const after = displayValue(definition.dataType, isEmptyValue(value) ? null : value);
      if (isEmptyValue(value) && definition.required) {
        throw BadUserInputError.field('input.value', `"${definition.name}" is required and can't be removed`);
      }
      if (sameValue(before, after)) return account;
      if (isEmptyValue(value)) await manager.delete(AccountCharacteristic, key);
      else if (previous) await manager.update(AccountCharacteristic, key, value);
      else await manager.insert(AccountCharacteristic, { ...key, ...value });
      await this.timeline.record(manager, principal, [
        {
          kind: 'CHARACTERISTIC_SET',
          recordType: RecordType.ACCOUNT,
          recordId: account.id,
          accountId: account.id,
          changes: [{ field: definition.name, before, after }],
          data: { definitionId: definition.id, dataType: definition.dataType },
        },
      ]);
      return touchAccount(manager, this.accounts, principal, account);
    });
  }
}
