import { ArchiveContactDocument, ContactsDocument, type ContactFilter, type ContactOrder } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact, upsertContacts } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('contacts list: filters, order and keyset pagination', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  const ids = (nodes: { id: string }[]) => nodes.map((n) => n.id);
  const list = async (variables: { filter?: ContactFilter; orderBy?: ContactOrder[]; first?: number }) =>
    expectData(await t.gql(ContactsDocument, variables, { token: ws.member.token })).contacts;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  describe('filters', () => {
    let customer: { id: string };
    let lead: { id: string };
    const c: Record<string, { id: string; createdAt: string }> = {};
    const tag = { externalId: { startsWith: 'F-' } };

    beforeAll(async () => {
      customer = await createAccount(t, ws.member.token, { name: 'Customer Co', type: 'CUSTOMER', industry: 'Retail' });
      lead = await createAccount(t, ws.member.token, { name: 'Lead Co', type: 'LEAD' });
      c.ana = await createContact(t, ws.member.token, {
        accountId: customer.id, firstName: 'Ana', lastName: 'Alvarez', position: 'CEO', emails: ['ana@customer.example'], phones: ['+34911000001'], externalId: 'F-ana',
      });
      c.bob = await createContact(t, ws.member.token, {
        accountId: customer.id, firstName: 'Bob', lastName: 'Brown', emails: ['bob@customer.example'], notes: 'Prefers email', externalId: 'F-bob',
      });
      c.cai = await createContact(t, ws.member.token, {
        accountId: lead.id, firstName: 'Cai', lastName: 'Chen', position: 'CTO', phones: ['+34911000003'], externalId: 'F-cai',
      });
      c.dee = await createContact(t, ws.admin.token, { firstName: 'Dee', lastName: 'Dunn', emails: ['dee@loose.example'], externalId: 'F-dee' });
      c.eve = await createContact(t, ws.member.token, { accountId: lead.id, firstName: 'Eve', lastName: 'Evans', externalId: 'F-eve' });
      expectData(await t.gql(ArchiveContactDocument, { input: { id: c.eve.id } }, { token: ws.member.token }));
    });

    it.each<[string, ContactFilter, string[]]>([
      ['firstName eq', { firstName: { eq: 'Bob' } }, ['bob']],
      ['lastName startsWith (ignoring case)', { lastName: { startsWith: 'ch' } }, ['cai']],
      ['position isNull', { position: { isNull: true } }, ['bob', 'dee']],
      ['position in', { position: { in: ['CEO', 'CTO'] } }, ['ana', 'cai']],
      ['any email contains', { email: { contains: '@customer.' } }, ['ana', 'bob']],
      ['any phone eq', { phone: { eq: '+34911000003' } }, ['cai']],
      ['notes contains', { notes: { contains: 'email' } }, ['bob']],
      ['externalId notIn', { externalId: { notIn: ['F-ana', 'F-bob'] } }, ['cai', 'dee']],
      ['account relation: account type CUSTOMER', { account: { type: { eq: 'CUSTOMER' } } }, ['ana', 'bob']],
      ['account relation: account name contains', { account: { name: { contains: 'lead' } } }, ['cai']],
      ['accountId eq', { accountId: { eq: 'LEAD' } }, ['cai']],
      ['loose contacts: accountId isNull', { accountId: { isNull: true } }, ['dee']],
      ['ownerId eq', { ownerId: { eq: 'ADMIN' } }, ['dee']],
      ['or', { or: [{ firstName: { eq: 'Ana' } }, { lastName: { eq: 'Dunn' } }] }, ['ana', 'dee']],
      ['and', { and: [{ account: { type: { eq: 'CUSTOMER' } } }, { position: { isNull: false } }] }, ['ana']],
      ['not', { not: { account: { type: { eq: 'CUSTOMER' } } } }, ['cai', 'dee']],
      ['not over an or', { not: { or: [{ firstName: { eq: 'Ana' } }, { firstName: { eq: 'Bob' } }] } }, ['cai', 'dee']],
      ['archived: true lists only archived ones', { archived: true }, ['eve']],
      ['archived: false is the default list', { archived: false }, ['ana', 'bob', 'cai', 'dee']],
    ])('%s', async (_name, filter, expected) => {
      const resolved = JSON.parse(
        JSON.stringify(filter).replace('"LEAD"', JSON.stringify(lead.id)).replace('"ADMIN"', JSON.stringify(ws.admin.memberId)),
      ) as ContactFilter;
      const page = await list({ filter: { and: [tag, resolved] } });
      expect(ids(page.nodes)).toEqual(expected.map((name) => c[name].id));
      expect(page.totalCount).toBe(expected.length);
    });

    it('createdAt ranges select contacts created in a window', async () => {
      const page = await list({ filter: { and: [tag, { createdAt: { gt: c.ana.createdAt, lte: c.cai.createdAt } }] } });
      expect(ids(page.nodes)).toEqual([c.bob.id, c.cai.id]);
      const before = await list({ filter: { and: [tag, { createdAt: { lt: c.bob.createdAt } }] } });
      expect(ids(before.nodes)).toEqual([c.ana.id]);
    });
  });

  describe('order and pagination', () => {
    const total = 23;
    let expectedByName: string[];
    const mine: ContactFilter = { externalId: { startsWith: 'P-' } };

    beforeAll(async () => {
      const account = await createAccount(t, ws.member.token);
      const lastNames = ['Ortiz', 'Lopez', 'Diaz', 'Ruiz'];
      const firstNames = ['Mar', 'Luz', 'Sol'];
      // Few distinct names: many rows tie on (lastName, firstName) and only the id breaks the tie.
      await upsertContacts(
        t,
        ws.member.token,
        Array.from({ length: total }, (_, i) => ({
          externalId: `P-${i}`,
          accountId: account.id,
          lastName: lastNames[i % lastNames.length],
          firstName: firstNames[i % firstNames.length],
          position: i % 5 === 0 ? null : `Role ${i % 2}`,
        })),
      );
      const rows: { id: string }[] = await t.app.db.query(
        "SELECT id FROM contacts WHERE external_id LIKE 'P-%' ORDER BY last_name, first_name, id",
      );
      expectedByName = rows.map((row) => row.id);
    });

    const walkForward = async (orderBy: ContactOrder[] | undefined, size: number) => {
      const seen: string[] = [];
      let after: string | null | undefined;
      for (let pages = 0; pages < 50; pages += 1) {
        const page = expectData(await t.gql(ContactsDocument, { filter: mine, orderBy, first: size, after }, { token: ws.member.token })).contacts;
        expect(page.totalCount).toBe(total);
        expect(page.pageInfo.hasPreviousPage).toBe(after != null);
        seen.push(...ids(page.nodes));
        if (!page.pageInfo.hasNextPage) return seen;
        after = page.pageInfo.endCursor;
      }
      throw new Error('pagination did not end');
    };

    const walkBackward = async (orderBy: ContactOrder[] | undefined, size: number) => {
      const seen: string[] = [];
      let before: string | null | undefined;
      for (let pages = 0; pages < 50; pages += 1) {
        const page = expectData(await t.gql(ContactsDocument, { filter: mine, orderBy, last: size, before }, { token: ws.member.token })).contacts;
        expect(page.pageInfo.hasNextPage).toBe(before != null);
        seen.unshift(...ids(page.nodes));
        if (!page.pageInfo.hasPreviousPage) return seen;
        before = page.pageInfo.startCursor;
      }
      throw new Error('pagination did not end');
    };

    it('default order is last name, first name, then id; first/after visits every row once', async () => {
      const all = await list({ filter: mine, first: 100 });
      expect(ids(all.nodes)).toEqual(expectedByName);
      expect(await walkForward(undefined, 4)).toEqual(expectedByName);
    });

    it('last/before walks the same order backwards without duplicates or gaps', async () => {
      expect(await walkBackward(undefined, 4)).toEqual(expectedByName);
    });

    it('several order fields with mixed directions page the same way in both directions', async () => {
      const orderBy: ContactOrder[] = [
        { field: 'POSITION', direction: 'DESC' },
        { field: 'FIRST_NAME', direction: 'ASC' },
      ];
      const rows: { id: string }[] = await t.app.db.query(
        "SELECT id FROM contacts WHERE external_id LIKE 'P-%' ORDER BY COALESCE(position, '') DESC, first_name ASC, id ASC",
      );
      const expected = rows.map((row) => row.id);
      expect(ids((await list({ filter: mine, orderBy, first: 100 })).nodes)).toEqual(expected);
      expect(await walkForward(orderBy, 5)).toEqual(expected);
      expect(await walkBackward(orderBy, 5)).toEqual(expected);
    });

    it('edges carry cursors that resume right after their node', async () => {
      const page = expectData(await t.gql(ContactsDocument, { filter: mine, first: 3 }, { token: ws.member.token })).contacts;
      const next = expectData(await t.gql(ContactsDocument, { filter: mine, first: 2, after: page.edges[1].cursor }, { token: ws.member.token })).contacts;
      expect(ids(next.nodes)).toEqual(expectedByName.slice(2, 4));
    });

    it('a foreign or malformed cursor, or a page size over the cap, is BAD_USER_INPUT', async () => {
      const bad = await t.gql(ContactsDocument, { filter: mine, first: 2, after: 'nonsense' }, { token: ws.member.token });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const big = await t.gql(ContactsDocument, { filter: mine, first: 501 }, { token: ws.member.token });
      expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
