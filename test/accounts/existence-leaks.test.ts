import {
  AccountTimelineDataDocument,
  AddCommentDocument,
  ContactTimelineDataDocument,
  SetAccountOwnersDocument,
  TimelineEventDataDocument,
  UpdateContactDocument,
  UpsertAccountsDocument,
  UpsertContactsDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { addMember, createWorkspace, expectData, type Actor, type TestWorkspace } from '../support/factories';
import { createRelationshipType, linkAccounts } from '../support/settings-factories';
import { subscribe } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';

/** DESIGN §3: what lies outside the reader's portfolio must not show, not even as an id or a wording. */
describe('no existence leaks outside the portfolio', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let seller: Actor; // MEMBER with OWN scope
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    seller = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
  });
  afterAll(() => t.stop());

  describe('bulk upserts', () => {
    it('an account externalId used outside the portfolio is "already in use", without naming a portfolio', async () => {
      const hidden = await createAccount(t, ws.admin.token, { externalId: `erp-${Date.now()}` });
      const { upsertAccounts } = expectData(
        await t.gql(UpsertAccountsDocument, { input: { rows: [{ externalId: hidden.externalId as string, name: 'Mine now', type: 'LEAD' }] } }, { token: seller.token }),
      );
      expect(upsertAccounts[0]).toMatchObject({
        status: 'ERROR',
        message: 'input.rows.0.externalId is already in use',
        fields: ['input.rows.0.externalId'],
      });
      expect(JSON.stringify(upsertAccounts)).not.toMatch(/portfolio/i);
    });

    it('a contact externalId used outside the portfolio is "already in use", without naming a portfolio', async () => {
      const hiddenAccount = await createAccount(t, ws.admin.token);
      const hidden = await createContact(t, ws.admin.token, { accountId: hiddenAccount.id, externalId: `crm-${Date.now()}` });
      const { upsertContacts } = expectData(
        await t.gql(UpsertContactsDocument, { input: { rows: [{ externalId: hidden.externalId as string, firstName: 'Mine' }] } }, { token: seller.token }),
      );
      expect(upsertContacts[0]).toMatchObject({ status: 'ERROR', message: 'input.rows.0.externalId is already in use' });
      expect(JSON.stringify(upsertContacts)).not.toMatch(/portfolio/i);
    });
  });

  describe('timeline data', () => {
    it('a relationship entry shows the other account to who sees it, and null to who does not', async () => {
      const mine = await createAccount(t, seller.token);
      const hidden = await createAccount(t, ws.admin.token);
      const type = await createRelationshipType(t, ws.admin.token);
      await linkAccounts(t, ws.admin.token, { fromAccountId: mine.id, toAccountId: hidden.id, typeId: type.id });
      const entryAs = async (token: string) =>
        expectData(await t.gql(AccountTimelineDataDocument, { id: mine.id }, { token })).account.timeline.nodes.find(
          (entry) => entry.kind === 'ACCOUNT_RELATIONSHIP_ADDED',
        );
      expect((await entryAs(ws.admin.token))?.data).toMatchObject({ otherAccountId: hidden.id });
      const sellers = await entryAs(seller.token);
      expect(sellers?.data).toMatchObject({ otherAccountId: null, typeId: type.id });
      expect(JSON.stringify(sellers)).not.toContain(hidden.id);
    });

    it('a contact moved in from a hidden account shows "from" as null, on the account and on the contact', async () => {
      const mine = await createAccount(t, seller.token);
      const hidden = await createAccount(t, ws.admin.token);
      const contact = await createContact(t, ws.admin.token, { accountId: hidden.id });
      expectData(await t.gql(UpdateContactDocument, { input: { id: contact.id, accountId: mine.id } }, { token: ws.admin.token }));

      const onAccount = expectData(await t.gql(AccountTimelineDataDocument, { id: mine.id }, { token: seller.token })).account.timeline.nodes;
      const moved = onAccount.find((entry) => entry.kind === 'CONTACT_UPDATED');
      expect(moved?.changes).toEqual([{ field: 'accountId', before: null, after: mine.id }]);
      const onContact = expectData(await t.gql(ContactTimelineDataDocument, { id: contact.id }, { token: seller.token })).contact.timeline.nodes;
      expect(onContact.map((entry) => [entry.kind, entry.accountId])).toEqual([
        ['CONTACT_UPDATED', mine.id],
        ['CONTACT_CREATED', null], // it was created in the hidden account
      ]);
      expect(JSON.stringify([onAccount, onContact])).not.toContain(hidden.id);
      // Who sees both accounts sees both ids.
      const admins = expectData(await t.gql(ContactTimelineDataDocument, { id: contact.id }, { token: ws.admin.token })).contact.timeline.nodes;
      expect(admins[0].changes).toEqual([{ field: 'accountId', before: hidden.id, after: mine.id }]);
      expect(admins[1].accountId).toBe(hidden.id);
    });

    it('redaction is batched: ten hidden references cost what one does', async () => {
      const type = await createRelationshipType(t, ws.admin.token);
      const withLinks = async (count: number) => {
        const mine = await createAccount(t, seller.token);
        for (let i = 0; i < count; i += 1) {
          const hidden = await createAccount(t, ws.admin.token);
          await linkAccounts(t, ws.admin.token, { fromAccountId: mine.id, toAccountId: hidden.id, typeId: type.id });
        }
        return mine.id;
      };
      const one = await withLinks(1);
      const ten = await withLinks(10);
      const statementsFor = (id: string) =>
        t.countStatements(async () => expectData(await t.gql(AccountTimelineDataDocument, { id }, { token: seller.token })));
      expect(await statementsFor(ten)).toBe(await statementsFor(one));
    });
  });

  describe('subscriptions', () => {
    const comment = (token: string, recordId: string) => () => t.gql(AddCommentDocument, { input: { recordId, body: 'probe' } }, { token });

    it('an event of a record that left the portfolio is dropped silently; it flows again when the record comes back', async () => {
      const account = await createAccount(t, seller.token);
      const live = subscribe(t.ws(seller.token), TimelineEventDataDocument, { recordId: account.id });
      await live.waitUntilLive(comment(seller.token, account.id));

      expectData(await t.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.admin.memberId } }, { token: ws.admin.token }));
      expectData(await comment(ws.admin.token, account.id)());
      expect(await live.staysQuiet(500)).toBe(true); // no data, and no NOT_FOUND error either

      expectData(await t.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: seller.memberId } }, { token: ws.admin.token }));
      const back = await live.next();
      expect(back.errors).toBeUndefined();
      expect(back.data?.timelineEventAdded.kind).toBe('ACCOUNT_OWNERS_CHANGED');
      live.close();
    });

    it('a pushed entry hides the accounts the subscriber may not see', async () => {
      const mine = await createAccount(t, seller.token);
      const hidden = await createAccount(t, ws.admin.token);
      const type = await createRelationshipType(t, ws.admin.token);
      const live = subscribe(t.ws(seller.token), TimelineEventDataDocument, { recordId: mine.id });
      await live.waitUntilLive(comment(seller.token, mine.id));
      await linkAccounts(t, ws.admin.token, { fromAccountId: mine.id, toAccountId: hidden.id, typeId: type.id });
      const pushed = await live.next();
      expect(pushed.data?.timelineEventAdded).toMatchObject({ kind: 'ACCOUNT_RELATIONSHIP_ADDED', data: { otherAccountId: null } });
      expect(JSON.stringify(pushed)).not.toContain(hidden.id);
      live.close();
    });
  });
});
