import {
  AccountDocument,
  AccountsDocument,
  AccountTimelineDocument,
  CreateCharacteristicDefinitionDocument,
  SetAccountCharacteristicDocument,
  UpdateAccountDocument,
  UpsertAccountsDocument,
  type AddressInput,
  type UpsertAccountRow,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { expectData, signUpOwner, type Actor } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Keys in the order a client writes them; PostgreSQL's jsonb reads them back in its own order (shorter keys first). */
const ADDRESS: AddressInput = { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28001', country: 'ES' };

describe('change detection compares values, not their JSON text', () => {
  let t: TestApp;
  let owner: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUpOwner(t);
  });
  afterAll(() => t.stop());

  const updates = async (accountId: string) => {
    const { account } = expectData(await t.gql(AccountTimelineDocument, { id: accountId, first: 100, kinds: ['ACCOUNT_UPDATED'] }, { token: owner.token }));
    return account?.timeline.nodes ?? [];
  };
  const versionOf = async (accountId: string) => expectData(await t.gql(AccountDocument, { id: accountId }, { token: owner.token })).account?.version;

  it('upserting the same row with a billing address twice answers CREATED, then UNCHANGED', async () => {
    const row: UpsertAccountRow = { externalId: 'erp-100', name: 'Acme', type: 'CUSTOMER', billingAddress: ADDRESS, emails: ['info@acme.example'] };
    const upsert = async () => expectData(await t.gql(UpsertAccountsDocument, { input: { rows: [row] } }, { token: owner.token })).upsertAccounts[0];
    const first = await upsert();
    expect(first.status).toBe('CREATED');
    const version = await versionOf(first.id as string);
    const second = await upsert();
    expect(second).toMatchObject({ status: 'UNCHANGED', id: first.id });
    expect(await updates(first.id as string)).toEqual([]);
    expect(await versionOf(first.id as string)).toBe(version);
  });

  it('updateAccount with the address it already has writes no ACCOUNT_UPDATED entry and keeps the version', async () => {
    const account = await createAccount(t, owner.token, { name: 'Globex', billingAddress: ADDRESS });
    const { updateAccount } = expectData(
      await t.gql(UpdateAccountDocument, { input: { id: account.id, billingAddress: { ...ADDRESS } } }, { token: owner.token }),
    );
    expect(updateAccount.version).toBe(account.version);
    expect(await versionOf(account.id)).toBe(account.version);
    expect(await updates(account.id)).toEqual([]);
  });

  it('an address key sent as null is the same as one left out', async () => {
    const account = await createAccount(t, owner.token, { name: 'Initech', billingAddress: { ...ADDRESS, line2: null } });
    expectData(await t.gql(UpdateAccountDocument, { input: { id: account.id, billingAddress: ADDRESS } }, { token: owner.token }));
    expect(await versionOf(account.id)).toBe(account.version);
    expect(await updates(account.id)).toEqual([]);
  });

  it('a real change of the address is still one ACCOUNT_UPDATED entry with the values before and after', async () => {
    const account = await createAccount(t, owner.token, { name: 'Umbrella', billingAddress: ADDRESS });
    const moved = { ...ADDRESS, city: 'Sevilla' };
    const { updateAccount } = expectData(await t.gql(UpdateAccountDocument, { input: { id: account.id, billingAddress: moved } }, { token: owner.token }));
    expect(updateAccount.version).toBe(account.version + 1);
    const entries = await updates(account.id);
    expect(entries).toHaveLength(1);
    expect(entries[0].changes).toEqual([{ field: 'billingAddress', before: ADDRESS, after: moved }]);
  });
});

describe('a characteristics filter naming only the characteristic means "has a value"', () => {
  let t: TestApp;
  let owner: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUpOwner(t);
  });
  afterAll(() => t.stop());

  it('finds the accounts with a value of that characteristic, and only those', async () => {
    const { createCharacteristicDefinition: employees } = expectData(
      await t.gql(CreateCharacteristicDefinitionDocument, { input: { name: 'Employees', dataType: 'NUMBER' } }, { token: owner.token }),
    );
    const withValue = await createAccount(t, owner.token, { name: 'Counted' });
    await createAccount(t, owner.token, { name: 'Uncounted' });
    expectData(
      await t.gql(SetAccountCharacteristicDocument, { input: { accountId: withValue.id, value: { definitionId: employees.id, number: '12' } } }, { token: owner.token }),
    );
    const names = async (isSet?: boolean) => {
      const { accounts } = expectData(
        await t.gql(AccountsDocument, { filter: { characteristics: [{ definitionId: employees.id, isSet }] } }, { token: owner.token }),
      );
      return accounts.nodes.map((a) => a.name);
    };
    expect(await names()).toEqual(['Counted']);
    expect(await names(true)).toEqual(['Counted']);
    expect(await names(false)).toEqual(['Uncounted']);
  });
});
