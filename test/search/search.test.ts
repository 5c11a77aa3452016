import {
  ArchiveAccountDocument,
  ArchiveContactDocument,
  SearchDocument,
  SearchWithRelationsDocument,
  UpsertAccountsDocument,
  type SearchQuery,
  type SearchableType,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { addMember, createApiKey, createWorkspace, expectData, signUpOwner, type Actor, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Hit = SearchQuery['search'][number];

describe('search(query, types, first)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let acme: { id: string };
  let acmeIberia: { id: string };
  let lucia: { id: string };

  const search = async (token: string, query: string, types?: SearchableType[], first?: number): Promise<Hit[]> =>
    expectData(await t.gql(SearchDocument, { query, types, first }, { token })).search;
  const ids = (hits: Hit[]): string[] => hits.map((hit) => hit.id);

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Search A');
    acme = await createAccount(t, ws.owner.token, {
      name: 'Acme',
      legalName: 'Acme Iberia S.L.',
      taxId: 'B-1234.5678',
      emails: ['ventas@acme.example'],
      phones: ['+34 911 23 45 67'],
    });
    acmeIberia = await createAccount(t, ws.owner.token, { name: 'Acme Iberia Logística' });
    await createAccount(t, ws.owner.token, { name: 'Acmes Holding' });
    lucia = await createContact(t, ws.owner.token, {
      accountId: acme.id,
      firstName: 'Lucía',
      lastName: 'Fernández Ortega',
      position: 'Directora financiera',
      emails: ['lucia.fernandez@acme.example'],
      phones: ['+34 622 33 44 55'],
    });
  });
  afterAll(() => t.stop());

  it('is typo-tolerant: "acmee" and "acme iberya" find the right accounts', async () => {
    expect(ids(await search(ws.owner.token, 'acmee'))).toContain(acme.id);
    const hits = await search(ws.owner.token, 'acme iberya');
    expect(hits[0].id).toBe(acmeIberia.id);
  });

  it('ignores accents both ways: "lucia fernandez" finds Lucía Fernández, "logistica" and "LOGÍSTICA" find Logística', async () => {
    expect(ids(await search(ws.owner.token, 'lucia fernandez', ['CONTACT']))).toEqual([lucia.id]);
    expect(ids(await search(ws.owner.token, 'logistica', ['ACCOUNT']))[0]).toBe(acmeIberia.id);
    expect(ids(await search(ws.owner.token, 'LOGÍSTICA', ['ACCOUNT']))[0]).toBe(acmeIberia.id);
  });

  it('ranks the exact name first, scores descending, and carries the account node', async () => {
    const hits = await search(ws.owner.token, '  ACME ');
    expect(hits[0]).toMatchObject({ type: 'ACCOUNT', id: acme.id, title: 'Acme', subtitle: 'Acme Iberia S.L. · B12345678', account: { id: acme.id, taxId: 'B12345678' }, contact: null });
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(ids(hits)).toEqual(expect.arrayContaining([acmeIberia.id, lucia.id]));
  });

  it('matches a tax id in any common writing', async () => {
    for (const query of ['B12345678', 'b-1234.5678', 'B 1234 5678']) {
      expect((await search(ws.owner.token, query))[0].id).toBe(acme.id);
    }
  });

  it('matches emails, of accounts and of contacts (with account name and position as subtitle)', async () => {
    expect((await search(ws.owner.token, 'ventas@acme.example'))[0].id).toBe(acme.id);
    const [first] = await search(ws.owner.token, 'lucia.fernandez@acme');
    expect(first).toMatchObject({
      type: 'CONTACT',
      id: lucia.id,
      title: 'Lucía Fernández Ortega',
      subtitle: 'Acme · Directora financiera',
      account: null,
      contact: { id: lucia.id, emails: ['lucia.fernandez@acme.example'] },
    });
  });

  it('matches phones by their digits, however they are typed', async () => {
    for (const query of ['+34 911 23 45 67', '911 23 45 67', '(91) 123-4567']) {
      expect((await search(ws.owner.token, query))[0].id).toBe(acme.id);
    }
    for (const query of ['622 33 44 55', '+34622334455']) {
      expect((await search(ws.owner.token, query))[0].id).toBe(lucia.id);
    }
  });

  it('types restricts the kinds of record', async () => {
    const contactsOnly = await search(ws.owner.token, 'acme', ['CONTACT']);
    expect(contactsOnly.length).toBeGreaterThan(0);
    expect(contactsOnly.every((hit) => hit.type === 'CONTACT' && hit.contact && !hit.account)).toBe(true);
    const accountsOnly = await search(ws.owner.token, 'acme', ['ACCOUNT']);
    expect(accountsOnly.every((hit) => hit.type === 'ACCOUNT')).toBe(true);
    expect(ids(accountsOnly)).not.toContain(lucia.id);
  });

  it('leaves out archived accounts (and their contacts) and archived contacts', async () => {
    const gone = await createAccount(t, ws.owner.token, { name: 'Quimera Archivada' });
    const goneContact = await createContact(t, ws.owner.token, { accountId: gone.id, firstName: 'Quimera', lastName: 'Persona' });
    const loose = await createContact(t, ws.owner.token, { firstName: 'Quimera', lastName: 'Suelta' });
    expect(ids(await search(ws.owner.token, 'quimera'))).toEqual(expect.arrayContaining([gone.id, goneContact.id, loose.id]));
    expectData(await t.gql(ArchiveAccountDocument, { input: { id: gone.id } }, { token: ws.owner.token }));
    expectData(await t.gql(ArchiveContactDocument, { input: { id: loose.id } }, { token: ws.owner.token }));
    expect(await search(ws.owner.token, 'quimera')).toEqual([]);
  });

  it('refuses queries under 2 characters and page sizes outside 1..100, naming the argument', async () => {
    for (const query of ['a', '   ', ' b ']) {
      const result = await t.gql(SearchDocument, { query }, { token: ws.owner.token });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'query' }] });
    }
    for (const first of [0, 101]) {
      const result = await t.gql(SearchDocument, { query: 'acme', first }, { token: ws.owner.token });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'first' }] });
    }
    expect(await search(ws.owner.token, 'acme', undefined, 1)).toHaveLength(1);
  });

  it('never crosses workspaces: another workspace\'s owner and API key find only their own', async () => {
    const other = await signUpOwner(t, 'Search B');
    const theirs = await createAccount(t, other.token, { name: 'Acme', taxId: 'B12345678' });
    const key = await createApiKey(t, other.token, ['accounts:read']);
    for (const token of [other.token, key]) {
      for (const query of ['acme', 'B12345678', 'ventas@acme.example', '911 23 45 67', 'lucia fernandez']) {
        const found = ids(await search(token, query));
        expect(found.filter((id) => id !== theirs.id)).toEqual([]);
      }
    }
    const mine = await createApiKey(t, ws.owner.token, ['accounts:read']);
    expect((await search(mine, 'acme'))[0].id).toBe(acme.id);
    const noScope = await createApiKey(t, ws.owner.token, ['leads:read']);
    expect((await t.gql(SearchDocument, { query: 'acme' }, { token: noScope })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a member with OWN scope finds what they own (and its contacts), never what others own', async () => {
    const seller: Actor = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const mine = await createAccount(t, seller.token, { name: 'Zafiro Propia' });
    const myContact = await createContact(t, seller.token, { accountId: mine.id, firstName: 'Pedro', lastName: 'Zafiro' });
    const theirs = await createAccount(t, ws.owner.token, { name: 'Zafiro Ajena' });
    const theirContact = await createContact(t, ws.owner.token, { accountId: theirs.id, firstName: 'Ana', lastName: 'Zafiro' });
    const theirLoose = await createContact(t, ws.owner.token, { firstName: 'Eva', lastName: 'Zafiro' });

    const seen = ids(await search(seller.token, 'zafiro'));
    expect(seen.sort()).toEqual([mine.id, myContact.id].sort());
    expect(ids(await search(seller.token, 'acme'))).toEqual([]);
    expect(ids(await search(ws.owner.token, 'zafiro'))).toEqual(
      expect.arrayContaining([mine.id, myContact.id, theirs.id, theirContact.id, theirLoose.id]),
    );
  });

  it('costs the same number of SQL statements for 5 hits as for 50, relations included', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ externalId: `NEB-${i}`, name: i < 2 ? 'Nebulosa' : `Nebulosa Cuenta ${i}`, type: 'CUSTOMER' as const }));
    expectData(await t.gql(UpsertAccountsDocument, { input: { rows } }, { token: ws.owner.token }));
    // The contacts hang off accounts that never match, so their account's owners are never already cached
    // by the account hits (a DataLoader cache hit would save a statement on one side only).
    const homes = [await createAccount(t, ws.owner.token, { name: 'Sede Norte' }), await createAccount(t, ws.owner.token, { name: 'Sede Sur' })];
    for (let i = 0; i < 26; i += 1) {
      await createContact(t, ws.owner.token, {
        accountId: homes[i % homes.length].id,
        firstName: i < 2 ? 'Nebulosa' : `Persona ${i}`,
        lastName: i < 2 ? '' : 'Nebulosa',
      });
    }
    const run = async (first: number) => {
      let hits: { type: string }[] = [];
      const statements = await t.countStatements(async () => {
        hits = expectData(await t.gql(SearchWithRelationsDocument, { query: 'nebulosa', first }, { token: ws.owner.token })).search;
      });
      return { statements, hits };
    };
    const few = await run(5);
    const many = await run(50);
    expect(few.hits).toHaveLength(5);
    expect(many.hits).toHaveLength(50);
    // Both pages hold both kinds (the exact names rank first), so the same loaders run.
    expect(new Set(few.hits.map((hit) => hit.type))).toEqual(new Set(['ACCOUNT', 'CONTACT']));
    expect(few.statements).toBe(many.statements);
  });
});
