import {
  AccountDetailsDocument,
  AccountsWithDetailsDocument,
  AddAccountRelationshipDocument,
  RemoveAccountInterestDocument,
  RemoveAccountRelationshipDocument,
  SetAccountCharacteristicDocument,
  SetAccountInterestDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { addMember, createApiKey, createWorkspace, expectData, type Actor, type TestWorkspace } from '../support/factories';
import {
  codeOf,
  createCharacteristic,
  createInterestArea,
  createRelationshipType,
  fieldsOf,
  linkAccounts,
  rowCount,
} from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

const DETAIL_TABLES = ['account_characteristics', 'account_interests', 'account_relationships', 'timeline_entries'];

describe('account details: tenant and portfolio isolation', () => {
  let t: TestApp;
  let a: TestWorkspace;
  let b: TestWorkspace;
  let bKey: string;
  let own: Actor;
  const fixture = {} as {
    accountA: string;
    accountB: string;
    mine: string;
    typeId: string;
    definitionId: string;
    areaId: string;
    linkAB: string;
    linkMine: string;
  };

  beforeAll(async () => {
    t = await startTestApp();
    a = await createWorkspace(t, 'A');
    b = await createWorkspace(t, 'B');
    bKey = await createApiKey(t, b.owner.token, ['accounts:write']);
    own = await addMember(t, a.owner.token, 'MEMBER', 'OWN');
    fixture.accountA = (await createAccount(t, a.owner.token, { name: 'A one' })).id;
    fixture.accountB = (await createAccount(t, a.owner.token, { name: 'A two' })).id;
    fixture.mine = (await createAccount(t, own.token, { name: 'Own member account' })).id;
    fixture.typeId = (await createRelationshipType(t, a.owner.token, { name: 'Partner of', inverseName: 'Partnered by' })).id;
    fixture.definitionId = (await createCharacteristic(t, a.owner.token, { name: 'Secret rating', dataType: 'NUMBER' })).id;
    fixture.areaId = (await createInterestArea(t, a.owner.token, 'Secret area')).id;
    const { accountA, accountB, mine, typeId, definitionId, areaId } = fixture;
    fixture.linkAB = (await linkAccounts(t, a.owner.token, { fromAccountId: accountA, toAccountId: accountB, typeId })).id;
    fixture.linkMine = (await linkAccounts(t, a.owner.token, { fromAccountId: mine, toAccountId: accountA, typeId, reason: 'shared' })).id;
    expectData(await t.gql(SetAccountCharacteristicDocument, { input: { accountId: accountA, value: { definitionId, number: '99' } } }, { token: a.owner.token }));
    expectData(await t.gql(SetAccountInterestDocument, { input: { accountId: accountA, areaId, kind: 'UNMET_NEED' } }, { token: a.owner.token }));
  });
  afterAll(() => t.stop());

  const counts = () => Promise.all(DETAIL_TABLES.map((table) => rowCount(t, table)));

  /** Every account-detail mutation aimed at `accountId` (and, for links, `otherId`), as thunks. */
  const mutationsOn = (token: string, accountId: string, otherId: string, linkId: string) => [
    () => t.gql(SetAccountCharacteristicDocument, { input: { accountId, value: { definitionId: fixture.definitionId, number: '1' } } }, { token }),
    () => t.gql(SetAccountInterestDocument, { input: { accountId, areaId: fixture.areaId, kind: 'DISINTEREST' } }, { token }),
    () => t.gql(RemoveAccountInterestDocument, { input: { accountId, areaId: fixture.areaId } }, { token }),
    () => t.gql(AddAccountRelationshipDocument, { input: { fromAccountId: accountId, toAccountId: otherId, typeId: fixture.typeId } }, { token }),
    () => t.gql(AddAccountRelationshipDocument, { input: { fromAccountId: otherId, toAccountId: accountId, typeId: fixture.typeId } }, { token }),
    () => t.gql(RemoveAccountRelationshipDocument, { input: { id: linkId } }, { token }),
  ];
  const codesOf = async (calls: (() => Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>)[]) => {
    const codes: unknown[] = [];
    for (const call of calls) codes.push(codeOf(await call()));
    return codes;
  };

  it('another workspace\'s owner and API key get NOT_FOUND reading A\'s account details, and filters on A\'s ids match nothing', async () => {
    for (const token of [b.owner.token, bKey]) {
      const read = await t.gql(AccountDetailsDocument, { id: fixture.accountA }, { token });
      expect(codeOf(read)).toBe('NOT_FOUND');
      expect(read.data).toBeNull();
      const filters = [
        { characteristics: [{ definitionId: fixture.definitionId, number: { gt: '0' } }] },
        { interest: { areaId: { eq: fixture.areaId } } },
        { relationship: { typeId: { eq: fixture.typeId } } },
        { relationship: { otherAccountId: { eq: fixture.accountA } } },
      ];
      for (const filter of filters) {
        const { accounts } = expectData(await t.gql(AccountsWithDetailsDocument, { first: 50, filter }, { token }));
        expect(accounts.nodes).toEqual([]);
      }
    }
  });

  it('another workspace\'s owner and API key get NOT_FOUND on every set/add/remove aimed at A\'s accounts, and nothing is written', async () => {
    const before = await counts();
    for (const token of [b.owner.token, bKey]) {
      expect(await codesOf(mutationsOn(token, fixture.accountA, fixture.accountB, fixture.linkAB))).toEqual(Array(6).fill('NOT_FOUND'));
    }
    expect(await counts()).toEqual(before);
  });

  it('A\'s definitions, areas and types are unknown to B on B\'s own accounts (BAD_USER_INPUT, nothing written)', async () => {
    const one = (await createAccount(t, b.owner.token)).id;
    const two = (await createAccount(t, b.owner.token)).id;
    const before = await counts();
    for (const token of [b.owner.token, bKey]) {
      const results = [
        await t.gql(SetAccountCharacteristicDocument, { input: { accountId: one, value: { definitionId: fixture.definitionId, number: '1' } } }, { token }),
        await t.gql(SetAccountInterestDocument, { input: { accountId: one, areaId: fixture.areaId, kind: 'INTEREST' } }, { token }),
        await t.gql(AddAccountRelationshipDocument, { input: { fromAccountId: one, toAccountId: two, typeId: fixture.typeId } }, { token }),
      ];
      expect(results.map(codeOf)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(results.map(fieldsOf)).toEqual([['input.value.definitionId'], ['input.areaId'], ['input.typeId']]);
    }
    expect(await counts()).toEqual(before);
  });

  it('a MEMBER with OWN scope gets NOT_FOUND on every set/add/remove touching an account they don\'t own, and nothing is written', async () => {
    const before = await counts();
    expect(await codesOf(mutationsOn(own.token, fixture.accountA, fixture.accountB, fixture.linkAB))).toEqual(Array(6).fill('NOT_FOUND'));
    // Their own account linked to (or unlinked from) one they can't see: still NOT_FOUND.
    expect(await codesOf(mutationsOn(own.token, fixture.mine, fixture.accountB, fixture.linkMine).slice(3))).toEqual(Array(3).fill('NOT_FOUND'));
    expect(await counts()).toEqual(before);
  });

  it('a MEMBER with OWN scope sees the link on their own account, with otherAccount null for the account outside their portfolio', async () => {
    const { account } = expectData(await t.gql(AccountDetailsDocument, { id: fixture.mine }, { token: own.token }));
    expect(account.relationships).toEqual([
      expect.objectContaining({ id: fixture.linkMine, direction: 'OUTGOING', label: 'Partner of', reason: 'shared', otherAccount: null }),
    ]);
    const { accounts } = expectData(await t.gql(AccountsWithDetailsDocument, { first: 50 }, { token: own.token }));
    expect(accounts.nodes.map((n) => n.id)).toEqual([fixture.mine]);
    expect(accounts.nodes[0].relationships).toEqual([{ label: 'Partner of', type: { name: 'Partner of' }, otherAccount: null }]);
    const hidden = await t.gql(AccountDetailsDocument, { id: fixture.accountA }, { token: own.token });
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    const byOther = expectData(await t.gql(AccountsWithDetailsDocument, { first: 50, filter: { relationship: { otherAccountId: { eq: fixture.mine } } } }, { token: own.token }));
    expect(byOther.accounts.nodes).toEqual([]);
  });

  it('the owner of A still sees both sides, and A\'s data is intact', async () => {
    const { account } = expectData(await t.gql(AccountDetailsDocument, { id: fixture.accountA }, { token: a.owner.token }));
    expect(account.characteristics.map((c) => c.number)).toEqual(['99']);
    expect(account.interests.map((i) => i.kind)).toEqual(['UNMET_NEED']);
    expect(account.relationships.map((r) => [r.direction, r.label, r.otherAccount?.name]).sort()).toEqual([
      ['INCOMING', 'Partnered by', 'Own member account'],
      ['OUTGOING', 'Partner of', 'A two'],
    ]);
  });
});
