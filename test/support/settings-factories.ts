import { randomBytes } from 'node:crypto';
import {
  AddAccountRelationshipDocument,
  CreateCharacteristicDefinitionDocument,
  CreateInterestAreaDocument,
  CreateRelationshipTypeDocument,
  type CreateCharacteristicDefinitionInput,
  type CreateRelationshipTypeInput,
} from '../generated/graphql';
import { expectData } from './factories';
import type { TestApp } from './test-app';

const suffix = (): string => randomBytes(3).toString('hex');

/** Creates a relationship type as `adminToken` (an ADMIN or OWNER). */
export async function createRelationshipType(t: TestApp, adminToken: string, overrides: Partial<CreateRelationshipTypeInput> = {}) {
  const { createRelationshipType: type } = expectData(
    await t.gql(CreateRelationshipTypeDocument, { input: { name: `Linked to ${suffix()}`, ...overrides } }, { token: adminToken }),
  );
  return type;
}

/** Creates a characteristic definition (TEXT unless told otherwise) as `adminToken`. */
export async function createCharacteristic(
  t: TestApp,
  adminToken: string,
  overrides: Partial<CreateCharacteristicDefinitionInput> = {},
) {
  const { createCharacteristicDefinition: definition } = expectData(
    await t.gql(
      CreateCharacteristicDefinitionDocument,
      { input: { name: `Characteristic ${suffix()}`, dataType: 'TEXT', ...overrides } },
      { token: adminToken },
    ),
  );
  return definition;
}

/** Creates an interest area as `adminToken`. */
export async function createInterestArea(t: TestApp, adminToken: string, name = `Area ${suffix()}`) {
  const { createInterestArea: area } = expectData(await t.gql(CreateInterestAreaDocument, { input: { name } }, { token: adminToken }));
  return area;
}

/** Links two accounts as `token`. */
export async function linkAccounts(
  t: TestApp,
  token: string,
  input: { fromAccountId: string; toAccountId: string; typeId: string; reason?: string | null },
) {
  const { addAccountRelationship: link } = expectData(await t.gql(AddAccountRelationshipDocument, { input }, { token }));
  return link;
}

/** How many rows a table has (to prove a refused mutation wrote nothing). */
export async function rowCount(t: TestApp, table: string): Promise<number> {
  const rows = (await t.app.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[];
  return rows[0].n;
}

type ErrorResult = { errors?: readonly { extensions?: Record<string, unknown> }[] };

/** The `extensions.code` of a result's first error. */
export const codeOf = (result: ErrorResult): unknown => result.errors?.[0]?.extensions?.code;

/** The `extensions.fields[].path` of a result's first error. */
export const fieldsOf = (result: ErrorResult): string[] =>
  ((result.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

/** Timeline entries of one kind on a record, read straight from the table (oldest first). */
export async function timelineRows(t: TestApp, recordId: string, kind: string) {
  return (await t.app.db.query(
    'SELECT kind, record_type, record_id, account_id, changes, data FROM timeline_entries WHERE record_id = $1 AND kind = $2 ORDER BY occurred_at, id',
    [recordId, kind],
  )) as { kind: string; record_type: string; record_id: string; account_id: string | null; changes: unknown; data: Record<string, unknown> | null }[];
}
