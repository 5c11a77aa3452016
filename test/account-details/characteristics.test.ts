import {
  AccountDetailsDocument,
  ArchiveCharacteristicDefinitionDocument,
  CreateAccountDocument,
  SetAccountCharacteristicDocument,
  type CharacteristicValueInput,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { codeOf, createCharacteristic, fieldsOf, rowCount, timelineRows } from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('account characteristics: setAccountCharacteristic and required characteristics', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  const set = (accountId: string, value: CharacteristicValueInput, token = ws.member.token, expectedVersion?: number) =>
    t.gql(SetAccountCharacteristicDocument, { input: { accountId, value, expectedVersion } }, { token });

  it('stores a value of each data type, typed, and shows it on the account by characteristic name', async () => {
    const definitions = {
      text: await createCharacteristic(t, ws.admin.token, { name: 'A motto', dataType: 'TEXT' }),
      number: await createCharacteristic(t, ws.admin.token, { name: 'B revenue', dataType: 'NUMBER' }),
      date: await createCharacteristic(t, ws.admin.token, { name: 'C founded', dataType: 'DATE' }),
      boolean: await createCharacteristic(t, ws.admin.token, { name: 'D exporter', dataType: 'BOOLEAN' }),
      option: await createCharacteristic(t, ws.admin.token, { name: 'E size', dataType: 'OPTION', options: ['Small', 'Large'] }),
    };
    const account = await createAccount(t, ws.member.token);
    expectData(await set(account.id, { definitionId: definitions.text.id, text: 'Always on' }));
    expectData(await set(account.id, { definitionId: definitions.number.id, number: '1234567.50' }));
    expectData(await set(account.id, { definitionId: definitions.date.id, date: '1999-12-31' }));
    expectData(await set(account.id, { definitionId: definitions.boolean.id, boolean: false }));
    const { setAccountCharacteristic } = expectData(await set(account.id, { definitionId: definitions.option.id, option: 'Large' }));
    expect(setAccountCharacteristic.version).toBe(6);
    expect(setAccountCharacteristic.characteristics.map((c) => [c.definition.name, c.text, c.number, c.date, c.boolean, c.option])).toEqual([
      ['A motto', 'Always on', null, null, null, null],
      ['B revenue', null, '1234567.5', null, null, null],
      ['C founded', null, null, '1999-12-31', null, null],
      ['D exporter', null, null, null, false, null],
      ['E size', null, null, null, null, 'Large'],
    ]);
  });

  it('records CHARACTERISTIC_SET with before/after; setting the same value again records nothing', async () => {
    const definition = await createCharacteristic(t, ws.admin.token, { name: 'Employees', dataType: 'NUMBER' });
    const account = await createAccount(t, ws.member.token);
    expectData(await set(account.id, { definitionId: definition.id, number: '10' }));
    expectData(await set(account.id, { definitionId: definition.id, number: '12' }));
    const unchanged = expectData(await set(account.id, { definitionId: definition.id, number: '12.00' }));
    expect(unchanged.setAccountCharacteristic.version).toBe(3);
    const rows = await timelineRows(t, account.id, 'CHARACTERISTIC_SET');
    expect(rows.map((r) => r.changes)).toEqual([
      [{ field: 'Employees', before: null, after: '10' }],
      [{ field: 'Employees', before: '10', after: '12' }],
    ]);
    expect(rows[0]).toMatchObject({ record_type: 'ACCOUNT', account_id: account.id, data: { definitionId: definition.id } });
  });

  it('every value field empty removes the value (recorded with after: null)', async () => {
    const definition = await createCharacteristic(t, ws.admin.token, { name: 'Nickname' });
    const account = await createAccount(t, ws.member.token);
    expectData(await set(account.id, { definitionId: definition.id, text: 'Acme' }));
    const { setAccountCharacteristic } = expectData(await set(account.id, { definitionId: definition.id, text: null }));
    expect(setAccountCharacteristic.characteristics).toEqual([]);
    const rows = await timelineRows(t, account.id, 'CHARACTERISTIC_SET');
    expect(rows.at(-1)?.changes).toEqual([{ field: 'Nickname', before: 'Acme', after: null }]);
  });

  it('a value of the wrong type, an option not in the list or an unknown characteristic is BAD_USER_INPUT naming input.value.<field>, and nothing is written', async () => {
    const number = await createCharacteristic(t, ws.admin.token, { name: 'Fleet size', dataType: 'NUMBER' });
    const option = await createCharacteristic(t, ws.admin.token, { name: 'Channel', dataType: 'OPTION', options: ['Retail', 'Online'] });
    const account = await createAccount(t, ws.member.token);
    const values = await rowCount(t, 'account_characteristics');
    const entries = await rowCount(t, 'timeline_entries');
    const wrongType = await set(account.id, { definitionId: number.id, text: 'many' });
    expect(codeOf(wrongType)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(wrongType)).toEqual(['input.value.text']);
    const notAnOption = await set(account.id, { definitionId: option.id, option: 'Door to door' });
    expect(fieldsOf(notAnOption)).toEqual(['input.value.option']);
    const unknown = await set(account.id, { definitionId: '0b8a2f7c-6a43-4d3e-8f61-1f2e3d4c5b6a', text: 'x' });
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(unknown)).toEqual(['input.value.definitionId']);
    const notAnId = await set(account.id, { definitionId: 'nope', text: 'x' });
    expect(fieldsOf(notAnId)).toEqual(['input.value.definitionId']);
    expect(await rowCount(t, 'account_characteristics')).toBe(values);
    expect(await rowCount(t, 'timeline_entries')).toBe(entries);
    const { account: reread } = expectData(await t.gql(AccountDetailsDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread).toMatchObject({ version: 1, characteristics: [] });
  });

  it('archiving a definition keeps existing values readable, but it can\'t take new values', async () => {
    const definition = await createCharacteristic(t, ws.admin.token, { name: 'Old rating', dataType: 'OPTION', options: ['A', 'B'] });
    const account = await createAccount(t, ws.member.token);
    const other = await createAccount(t, ws.member.token);
    expectData(await set(account.id, { definitionId: definition.id, option: 'A' }));
    expectData(await t.gql(ArchiveCharacteristicDefinitionDocument, { input: { id: definition.id } }, { token: ws.admin.token }));
    const { account: reread } = expectData(await t.gql(AccountDetailsDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread.characteristics).toEqual([expect.objectContaining({ option: 'A', definition: expect.objectContaining({ name: 'Old rating' }) })]);
    expect(reread.characteristics[0].definition.archivedAt).not.toBeNull();
    for (const target of [account.id, other.id]) {
      const refused = await set(target, { definitionId: definition.id, option: 'B' });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(refused)).toEqual(['input.value.definitionId']);
    }
    const created = await t.gql(
      CreateAccountDocument,
      { input: { name: 'With archived', type: 'LEAD', characteristics: [{ definitionId: definition.id, option: 'A' }] } },
      { token: ws.member.token },
    );
    expect(fieldsOf(created)).toEqual(['input.characteristics.0.definitionId']);
  });

  it('a required characteristic is enforced on createAccount (input.characteristics) and can\'t be cleared; nothing is written', async () => {
    const required = await createCharacteristic(t, ws.admin.token, { name: 'Tax regime', dataType: 'OPTION', options: ['General', 'Simplified'], required: true });
    const accounts = await rowCount(t, 'accounts');
    const missing = await t.gql(CreateAccountDocument, { input: { name: 'No regime', type: 'LEAD' } }, { token: ws.member.token });
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(missing)).toEqual(['input.characteristics']);
    expect(await rowCount(t, 'accounts')).toBe(accounts);
    const { createAccount: account } = expectData(
      await t.gql(
        CreateAccountDocument,
        { input: { name: 'With regime', type: 'LEAD', characteristics: [{ definitionId: required.id, option: 'General' }] } },
        { token: ws.member.token },
      ),
    );
    const changed = expectData(await set(account.id, { definitionId: required.id, option: 'Simplified' }));
    expect(changed.setAccountCharacteristic.characteristics.find((c) => c.definition.id === required.id)?.option).toBe('Simplified');
    const cleared = await set(account.id, { definitionId: required.id });
    expect(codeOf(cleared)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(cleared)).toEqual(['input.value']);
    const { account: reread } = expectData(await t.gql(AccountDetailsDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread.characteristics.find((c) => c.definition.id === required.id)?.option).toBe('Simplified');
    // Archived, it is no longer required (so the other tests of this file can create accounts freely).
    expectData(await t.gql(ArchiveCharacteristicDefinitionDocument, { input: { id: required.id } }, { token: ws.admin.token }));
    expect((await createAccount(t, ws.member.token)).id).toBeDefined();
  });

  it('a stale expectedVersion is CONFLICT and writes nothing; each change bumps the account version', async () => {
    const definition = await createCharacteristic(t, ws.admin.token, { name: 'Region code' });
    const account = await createAccount(t, ws.member.token);
    const first = expectData(await set(account.id, { definitionId: definition.id, text: 'N' }, ws.member.token, 1));
    expect(first.setAccountCharacteristic.version).toBe(2);
    const stale = await set(account.id, { definitionId: definition.id, text: 'S' }, ws.admin.token, 1);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const { account: reread } = expectData(await t.gql(AccountDetailsDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread.characteristics[0].text).toBe('N');
  });
});
