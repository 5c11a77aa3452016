import {
  AccountDetailsDocument,
  ArchiveInterestAreaDocument,
  RemoveAccountInterestDocument,
  SetAccountInterestDocument,
  type SetAccountInterestInput,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { codeOf, createInterestArea, fieldsOf, rowCount, timelineRows } from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('account interests: setAccountInterest / removeAccountInterest', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  const set = (input: SetAccountInterestInput) => t.gql(SetAccountInterestDocument, { input }, { token: ws.member.token });

  it('records an interest, then replaces it (one per area), listing interests by area name', async () => {
    const solar = await createInterestArea(t, ws.admin.token, 'Solar');
    const hvac = await createInterestArea(t, ws.admin.token, 'HVAC');
    const account = await createAccount(t, ws.member.token);
    expectData(await set({ accountId: account.id, areaId: solar.id, kind: 'INTEREST' }));
    expectData(await set({ accountId: account.id, areaId: hvac.id, kind: 'DISINTEREST', note: 'Has a provider' }));
    const { setAccountInterest } = expectData(
      await set({ accountId: account.id, areaId: solar.id, kind: 'UNMET_NEED', note: '  Wants batteries ' }),
    );
    expect(setAccountInterest.version).toBe(4);
    expect(setAccountInterest.interests.map((i) => [i.area.name, i.kind, i.note])).toEqual([
      ['HVAC', 'DISINTEREST', 'Has a provider'],
      ['Solar', 'UNMET_NEED', 'Wants batteries'],
    ]);
  });

  it('writes INTEREST_SET with before/after and INTEREST_REMOVED; an unchanged stance records nothing', async () => {
    const area = await createInterestArea(t, ws.admin.token, 'Fleet');
    const account = await createAccount(t, ws.member.token);
    expectData(await set({ accountId: account.id, areaId: area.id, kind: 'INTEREST', note: 'maybe' }));
    expectData(await set({ accountId: account.id, areaId: area.id, kind: 'UNMET_NEED', note: 'needs 4 vans' }));
    expectData(await set({ accountId: account.id, areaId: area.id, kind: 'UNMET_NEED', note: 'needs 4 vans' }));
    const sets = await timelineRows(t, account.id, 'INTEREST_SET');
    expect(sets.map((r) => r.changes)).toEqual([
      [{ field: 'Fleet', before: null, after: { kind: 'INTEREST', note: 'maybe' } }],
      [{ field: 'Fleet', before: { kind: 'INTEREST', note: 'maybe' }, after: { kind: 'UNMET_NEED', note: 'needs 4 vans' } }],
    ]);
    expect(sets[0]).toMatchObject({ record_type: 'ACCOUNT', account_id: account.id, data: { areaId: area.id } });
    const { removeAccountInterest } = expectData(
      await t.gql(RemoveAccountInterestDocument, { input: { accountId: account.id, areaId: area.id } }, { token: ws.member.token }),
    );
    expect(removeAccountInterest.interests).toEqual([]);
    const [removed] = await timelineRows(t, account.id, 'INTEREST_REMOVED');
    expect(removed.changes).toEqual([{ field: 'Fleet', before: { kind: 'UNMET_NEED', note: 'needs 4 vans' }, after: null }]);
    const again = expectData(
      await t.gql(RemoveAccountInterestDocument, { input: { accountId: account.id, areaId: area.id } }, { token: ws.member.token }),
    );
    expect(again.removeAccountInterest.version).toBe(removeAccountInterest.version);
    expect(await timelineRows(t, account.id, 'INTEREST_REMOVED')).toHaveLength(1);
  });

  it('an unknown or archived area is BAD_USER_INPUT naming input.areaId and writes nothing; archived areas stay readable', async () => {
    const area = await createInterestArea(t, ws.admin.token, 'Legacy printers');
    const account = await createAccount(t, ws.member.token);
    expectData(await set({ accountId: account.id, areaId: area.id, kind: 'INTEREST' }));
    expectData(await t.gql(ArchiveInterestAreaDocument, { input: { id: area.id } }, { token: ws.admin.token }));
    const interests = await rowCount(t, 'account_interests');
    const archived = await set({ accountId: account.id, areaId: area.id, kind: 'DISINTEREST' });
    expect(codeOf(archived)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(archived)).toEqual(['input.areaId']);
    const unknown = await set({ accountId: account.id, areaId: '5f1d9b0e-2c7a-4e8b-9a36-0d4c2b1a7e99', kind: 'INTEREST' });
    expect(fieldsOf(unknown)).toEqual(['input.areaId']);
    expect(await rowCount(t, 'account_interests')).toBe(interests);
    const { account: reread } = expectData(await t.gql(AccountDetailsDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread.interests).toEqual([expect.objectContaining({ kind: 'INTEREST', area: expect.objectContaining({ name: 'Legacy printers' }) })]);
    expect(reread.interests[0].area.archivedAt).not.toBeNull();
  });

  it('a stale expectedVersion is CONFLICT and writes nothing', async () => {
    const area = await createInterestArea(t, ws.admin.token, 'Insurance');
    const account = await createAccount(t, ws.member.token);
    const result = await set({ accountId: account.id, areaId: area.id, kind: 'INTEREST', expectedVersion: 7 });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    const { account: reread } = expectData(await t.gql(AccountDetailsDocument, { id: account.id }, { token: ws.member.token }));
    expect(reread.interests).toEqual([]);
  });
});
