import {
  AccountsWithDetailsDocument,
  SetAccountCharacteristicDocument,
  SetAccountInterestDocument,
  UpsertAccountsDocument,
  type AccountFilter,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createCharacteristic, createInterestArea, createRelationshipType, linkAccounts } from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('account filters on characteristics, interests and relationships (end to end)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  const ids: Record<string, string> = {};
  const refs = {} as { revenue: string; size: string; founded: string; exporter: string; solar: string; hvac: string; parentOf: string; partner: string };

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    const admin = ws.admin.token;
    refs.revenue = (await createCharacteristic(t, admin, { name: 'Revenue', dataType: 'NUMBER' })).id;
    refs.size = (await createCharacteristic(t, admin, { name: 'Size', dataType: 'OPTION', options: ['Small', 'Large'] })).id;
    refs.founded = (await createCharacteristic(t, admin, { name: 'Founded', dataType: 'DATE' })).id;
    refs.exporter = (await createCharacteristic(t, admin, { name: 'Exporter', dataType: 'BOOLEAN' })).id;
    refs.solar = (await createInterestArea(t, admin, 'Solar')).id;
    refs.hvac = (await createInterestArea(t, admin, 'HVAC')).id;
    refs.parentOf = (await createRelationshipType(t, admin, { name: 'Parent of', inverseName: 'Subsidiary of' })).id;
    refs.partner = (await createRelationshipType(t, admin, { name: 'Partner' })).id;
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']) ids[name] = (await createAccount(t, ws.member.token, { name })).id;
    const set = async (accountId: string, value: Record<string, unknown> & { definitionId: string }) =>
      expectData(await t.gql(SetAccountCharacteristicDocument, { input: { accountId, value } }, { token: ws.member.token }));
    await set(ids.Alpha, { definitionId: refs.revenue, number: '5000.25' });
    await set(ids.Bravo, { definitionId: refs.revenue, number: '1000' });
    await set(ids.Charlie, { definitionId: refs.revenue, number: '999.99' });
    await set(ids.Alpha, { definitionId: refs.size, option: 'Large' });
    await set(ids.Bravo, { definitionId: refs.size, option: 'Small' });
    await set(ids.Delta, { definitionId: refs.size, option: 'Large' });
    await set(ids.Alpha, { definitionId: refs.founded, date: '1990-05-01' });
    await set(ids.Echo, { definitionId: refs.founded, date: '2015-01-01' });
    await set(ids.Charlie, { definitionId: refs.exporter, boolean: true });
    const interest = async (accountId: string, areaId: string, kind: 'INTEREST' | 'DISINTEREST' | 'UNMET_NEED') =>
      expectData(await t.gql(SetAccountInterestDocument, { input: { accountId, areaId, kind } }, { token: ws.member.token }));
    await interest(ids.Alpha, refs.solar, 'UNMET_NEED');
    await interest(ids.Bravo, refs.solar, 'INTEREST');
    await interest(ids.Charlie, refs.hvac, 'UNMET_NEED');
    await interest(ids.Delta, refs.solar, 'UNMET_NEED');
    await linkAccounts(t, ws.member.token, { fromAccountId: ids.Alpha, toAccountId: ids.Bravo, typeId: refs.parentOf });
    await linkAccounts(t, ws.member.token, { fromAccountId: ids.Alpha, toAccountId: ids.Charlie, typeId: refs.parentOf });
    await linkAccounts(t, ws.member.token, { fromAccountId: ids.Delta, toAccountId: ids.Bravo, typeId: refs.partner });
  });
  afterAll(() => t.stop());

  const namesMatching = async (filter: AccountFilter) => {
    const { accounts } = expectData(await t.gql(AccountsWithDetailsDocument, { first: 50, filter }, { token: ws.member.token }));
    return accounts.nodes.map((a) => a.name);
  };

  it('a NUMBER characteristic compares exactly as a decimal (gt "1000" leaves 1000 and 999.99 out)', async () => {
    expect(await namesMatching({ characteristics: [{ definitionId: refs.revenue, number: { gt: '1000' } }] })).toEqual(['Alpha']);
    expect(await namesMatching({ characteristics: [{ definitionId: refs.revenue, number: { gte: '1000' } }] })).toEqual(['Alpha', 'Bravo']);
    expect(await namesMatching({ characteristics: [{ definitionId: refs.revenue, number: { lt: '1000' } }] })).toEqual(['Charlie']);
  });

  it('an OPTION characteristic equals a value; DATE and BOOLEAN compare typed; isSet finds accounts without a value', async () => {
    expect(await namesMatching({ characteristics: [{ definitionId: refs.size, text: { eq: 'Large' } }] })).toEqual(['Alpha', 'Delta']);
    expect(await namesMatching({ characteristics: [{ definitionId: refs.founded, date: { lt: '2000-01-01' } }] })).toEqual(['Alpha']);
    expect(await namesMatching({ characteristics: [{ definitionId: refs.exporter, boolean: { eq: true } }] })).toEqual(['Charlie']);
    expect(await namesMatching({ characteristics: [{ definitionId: refs.size, isSet: false }] })).toEqual(['Charlie', 'Echo']);
    expect(
      await namesMatching({
        characteristics: [
          { definitionId: refs.size, text: { eq: 'Large' } },
          { definitionId: refs.revenue, number: { gt: '1000' } },
        ],
      }),
    ).toEqual(['Alpha']);
  });

  it('an interest filter matches the kind within an area (UNMET_NEED in Solar)', async () => {
    expect(await namesMatching({ interest: { areaId: { eq: refs.solar }, kind: { eq: 'UNMET_NEED' } } })).toEqual(['Alpha', 'Delta']);
    expect(await namesMatching({ interest: { kind: { eq: 'UNMET_NEED' } } })).toEqual(['Alpha', 'Charlie', 'Delta']);
    expect(await namesMatching({ not: { interest: { areaId: { eq: refs.solar } } } })).toEqual(['Charlie', 'Echo']);
  });

  it('a relationship filter matches either direction, by type and other account', async () => {
    expect(await namesMatching({ relationship: { typeId: { eq: refs.parentOf }, otherAccountId: { eq: ids.Bravo } } })).toEqual(['Alpha']);
    expect(await namesMatching({ relationship: { typeId: { eq: refs.parentOf }, otherAccountId: { eq: ids.Alpha } } })).toEqual(['Bravo', 'Charlie']);
    expect(await namesMatching({ relationship: { otherAccountId: { eq: ids.Bravo } } })).toEqual(['Alpha', 'Delta']);
    expect(await namesMatching({ relationship: { typeId: { eq: refs.partner } } })).toEqual(['Bravo', 'Delta']);
  });
});

