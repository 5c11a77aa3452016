import { GraphQLList, GraphQLObjectType, GraphQLString } from 'graphql';
import { CreateInterestAreaDocument, LeanContactsPageDocument, PrebuiltContactsOfAccountDocument, PrebuiltContactsPageDocument, SetAccountInterestDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import type { Principal } from '../../src/platform/auth/principal';
import { embeddedOn } from '../../src/platform/data/embedded-reads';
import { extendProjection, projectionOf } from '../../src/platform/data/lean-rows';
import { PrebuiltJsonList } from '../../src/platform/graphql/prebuilt-json';

// An account's contacts and interests with only plain fields selected come as JSON built by PostgreSQL, spliced into
// the response as it is (src/platform/graphql/prebuilt-json.ts, data/embedded-reads.ts `prebuiltList`). These specify
// that the answer is the one GraphQL gives for the same lists read as records, and that the scope rules are the same.
describe('account contacts and interests as prebuilt JSON', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    ws = await createWorkspace(t, 'Prebuilt');
  });
  afterAll(() => t.stop());

  const tricky = [
    { firstName: 'Zoë "la jefa"', lastName: 'Back\\slash / Ñandú', position: 'CEO <b>&</b> 🚀', emails: ['zoe@prebuilt.example', 'z.two@prebuilt.example'], phones: ['+34911234567'] },
    { firstName: 'Ana', lastName: 'Ibarra', position: null, emails: [], phones: [], externalId: 'erp-7' },
    { firstName: 'Luis', lastName: '', emails: ['luis@prebuilt.example'] },
  ];

  it('a page whose contacts and interests select only plain fields answers what GraphQL answers for them as records: values, escapes, order, key order', async () => {
    const token = ws.admin.token;
    const account = await createAccount(t, token, { name: 'Prebuilt Uno' });
    await createAccount(t, token, { name: 'Prebuilt Dos (no contacts)' });
    for (const contact of tricky) await createContact(t, token, { accountId: account.id, ...contact });
    for (const [name, kind, note] of [['Zinc "puro"', 'INTEREST', null], ['acero \\ fino', 'UNMET_NEED', 'needs 2 t\nby May']] as const) {
      const area = expectData(await t.gql(CreateInterestAreaDocument, { input: { name } }, { token })).createInterestArea;
      expectData(await t.gql(SetAccountInterestDocument, { input: { accountId: account.id, areaId: area.id, kind, note } }, { token }));
    }

    const prebuilt = expectData(await t.gql(PrebuiltContactsPageDocument, { first: 10 }, { token })).accounts.nodes;
    const lean = expectData(await t.gql(LeanContactsPageDocument, { first: 10 }, { token })).accounts.nodes;
    expect(prebuilt.map((node) => node.contacts.length)).toEqual([0, 3]);
    // The same contacts, by last name then first name, with the same values, in the selection's key order.
    expect(prebuilt).toEqual(
      lean.map((node) => ({
        ...node,
        contacts: node.contacts.map(({ __typename, ...contact }) => contact),
        interests: node.interests.map(({ __typename, ...interest }) => interest),
      })),
    );
    expect(prebuilt[1].interests.map((interest) => [Object.keys(interest), Object.keys(interest.area), interest.area.name, interest.note])).toEqual([
      [['area', 'kind', 'note'], ['name', 'id'], 'acero \\ fino', 'needs 2 t\nby May'],
      [['area', 'kind', 'note'], ['name', 'id'], 'Zinc "puro"', null],
    ]);
    expect(prebuilt[1].contacts.map((contact) => contact.lastName)).toEqual(['', 'Back\\slash / Ñandú', 'Ibarra']);
    for (const contact of prebuilt[1].contacts) {
      expect(Object.keys(contact)).toEqual(['lastName', 'id', 'firstName', 'position', 'emails', 'phones', 'accountId', 'externalId']);
    }
    expect(prebuilt[1].contacts[1]).toMatchObject({ ...tricky[0], accountId: account.id, externalId: null });
  });

  it('the read hands the resolver the database\'s JSON text; a field whose JSON is not GraphQL\'s (an instant) reads records instead', async () => {
    const token = ws.admin.token;
    const account = await createAccount(t, token, { name: 'Prebuilt Read' });
    await createContact(t, token, { accountId: account.id, ...tricky[0] });
    const { accounts, contacts } = t.app.services;
    const principal: Principal = { kind: 'apiKey', workspaceId: ws.workspaceId, apiKeyId: '00000000-0000-0000-0000-000000000000', scopes: new Set(['accounts:read']) };
    const type = t.app.schema.getType('Contact') as GraphQLObjectType;
    const read = async (fields: string[], as = type) => {
      const embed = contacts.accountContactsEmbed(principal, 'people', 50, projectionOf(fields), { type: as, selection: fields });
      const page = await accounts.list(principal, { first: 10 }, extendProjection(projectionOf(['name']), { embeds: [embed] }));
      return embeddedOn<unknown>(page.nodes[0], 'people');
    };
    const plain = await read(['firstName', 'emails']);
    expect(plain).toBeInstanceOf(PrebuiltJsonList);
    expect((plain as PrebuiltJsonList).text).toBe(JSON.stringify([{ firstName: tricky[0].firstName, emails: tricky[0].emails }]));
    // A field a resolver answers (a guard, a computed value) is GraphQL's to answer, whatever the column holds.
    const resolved = new GraphQLObjectType({ name: 'Contact', fields: { firstName: { type: GraphQLString, resolve: () => 'computed' }, emails: { type: new GraphQLList(GraphQLString) } } });
    expect(await read(['firstName', 'emails'], resolved)).toBeInstanceOf(Array);
    const withInstant = await read(['firstName', 'createdAt']);
    expect(withInstant).toBeInstanceOf(Array);
    expect((withInstant as { firstName: string; createdAt: Date }[])[0]).toMatchObject({ firstName: tricky[0].firstName, createdAt: expect.any(Date) });
  });

  it('one statement for a page of 5 accounts and of 50, and for account(id)', async () => {
    const token = ws.admin.token;
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const account = await createAccount(t, token, { name: `Counted ${String(i).padStart(2, '0')}` });
      ids.push(account.id);
      if (i % 10 === 0) await createContact(t, token, { accountId: account.id, firstName: `P${i}` });
    }
    await t.gql(PrebuiltContactsPageDocument, { first: 1 }, { token }); // the credential's lookup, then cached
    expect(await t.countStatements(() => t.gql(PrebuiltContactsPageDocument, { first: 5 }, { token }))).toBe(1);
    expect(await t.countStatements(() => t.gql(PrebuiltContactsPageDocument, { first: 50 }, { token }))).toBe(1);
    expect(await t.countStatements(() => t.gql(PrebuiltContactsOfAccountDocument, { id: ids[0] }, { token }))).toBe(1);
    const page = expectData(await t.gql(PrebuiltContactsPageDocument, { first: 50 }, { token })).accounts.nodes;
    expect(page.flatMap((node) => node.contacts.map((contact) => contact.firstName))).toEqual(['P0', 'P10', 'P20', 'P30', 'P40']);
  });

  it('a MEMBER with OWN scope sees the contacts of accounts they own only; another workspace gets NOT_FOUND and sees nothing', async () => {
    const token = ws.admin.token;
    const owned = await createAccount(t, token, { name: 'Owned by own', primaryOwnerId: ws.ownMember.memberId });
    const notOwned = await createAccount(t, token, { name: 'Not owned', primaryOwnerId: ws.member.memberId });
    await createContact(t, token, { accountId: owned.id, firstName: 'Visible' });
    await createContact(t, token, { accountId: notOwned.id, firstName: 'Hidden' });

    const own = expectData(await t.gql(PrebuiltContactsPageDocument, { first: 10 }, { token: ws.ownMember.token })).accounts.nodes;
    expect(own.map((node) => [node.id, node.contacts.map((contact) => contact.firstName)])).toEqual([[owned.id, ['Visible']]]);
    const refused = await t.gql(PrebuiltContactsOfAccountDocument, { id: notOwned.id }, { token: ws.ownMember.token });
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(refused.data?.account ?? null).toBeNull();

    const other = await createWorkspace(t, 'Prebuilt other');
    const foreign = await t.gql(PrebuiltContactsOfAccountDocument, { id: owned.id }, { token: other.admin.token });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.data?.account ?? null).toBeNull();
    expect(expectData(await t.gql(PrebuiltContactsPageDocument, { first: 10 }, { token: other.admin.token })).accounts.nodes).toEqual([]);
  });
});
