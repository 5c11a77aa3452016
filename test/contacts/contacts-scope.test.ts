import {
  AccountContactsDocument,
  AccountsWithContactsDocument,
  ArchiveContactDocument,
  ContactDocument,
  ContactsDocument,
  ContactsWithRelationsDocument,
  ContactTimelineDocument,
  CreateContactDocument,
  RestoreContactDocument,
  UpdateContactDocument,
  UpsertContactsDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { addMember, createApiKey, createTeam, createWorkspace, expectData, type Actor, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Contact = { id: string; version: number };

/**
 * Contacts follow their account's visibility; a loose contact follows its owner. OWN sees contacts of accounts
 * it owns, TEAM those of accounts owned by team mates, ALL and API keys the whole workspace; another workspace
 * sees nothing. Outside reach is NOT_FOUND (never FORBIDDEN); lists and totalCount leave those contacts out.
 */
describe('contacts: portfolio scope and tenancy', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let otherKey: string;
  let homeKey: string;
  let alice: Actor; // MEMBER, OWN
  let bob: Actor; // MEMBER, OWN
  let carol: Actor; // MEMBER, TEAM, same team as dave
  let dave: Actor; // MEMBER, OWN
  let accountA: { id: string; name: string };
  let accountB: { id: string; name: string };
  let accountD: { id: string };
  let ofA: Contact; // on alice's account
  let ofB: Contact; // on bob's account
  let ofD: Contact; // on dave's account
  let looseOfBob: Contact;
  let looseOfAlice: Contact;
  let looseOfDave: Contact;
  const code = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;
  const versionOf = async (id: string): Promise<number> => (await t.app.db.query('SELECT version FROM contacts WHERE id = $1', [id]))[0].version;
  const countContacts = async (): Promise<number> => (await t.app.db.query('SELECT count(*)::int AS n FROM contacts'))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Main');
    other = await createWorkspace(t, 'Other');
    otherKey = await createApiKey(t, other.owner.token, ['accounts:write']);
    homeKey = await createApiKey(t, ws.owner.token, ['accounts:write']);
    alice = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    bob = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    dave = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const team = await createTeam(t, ws.owner.token, 'North', [dave.memberId]);
    carol = await addMember(t, ws.owner.token, 'MEMBER', 'TEAM', [team]);
    accountA = await createAccount(t, alice.token, { name: 'Alice Foods', externalId: 'ACC-A' });
    accountB = await createAccount(t, bob.token, { name: 'Bob Motors', externalId: 'ACC-B' });
    accountD = await createAccount(t, dave.token, { name: 'Dave Tools' });
    ofA = await createContact(t, alice.token, { accountId: accountA.id, firstName: 'Of A', externalId: 'C-A' });
    ofB = await createContact(t, bob.token, { accountId: accountB.id, firstName: 'Of B', externalId: 'C-B' });
    ofD = await createContact(t, dave.token, { accountId: accountD.id, firstName: 'Of D' });
    looseOfBob = await createContact(t, bob.token, { firstName: 'Loose B' });
    looseOfAlice = await createContact(t, alice.token, { firstName: 'Loose A' });
    looseOfDave = await createContact(t, dave.token, { firstName: 'Loose D' });
    await createContact(t, other.owner.token, { firstName: 'Foreign' });
  });
  afterAll(() => t.stop());

  /** Callers who must not reach bob's contacts (ofB, looseOfB). */
  const outsiders = () => [
    { who: 'a MEMBER with OWN scope who owns neither', token: alice.token },
    { who: 'a MEMBER with TEAM scope outside the owner\'s teams', token: carol.token },
    { who: "another workspace's owner", token: other.owner.token },
    { who: "another workspace's API key", token: otherKey },
  ];
  const homeIds = () => [ofA, ofB, ofD, looseOfBob, looseOfAlice, looseOfDave].map((c) => c.id);

  it('contact(id) and its timeline are NOT_FOUND outside reach, with no data', async () => {
    for (const { token } of outsiders()) {
      for (const id of [ofB.id, looseOfBob.id]) {
        const result = await t.gql(ContactDocument, { id }, { token });
        expect(code(result)).toBe('NOT_FOUND');
        expect(result.data).toBeNull();
        expect(code(await t.gql(ContactTimelineDocument, { id }, { token }))).toBe('NOT_FOUND');
      }
    }
  });

  it('contacts lists and totalCount leave out what is outside reach (archived ones too)', async () => {
    expectData(await t.gql(ArchiveContactDocument, { input: { id: looseOfBob.id } }, { token: bob.token }));
    const idsFor = async (token: string, archived: boolean | null) => {
      const { contacts } = expectData(await t.gql(ContactsDocument, { first: 100, filter: archived == null ? null : { archived } }, { token }));
      expect(contacts.totalCount).toBe(contacts.nodes.length);
      return contacts.nodes.map((c) => c.id).sort();
    };
    expect(await idsFor(alice.token, null)).toEqual([ofA.id, looseOfAlice.id].sort());
    expect(await idsFor(bob.token, null)).toEqual([ofB.id]);
    expect(await idsFor(bob.token, true)).toEqual([looseOfBob.id]);
    expect(await idsFor(alice.token, true)).toEqual([]);
    expect(await idsFor(carol.token, null)).toEqual([ofD.id, looseOfDave.id].sort());
    for (const token of [other.owner.token, otherKey]) {
      const { contacts } = expectData(await t.gql(ContactsDocument, { first: 100, filter: { id: { in: homeIds() } } }, { token }));
      expect(contacts).toMatchObject({ nodes: [], totalCount: 0 });
      expect(expectData(await t.gql(ContactsDocument, { first: 100 }, { token })).contacts.totalCount).toBe(1);
    }
    const byRelation = expectData(await t.gql(ContactsDocument, { filter: { account: { name: { eq: 'Bob Motors' } } } }, { token: alice.token }));
    expect(byRelation.contacts.totalCount).toBe(0);
    expectData(await t.gql(RestoreContactDocument, { input: { id: looseOfBob.id } }, { token: bob.token }));
  });

  it('ALL scope and the workspace\'s own API key see every contact of the workspace', async () => {
    for (const token of [ws.owner.token, homeKey]) {
      const { contacts } = expectData(await t.gql(ContactsDocument, { first: 100, filter: { id: { in: homeIds() } } }, { token }));
      expect(contacts.totalCount).toBe(homeIds().length);
    }
  });

  it('a MEMBER with TEAM scope reads and edits contacts of accounts owned by team mates', async () => {
    expectData(await t.gql(ContactDocument, { id: ofD.id }, { token: carol.token }));
    const { updateContact } = expectData(await t.gql(UpdateContactDocument, { input: { id: ofD.id, position: 'Buyer' } }, { token: carol.token }));
    expect(updateContact.position).toBe('Buyer');
    const { account } = expectData(await t.gql(AccountContactsDocument, { id: accountD.id }, { token: carol.token }));
    expect(account.contacts.map((c) => c.id)).toEqual([ofD.id]);
    const created = await createContact(t, carol.token, { accountId: accountD.id, firstName: 'By Carol' });
    expect(created.accountId).toBe(accountD.id);
  });

  it('updateContact, archiveContact and restoreContact are NOT_FOUND outside reach and change nothing', async () => {
    for (const { token } of outsiders()) {
      for (const contact of [ofB, looseOfBob]) {
        const before = await versionOf(contact.id);
        expect(code(await t.gql(UpdateContactDocument, { input: { id: contact.id, firstName: 'Hijacked' } }, { token }))).toBe('NOT_FOUND');
        expect(code(await t.gql(ArchiveContactDocument, { input: { id: contact.id } }, { token }))).toBe('NOT_FOUND');
        expect(code(await t.gql(RestoreContactDocument, { input: { id: contact.id } }, { token }))).toBe('NOT_FOUND');
        expect(await versionOf(contact.id)).toBe(before);
      }
    }
  });

  it('createContact into, or updateContact moving to, an account outside reach is NOT_FOUND and writes nothing', async () => {
    const own = { [alice.token]: ofA.id, [carol.token]: ofD.id } as Record<string, string>;
    for (const { token } of outsiders()) {
      const before = await countContacts();
      expect(code(await t.gql(CreateContactDocument, { input: { firstName: 'Sneaky', accountId: accountB.id } }, { token }))).toBe('NOT_FOUND');
      expect(await countContacts()).toBe(before);
      const mine = own[token] ?? (await createContact(t, token, { firstName: 'Mine' })).id;
      const version = await versionOf(mine);
      expect(code(await t.gql(UpdateContactDocument, { input: { id: mine, accountId: accountB.id } }, { token }))).toBe('NOT_FOUND');
      expect(await versionOf(mine)).toBe(version);
    }
  });

  it('an owner from another workspace is BAD_USER_INPUT on input.ownerId', async () => {
    const result = await t.gql(CreateContactDocument, { input: { firstName: 'X', ownerId: ws.member.memberId } }, { token: other.owner.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.ownerId' }] });
  });

  it('upsertContacts cannot reach contacts or accounts outside reach; another workspace gets its own contact', async () => {
    for (const { token } of outsiders().slice(0, 2)) {
      const before = await versionOf(ofB.id);
      const { upsertContacts } = expectData(
        await t.gql(
          UpsertContactsDocument,
          {
            input: {
              rows: [
                { externalId: 'C-B', firstName: 'Hijacked' },
                { externalId: `S-${token.slice(-6)}-1`, firstName: 'X', accountId: accountB.id },
                { externalId: `S-${token.slice(-6)}-2`, firstName: 'Y', accountExternalId: 'ACC-B' },
              ],
            },
          },
          { token },
        ),
      );
      expect(upsertContacts.map((r) => [r.status, r.fields])).toEqual([
        ['ERROR', ['input.rows.0.externalId']],
        ['ERROR', ['input.rows.1.accountId']],
        ['ERROR', ['input.rows.2.accountExternalId']],
      ]);
      expect(await versionOf(ofB.id)).toBe(before);
    }
    // The same externalId in another workspace is another contact: created there, then found there (not here).
    const foreignIds: (string | null)[] = [];
    for (const [token, status] of [[other.owner.token, 'CREATED'], [otherKey, 'UNCHANGED']] as const) {
      const { upsertContacts } = expectData(
        await t.gql(
          UpsertContactsDocument,
          { input: { rows: [{ externalId: 'C-A', firstName: 'Same key, other tenant' }, { externalId: 'Z-1', firstName: 'Z', accountExternalId: 'ACC-A' }, { externalId: 'Z-2', firstName: 'Z', accountId: accountA.id }] } },
          { token },
        ),
      );
      expect(upsertContacts[0].status).toBe(status);
      expect(upsertContacts[1]).toMatchObject({ status: 'ERROR', fields: ['input.rows.1.accountExternalId'] });
      expect(upsertContacts[2]).toMatchObject({ status: 'ERROR', fields: ['input.rows.2.accountId'] });
      foreignIds.push(upsertContacts[0].id);
    }
    expect(foreignIds[0]).toBe(foreignIds[1]);
    expect(foreignIds[0]).not.toBe(ofA.id);
    const { contact } = expectData(await t.gql(ContactDocument, { id: ofA.id }, { token: alice.token }));
    expect(contact).toMatchObject({ firstName: 'Of A', version: 1 });
  });

  it('Account.contacts is unreachable on accounts outside reach, and account lists expand only visible contacts', async () => {
    for (const { token } of outsiders()) {
      expect(code(await t.gql(AccountContactsDocument, { id: accountB.id }, { token }))).toBe('NOT_FOUND');
    }
    const { accounts } = expectData(await t.gql(AccountsWithContactsDocument, { first: 100 }, { token: alice.token }));
    expect(accounts.nodes.map((a) => [a.id, a.contacts.map((c) => c.id)])).toEqual([[accountA.id, [ofA.id]]]);
    const foreign = expectData(await t.gql(AccountsWithContactsDocument, { first: 100 }, { token: otherKey }));
    expect(foreign.accounts.nodes.flatMap((a) => a.contacts.map((c) => c.id)).filter((id) => homeIds().includes(id))).toEqual([]);
  });

  it('Contact.account, owner and createdBy expand only within reach', async () => {
    const { contacts } = expectData(await t.gql(ContactsWithRelationsDocument, { first: 100 }, { token: alice.token }));
    const byId = new Map(contacts.nodes.map((c) => [c.id, c]));
    expect(byId.get(ofA.id)).toMatchObject({ account: { id: accountA.id }, owner: { id: alice.memberId }, createdBy: { member: { id: alice.memberId } } });
    expect(byId.get(looseOfAlice.id)).toMatchObject({ account: null, owner: { id: alice.memberId } });
    expect([...byId.keys()].sort()).toEqual([ofA.id, looseOfAlice.id].sort());

    const viaKey = await createContact(t, homeKey, { firstName: 'By key', accountId: accountA.id });
    expect(viaKey).toMatchObject({ owner: null, createdBy: { kind: 'API_KEY', member: null } });
    expect(viaKey.createdBy.apiKeyId).toBeTruthy();
  });
});