describe('account details load without N+1', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('listing accounts with characteristics, interests and relationships runs as many SQL statements for 50 accounts as for 5', async () => {
    const token = ws.owner.token;
    const definition = await createCharacteristic(t, token, { name: 'Score', dataType: 'NUMBER' });
    const option = await createCharacteristic(t, token, { name: 'Tier', dataType: 'OPTION', options: ['Gold', 'Silver'] });
    const area = await createInterestArea(t, token, 'Cloud');
    const type = await createRelationshipType(t, token, { name: 'Refers', inverseName: 'Referred by' });
    const { upsertAccounts } = expectData(
      await t.gql(
        UpsertAccountsDocument,
        {
          input: {
            rows: Array.from({ length: 51 }, (_, i) => ({
              externalId: `batch-${i}`,
              name: `Batch ${String(i).padStart(2, '0')}`,
              type: 'CUSTOMER' as const,
            })),
          },
        },
        { token },
      ),
    );
    const accountIds = upsertAccounts.map((row) => row.id as string);
    for (const [i, accountId] of accountIds.entries()) {
      expectData(await t.gql(SetAccountCharacteristicDocument, { input: { accountId, value: { definitionId: definition.id, number: String(i) } } }, { token }));
      expectData(await t.gql(SetAccountCharacteristicDocument, { input: { accountId, value: { definitionId: option.id, option: i % 2 ? 'Gold' : 'Silver' } } }, { token }));
      expectData(await t.gql(SetAccountInterestDocument, { input: { accountId, areaId: area.id, kind: 'INTEREST' } }, { token }));
      if (i > 0) await linkAccounts(t, token, { fromAccountId: accountIds[i - 1], toAccountId: accountId, typeId: type.id });
    }
    const filter = { name: { startsWith: 'Batch' } };
    const run = async (first: number) => expectData(await t.gql(AccountsWithDetailsDocument, { first, filter }, { token })).accounts;
    let five: Awaited<ReturnType<typeof run>> | undefined;
    let fifty: Awaited<ReturnType<typeof run>> | undefined;
    const small = await t.countStatements(async () => (five = await run(5)));
    const large = await t.countStatements(async () => (fifty = await run(50)));
    expect(five?.nodes).toHaveLength(5);
    expect(fifty?.nodes).toHaveLength(50);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
    const second = fifty?.nodes[1];
    expect(second?.characteristics.map((c) => [c.definition.name, c.number ?? c.option])).toEqual([
      ['Score', '1'],
      ['Tier', 'Gold'],
    ]);
    expect(second?.interests).toEqual([{ kind: 'INTEREST', area: { name: 'Cloud' } }]);
    expect(second?.relationships.map((r) => [r.label, r.otherAccount?.name]).sort()).toEqual([
      ['Referred by', 'Batch 00'],
      ['Refers', 'Batch 02'],
    ]);
  });
});
