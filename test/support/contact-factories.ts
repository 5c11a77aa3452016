import { randomBytes } from 'node:crypto';
import { CreateContactDocument, UpsertContactsDocument, type CreateContactInput, type UpsertContactRow } from '../generated/graphql';
import { expectData } from './factories';
import type { TestApp } from './test-app';

/** Creates a contact as `token` (of `accountId` when given; the creating member becomes its owner by default). */
export async function createContact(t: TestApp, token: string, overrides: Partial<CreateContactInput> = {}) {
  const { createContact: contact } = expectData(
    await t.gql(CreateContactDocument, { input: { firstName: `Person ${randomBytes(3).toString('hex')}`, ...overrides } }, { token }),
  );
  return contact;
}

/** Creates (or updates) many contacts in one upsertContacts call and fails unless every row succeeded. */
export async function upsertContacts(t: TestApp, token: string, rows: UpsertContactRow[]) {
  const { upsertContacts: results } = expectData(await t.gql(UpsertContactsDocument, { input: { rows } }, { token }));
  const failed = results.filter((row) => row.status === 'ERROR');
  if (failed.length) throw new Error(`upsertContacts failed rows: ${JSON.stringify(failed)}`);
  return results.map((row) => ({ ...row, id: row.id as string }));
}
