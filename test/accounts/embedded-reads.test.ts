import {
  ArchiveContactDocument,
  ArchiveInterestAreaDocument,
  CreateInterestAreaDocument,
  SetAccountInterestDocument,
  ContactsOfOneAccountDocument,
  ContactsPageWithCountDocument,
  EmbeddedAccountByIdDocument,
  EmbeddedAccountPageDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import type { Principal } from '../../src/platform/auth/principal';
import { embeddedOn } from '../../src/platform/data/embedded-reads';
import { extendProjection, projectionOf } from '../../src/platform/data/lean-rows';
import type { MemberWithProfile } from '../../src/identity/member-reads';

// `accounts` and `account(id)` read an account's contacts, its primary owner and the page's total count in the
// account statement itself (src/platform/data/embedded-reads.ts, src/accounts/account-read.ts). These specify that
// the answers are the ones the contacts list and the owners field give, and what the statement count is.
describe('account reads with embedded contacts, owner and count', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(t, 'Embedded');
  });
  afterAll(() => t.stop());

  it('an account page answers contacts as the contacts list does (its order, archived ones left out, instants to the millisecond) and interests by area name, archived areas included', async () => {
    const token = ws.admin.token;
    const account = await createAccount(t, token, { name: 'Embedded Uno', primaryOwnerId: ws.member.memberId });
    for (const [firstName, lastName] of [['Zoe', 'Ibarra'], ['Ana', 'Ibarra'], ['Luis', 'Abad'], ['Gone', 'Cano']]) {
      await createContact(t, token, { accountId: account.id, firstName, lastName, emails: [`${firstName.toLowerCase()}@embedded.example`] });
    }
    const listed = expectData(await t.gql(ContactsOfOneAccountDocument, { accountId: account.id }, { token })).contacts.nodes;
    const gone = listed.find((contact) => contact.firstName === 'Gone');
    expectData(await t.gql(ArchiveContactDocument, { input: { id: gone?.id as string } }, { token }));
    const expected = listed.filter((contact) => contact !== gone);

    const areas = [];
    for (const name of ['zinc', 'Acero', 'Madera']) areas.push(expectData(await t.gql(CreateInterestAreaDocument, { input: { name } }, { token })).createInterestArea);
    for (const [area, kind, note] of [[areas[0], 'INTEREST', null], [areas[1], 'UNMET_NEED', 'needs 2 t'], [areas[2], 'DISINTEREST', 'no']] as const) {
      expectData(await t.gql(SetAccountInterestDocument, { input: { accountId: account.id, areaId: area.id, kind, note } }, { token }));
    }
    const archived = expectData(await t.gql(ArchiveInterestAreaDocument, { input: { id: areas[2].id } }, { token })).archiveInterestArea;

    const page = expectData(await t.gql(EmbeddedAccountPageDocument, { first: 10 }, { token })).accounts;
    const [node] = page.nodes;
    expect(node).toMatchObject({ id: account.id, name: 'Embedded Uno', primaryOwner: { id: ws.member.memberId, name: 'MEMBER ALL', email: ws.member.email }, contacts: expected });
    expect(expected.map((contact) => contact.firstName)).toEqual(['Luis', 'Ana', 'Zoe']);
    // By area name, case aside; archived areas stay readable, with their instants.
    expect(node.interests).toEqual([
      { kind: 'UNMET_NEED', note: 'needs 2 t', updatedAt: expect.any(String), area: { id: areas[1].id, name: 'Acero', archivedAt: null, createdAt: areas[1].createdAt } },
      { kind: 'DISINTEREST', note: 'no', updatedAt: expect.any(String), area: { id: areas[2].id, name: 'Madera', archivedAt: archived.archivedAt, createdAt: areas[2].createdAt } },
      { kind: 'INTEREST', note: null, updatedAt: expect.any(String), area: { id: areas[0].id, name: 'zinc', archivedAt: null, createdAt: areas[0].createdAt } },
    ]);
    expect(archived.archivedAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/));

    const byId = expectData(await t.gql(EmbeddedAccountByIdDocument, { id: account.id }, { token })).account;
    expect(byId).toEqual({
      id: account.id,
      primaryOwner: { id: ws.member.memberId },
      owners: [{ isPrimary: true, member: { id: ws.member.memberId } }],
      contacts: expected,
      interests: node.interests,
    });
  });

  it('an account without contacts or owner answers an empty list and a null owner', async () => {
    // Created by an API key: no member to own it.
    const key = await createApiKey(t, ws.admin.token, ['accounts:read', 'accounts:write']);
    const account = await createAccount(t, key, { name: 'Embedded Solo' });
    const byId = expectData(await t.gql(EmbeddedAccountByIdDocument, { id: account.id }, { token: key })).account;
    expect(byId).toEqual({ id: account.id, primaryOwner: null, owners: [], contacts: [], interests: [] });
  });

  it('totalCount read with the page counts the whole filtered list, whatever the cursor, and a page past the end still counts', async () => {
    const token = ws.admin.token;
    for (const name of ['Count A', 'Count B', 'Count C']) await createAccount(t, token, { name });
    await createAccount(t, token, { name: 'Other' });
    const filter = { name: { startsWith: 'Count' } };
    const first = expectData(await t.gql(EmbeddedAccountPageDocument, { first: 2, filter }, { token })).accounts;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = expectData(await t.gql(EmbeddedAccountPageDocument, { first: 2, filter, after: first.pageInfo.endCursor }, { token })).accounts;
    expect(rest).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect(rest.nodes.map((node) => node.name)).toEqual(['Count C']);
    const past = expectData(await t.gql(EmbeddedAccountPageDocument, { first: 2, filter, after: rest.pageInfo.endCursor }, { token })).accounts;
    expect(past).toMatchObject({ totalCount: 3, nodes: [] });
  });

  it('a MEMBER with OWN scope gets only their accounts, their contacts and their count from the one statement', async () => {
    const mine = await createAccount(t, ws.admin.token, { name: 'Own Embedded', primaryOwnerId: ws.ownMember.memberId });
    const theirs = await createAccount(t, ws.admin.token, { name: 'Their Embedded', primaryOwnerId: ws.member.memberId });
    await createContact(t, ws.admin.token, { accountId: mine.id, firstName: 'Mia', lastName: 'Own' });
    await createContact(t, ws.admin.token, { accountId: theirs.id, firstName: 'Theo', lastName: 'Their' });
    const page = expectData(await t.gql(EmbeddedAccountPageDocument, { first: 10 }, { token: ws.ownMember.token })).accounts;
    expect(page.totalCount).toBe(1);
    expect(page.nodes.map((node) => [node.name, node.contacts.map((contact) => contact.firstName)])).toEqual([['Own Embedded', ['Mia']]]);
    expect(JSON.stringify(page)).not.toContain('Theo');
  });

  it('a page of accounts with contacts, interests, primary owner and totalCount takes one statement, for 5 accounts as for 50', async () => {
    const token = ws.admin.token;
    for (let i = 0; i < 50; i += 1) {
      const account = await createAccount(t, token, { name: `Bulk ${String(i).padStart(2, '0')}`, primaryOwnerId: i % 2 ? ws.member.memberId : ws.manager.memberId });
      if (i % 5 === 0) await createContact(t, token, { accountId: account.id, firstName: 'C', lastName: String(i) });
    }
    await t.gql(EmbeddedAccountPageDocument, { first: 1 }, { token }); // the credential's lookup, then cached
    // The accounts with their contacts, interests, primary owners (identity's member embed) and count.
    for (const first of [5, 50]) expect(await t.countStatements(() => t.gql(EmbeddedAccountPageDocument, { first }, { token }))).toBe(1);
  });

  it('a contacts page counts its total in its own statement: the contacts, then their accounts, and the count holds on the last page', async () => {
    const token = ws.admin.token;
    const account = await createAccount(t, token, { name: 'Counted' });
    for (const lastName of ['Uno', 'Dos', 'Tres']) await createContact(t, token, { accountId: account.id, firstName: 'P', lastName });
    await t.gql(ContactsPageWithCountDocument, { first: 1 }, { token }); // the credential's lookup, then cached
    let page = expectData(await t.gql(ContactsPageWithCountDocument, { first: 2 }, { token })).contacts;
    expect(await t.countStatements(() => t.gql(ContactsPageWithCountDocument, { first: 2 }, { token }))).toBe(2);
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    page = expectData(await t.gql(ContactsPageWithCountDocument, { first: 2, after: page.pageInfo.endCursor }, { token })).contacts;
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false }, nodes: [{ lastName: 'Uno', account: { id: account.id, name: 'Counted' } }] });
  });

  it('accounts of one primary owner share that member, read once per statement; each account still gets its own owner', async () => {
    const token = ws.admin.token;
    const names = ['Shared A', 'Shared B', 'Shared C'];
    const owners = [ws.member, ws.member, ws.manager];
    for (const [i, name] of names.entries()) await createAccount(t, token, { name, primaryOwnerId: owners[i].memberId });
    const { accounts, members } = t.app.services;
    const embed = members.memberEmbed('owner', (alias) => accounts.primaryOwnerIdSql(alias));
    const principal: Principal = { kind: 'apiKey', workspaceId: ws.workspaceId, apiKeyId: '00000000-0000-0000-0000-000000000000', scopes: new Set(['accounts:read']) };
    const page = await accounts.list(principal, { first: 10 }, extendProjection(projectionOf(['name']), { embeds: [embed] }));
    const ownerOf = (row: object) => embeddedOn<MemberWithProfile>(row, 'owner');
    const rows = [...page.nodes].sort((x, y) => x.name.localeCompare(y.name)); // this test's workspace: its three accounts
    expect(rows.map((row) => [row.name, ownerOf(row)?.membership.id, ownerOf(row)?.user.email])).toEqual(names.map((name, i) => [name, owners[i].memberId, owners[i].email]));
    const [a, b, c] = rows.map(ownerOf);
    expect(a).toBe(b); // one value for the identical rows of the same member
    expect(c).not.toBe(a);
  });
});

