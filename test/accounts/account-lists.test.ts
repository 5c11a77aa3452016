import { AccountsDocument, type AccountFilter, type AccountOrder } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { addMember, createTeam, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('accounts list: filters, ordering and keyset pagination', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let teamMateId: string;
  let teamId: string;
  const created: { id: string; name: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    const mate = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    teamMateId = mate.memberId;
    teamId = await createTeam(t, ws.owner.token, 'Coast', [mate.memberId]);
    const types = ['LEAD', 'PROSPECT', 'CUSTOMER', 'OTHER'] as const;
    for (let i = 0; i < 12; i += 1) {
      const account = await createAccount(t, i % 3 === 0 ? mate.token : ws.member.token, {
        name: `Company ${String.fromCharCode(65 + i)}`,
        type: types[i % 4],
        emails: [`info${i}@${i % 2 ? 'acme' : 'globex'}.example`],
        phones: [`+3491123450${i % 10}`],
        billingAddress: { city: i < 6 ? 'Madrid' : 'Sevilla' },
        industry: i % 2 ? 'Retail' : null,
      });
      created.push(account);
    }
  });
  afterAll(() => t.stop());

  const names = async (filter: AccountFilter, orderBy?: AccountOrder[]) => {
    const { accounts } = expectData(await t.gql(AccountsDocument, { filter, orderBy, first: 100 }, { token: ws.owner.token }));
    return accounts.nodes.map((a) => a.name);
  };

  it('filters by scalar fields with per-field operators', async () => {
    expect(await names({ type: { in: ['CUSTOMER', 'OTHER'] }, city: { eq: 'Madrid' } })).toEqual(['Company C', 'Company D']);
    expect(await names({ email: { endsWith: '@acme.example' }, name: { startsWith: 'company' } })).toHaveLength(6);
    expect(await names({ phone: { eq: '+34911234503' } })).toEqual(['Company D']);
    expect(await names({ industry: { isNull: true }, city: { eq: 'Sevilla' } })).toEqual(['Company G', 'Company I', 'Company K']);
    expect(await names({ name: { in: ['Company A', 'Company B'] }, type: { ne: 'LEAD' } })).toEqual(['Company B']);
  });

  it('composes conditions with and / or / not', async () => {
    const filter: AccountFilter = {
      or: [{ name: { eq: 'Company A' } }, { and: [{ city: { eq: 'Sevilla' } }, { type: { eq: 'LEAD' } }] }],
      not: { name: { contains: 'I' } },
    };
    expect(await names(filter)).toEqual(['Company A']);
  });

  it('filters by owner and by the team of an owner', async () => {
    const byOwner = await names({ ownerId: { eq: teamMateId } });
    expect(byOwner).toEqual(['Company A', 'Company D', 'Company G', 'Company J']);
    expect(await names({ teamId: { eq: teamId } })).toEqual(byOwner);
    expect(await names({ primaryOwnerId: { in: [ws.member.memberId] } })).toHaveLength(8);
  });

  it('filters accounts by their contacts (one-to-many): having a contact whose email ends with a domain', async () => {
    await createContact(t, ws.owner.token, { accountId: created[1].id, firstName: 'Eva', emails: ['eva@partner.example'] });
    await createContact(t, ws.owner.token, { accountId: created[2].id, firstName: 'Eduardo', position: 'CFO', emails: ['edu@other.example'] });
    expect(await names({ hasContact: { email: { endsWith: '@partner.example' } } })).toEqual(['Company B']);
    expect(await names({ hasContact: { firstName: { startsWith: 'e' }, position: { eq: 'CFO' } } })).toEqual(['Company C']);
    expect(await names({ not: { hasContact: {} }, name: { in: ['Company B', 'Company D'] } })).toEqual(['Company D']);
  });

  it('filters by creation time range', async () => {
    const { accounts } = expectData(await t.gql(AccountsDocument, { first: 100, orderBy: [{ field: 'CREATED_AT', direction: 'ASC' }] }, { token: ws.owner.token }));
    expect(accounts.nodes[0].name).toBe('Company A');
    expect(await names({ createdAt: { gt: new Date(Date.now() + 60_000).toISOString() } })).toEqual([]);
    expect(await names({ createdAt: { lte: new Date(Date.now() + 60_000).toISOString() } })).toHaveLength(12);
  });

  it('pages forward and backward by cursor over several sort keys without gaps or repeats', async () => {
    const orderBy: AccountOrder[] = [{ field: 'TYPE', direction: 'ASC' }, { field: 'NAME', direction: 'DESC' }];
    const all = await names({}, orderBy);
    expect(all).toHaveLength(12);
    const forward: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const { accounts } = expectData(await t.gql(AccountsDocument, { first: 5, after, orderBy }, { token: ws.owner.token }));
      forward.push(...accounts.edges.map((e) => e.node.name));
      expect(await accounts.totalCount).toBe(12);
      if (!accounts.pageInfo.hasNextPage) break;
      after = accounts.pageInfo.endCursor;
    }
    expect(forward).toEqual(all);
    const backward: string[] = [];
    let before: string | null | undefined;
    for (;;) {
      const { accounts } = expectData(await t.gql(AccountsDocument, { last: 5, before, orderBy }, { token: ws.owner.token }));
      backward.unshift(...accounts.edges.map((e) => e.node.name));
      if (!accounts.pageInfo.hasPreviousPage) break;
      before = accounts.pageInfo.startCursor;
    }
    expect(backward).toEqual(all);
  });

  it('refuses a foreign cursor and oversized pages with BAD_USER_INPUT', async () => {
    const badCursor = await t.gql(AccountsDocument, { first: 5, after: 'bm90LWEtY3Vyc29y' }, { token: ws.owner.token });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await t.gql(AccountsDocument, { first: 501 }, { token: ws.owner.token });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
