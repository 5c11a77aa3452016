import { Decimal } from 'decimal.js';
import { In, IsNull, type EntityManager } from 'typeorm';
import type { FieldProblem } from '../../platform/errors/errors';
import { isIsoDate } from '../../platform/graphql/scalars';
import { AccountCharacteristic } from './account-characteristic.entity';
import { CharacteristicDataType, CharacteristicDefinition } from './characteristic-definition.entity';
import type { CharacteristicValueInput } from './characteristic.inputs';
import { inWorkspace } from '../../platform/data/workspace-rows';

export type StoredValue = Pick<AccountCharacteristic, 'textValue' | 'numberValue' | 'dateValue' | 'booleanValue'>;

const EMPTY: StoredValue = { textValue: null, numberValue: null, dateValue: null, booleanValue: null };

/** Validates a value against its definition's type; returns the typed columns (all null clears the value). */
export function toStoredValue(
  definition: CharacteristicDefinition,
  input: CharacteristicValueInput,
  path: string,
): { value: StoredValue; problems: FieldProblem[] } {
  const provided = (['text', 'number', 'date', 'boolean', 'option'] as const).filter((key) => input[key] != null);
  const expected: Record<CharacteristicDataType, (typeof provided)[number]> = {
    TEXT: 'text',
    NUMBER: 'number',
    DATE: 'date',
    BOOLEAN: 'boolean',
    OPTION: 'option',
  };
  const key = expected[definition.dataType];
  const wrong = provided.filter((p) => p !== key);
  if (wrong.length) {
    return {
      value: EMPTY,
      problems: [{ path: `${path}.${wrong[0]}`, message: `"${definition.name}" is a ${definition.dataType} characteristic: use ${key}` }],
    };
  }
  if (provided.length === 0) return { value: EMPTY, problems: [] };
  switch (definition.dataType) {
    case CharacteristicDataType.TEXT:
      return { value: { ...EMPTY, textValue: String(input.text) }, problems: [] };
    case CharacteristicDataType.NUMBER: {
      try {
        return { value: { ...EMPTY, numberValue: new Decimal(String(input.number)).toString() }, problems: [] };
      } catch {
        return { value: EMPTY, problems: [{ path: `${path}.number`, message: 'must be a decimal number' }] };
      }
    }
    case CharacteristicDataType.DATE:
      return isIsoDate(String(input.date))
        ? { value: { ...EMPTY, dateValue: String(input.date) }, problems: [] }
        : { value: EMPTY, problems: [{ path: `${path}.date`, message: 'must be a date YYYY-MM-DD' }] };
    case CharacteristicDataType.BOOLEAN:
      return { value: { ...EMPTY, booleanValue: Boolean(input.boolean) }, problems: [] };
    case CharacteristicDataType.OPTION:
      return definition.options.includes(String(input.option))
        ? { value: { ...EMPTY, textValue: String(input.option) }, problems: [] }
        : {
            value: EMPTY,
            problems: [{ path: `${path}.option`, message: `must be one of: ${definition.options.join(', ')}` }],
          };
  }
}

export const isEmptyValue = (value: StoredValue): boolean =>
  value.textValue == null && value.numberValue == null && value.dateValue == null && value.booleanValue == null;

/**
 * Validates values for one account (definitions must exist in the workspace and not be archived) and,
 * with `enforceRequired`, that every required definition gets a value. Returns rows to write, or problems.
 */
export async function validateCharacteristicValues(
  manager: EntityManager,
  workspaceId: string,
  values: CharacteristicValueInput[],
  pathPrefix: string,
  enforceRequired: boolean,
): Promise<{ rows: (StoredValue & { definitionId: string })[]; problems: FieldProblem[] }> {
  const ids = [...new Set(values.map((v) => v.definitionId))];
  const definitions = await inWorkspace(manager, { workspaceId }).find(CharacteristicDefinition, {
    where: enforceRequired
      ? [
          { id: In(ids), archivedAt: IsNull() },
          { required: true, archivedAt: IsNull() },
        ]
      : { id: In(ids), archivedAt: IsNull() },
  });
  const byId = new Map(definitions.map((d) => [d.id, d]));
  const problems: FieldProblem[] = [];
  const rows: (StoredValue & { definitionId: string })[] = [];
  values.forEach((input, index) => {
    const path = `${pathPrefix}.${index}`;
    const definition = byId.get(input.definitionId);
    if (!definition) {
      problems.push({ path: `${path}.definitionId`, message: 'is not a characteristic of this workspace' });
      return;
    }
    const { value, problems: valueProblems } = toStoredValue(definition, input, path);
    problems.push(...valueProblems);
    if (!valueProblems.length) rows.push({ definitionId: definition.id, ...value });
  });
  if (enforceRequired) {
    for (const definition of definitions.filter((d) => d.required)) {
      const row = rows.find((r) => r.definitionId === definition.id);
      if (!row || isEmptyValue(row)) {
        problems.push({ path: pathPrefix, message: `"${definition.name}" is required` });
      }
    }
  }
  return { rows, problems };
}
