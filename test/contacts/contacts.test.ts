import {
  AccountContactsDocument,
  AccountTimelineDocument,
  ArchiveContactDocument,
  ContactDocument,
  ContactsDocument,
  ContactTimelineDocument,
  CreateContactDocument,
  RestoreContactDocument,
  UpdateContactDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const countContacts = async (t: TestApp): Promise<number> => (await t.app.db.query('SELECT count(*)::int AS n FROM contacts'))[0].n;
const countTimeline = async (t: TestApp): Promise<number> => (await t.app.db.query('SELECT count(*)::int AS n FROM timeline_entries'))[0].n;

describe('contacts: create, update, archive, restore', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('createContact on an account normalises emails and phones, makes the creator owner and writes CONTACT_CREATED on the account timeline', async () => {
    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, {
      accountId: account.id,
      firstName: '  Ana ',
      lastName: 'García',
      position: 'CFO',
      emails: ['Ana@Acme.Example', 'ana@acme.example'],
      phones: ['+34 911 23 45 67'],
      externalId: 'CRM-ANA',
    });
    expect(contact).toMatchObject({
      accountId: account.id,
      firstName: 'Ana',
      lastName: 'García',
      position: 'CFO',
      emails: ['ana@acme.example'],
      phones: ['+34911234567'],
      externalId: 'CRM-ANA',
      version: 1,
      archivedAt: null,
      owner: { id: ws.member.memberId },
      createdBy: { kind: 'MEMBER', member: { id: ws.member.memberId } },
    });
    const { contact: read } = expectData(await t.gql(ContactDocument, { id: contact.id }, { token: ws.member.token }));
    expect(read.account).toEqual({ id: account.id, name: account.name });

    const { contact: history } = expectData(await t.gql(ContactTimelineDocument, { id: contact.id }, { token: ws.member.token }));
    expect(history.timeline.nodes).toMatchObject([
      { kind: 'CONTACT_CREATED', recordType: 'CONTACT', recordId: contact.id, accountId: account.id, data: { name: 'Ana García' } },
    ]);
    const { account: accountHistory } = expectData(await t.gql(AccountTimelineDocument, { id: account.id }, { token: ws.member.token }));
    expect(accountHistory.timeline.nodes.map((n) => [n.kind, n.recordId])).toContainEqual(['CONTACT_CREATED', contact.id]);
  });

  it('a loose contact (no account) has no account and its owner defaults to the creating member', async () => {
    const contact = await createContact(t, ws.admin.token, { firstName: 'Loose' });
    expect(contact).toMatchObject({ accountId: null, lastName: '', owner: { id: ws.admin.memberId } });
    const { contact: read } = expectData(await t.gql(ContactDocument, { id: contact.id }, { token: ws.admin.token }));
    expect(read.account).toBeNull();
  });

  it('rejects an invalid email and phone at once, naming each field, and writes nothing', async () => {
    const account = await createAccount(t, ws.member.token);
    const [contacts, entries] = [await countContacts(t), await countTimeline(t)];
    const result = await t.gql(
      CreateContactDocument,
      { input: { accountId: account.id, firstName: 'Broken', emails: ['ok@example.test', 'nope'], phones: ['12'] } },
      { token: ws.member.token },
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const paths = (result.errors?.[0].extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['input.emails.1', 'input.phones.0']);
    expect(await countContacts(t)).toBe(contacts);
    expect(await countTimeline(t)).toBe(entries);
  });

  it('an empty first name, an unknown owner and a duplicate externalId are BAD_USER_INPUT naming the field', async () => {
    const empty = await t.gql(CreateContactDocument, { input: { firstName: '  ' } }, { token: ws.member.token });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.firstName' }] });
    const owner = await t.gql(
      CreateContactDocument,
      { input: { firstName: 'X', ownerId: '00000000-0000-4000-8000-000000000000' } },
      { token: ws.member.token },
    );
    expect(owner.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.ownerId' }] });
    await createContact(t, ws.member.token, { externalId: 'DUP-1' });
    const before = await countContacts(t);
    const twin = await t.gql(CreateContactDocument, { input: { firstName: 'Twin', externalId: 'DUP-1' } }, { token: ws.member.token });
    expect(twin.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.externalId' }] });
    expect(await countContacts(t)).toBe(before);
  });

  it('createContact into an account that does not exist is NOT_FOUND', async () => {
    const result = await t.gql(
      CreateContactDocument,
      { input: { firstName: 'Nobody', accountId: '00000000-0000-4000-8000-000000000000' } },
      { token: ws.member.token },
    );
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('updateContact records before/after of each changed field; a stale expectedVersion is a CONFLICT that writes nothing', async () => {
    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: account.id, firstName: 'Bea', position: 'Buyer' });
    const { updateContact } = expectData(
      await t.gql(
        UpdateContactDocument,
        { input: { id: contact.id, expectedVersion: 1, position: 'Head of purchasing', phones: ['+34 600 11 22 33'], firstName: 'Bea' } },
        { token: ws.member.token },
      ),
    );
    expect(updateContact).toMatchObject({ position: 'Head of purchasing', phones: ['+34600112233'], version: 2, updatedBy: { member: { id: ws.member.memberId } } });

    const entries = await countTimeline(t);
    const stale = await t.gql(UpdateContactDocument, { input: { id: contact.id, expectedVersion: 1, position: 'Lost edit' } }, { token: ws.admin.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const { contact: reread } = expectData(await t.gql(ContactDocument, { id: contact.id }, { token: ws.member.token }));
    expect(reread).toMatchObject({ position: 'Head of purchasing', version: 2 });
    expect(await countTimeline(t)).toBe(entries);

    const { contact: history } = expectData(await t.gql(ContactTimelineDocument, { id: contact.id }, { token: ws.member.token }));
    const [updated, created] = history.timeline.nodes;
    expect(updated).toMatchObject({
      kind: 'CONTACT_UPDATED',
      accountId: account.id,
      changes: [
        { field: 'position', before: 'Buyer', after: 'Head of purchasing' },
        { field: 'phones', before: [], after: ['+34600112233'] },
      ],
      actor: { kind: 'MEMBER', member: { id: ws.member.memberId } },
    });
    expect(created.kind).toBe('CONTACT_CREATED');
  });

  it('an update that changes nothing keeps the version and writes no timeline entry', async () => {
    const contact = await createContact(t, ws.member.token, { firstName: 'Same', lastName: 'Person' });
    const entries = await countTimeline(t);
    const { updateContact } = expectData(
      await t.gql(UpdateContactDocument, { input: { id: contact.id, firstName: 'Same', lastName: ' Person ' } }, { token: ws.member.token }),
    );
    expect(updateContact.version).toBe(1);
    expect(await countTimeline(t)).toBe(entries);
  });

  it('an invalid email on update is BAD_USER_INPUT and leaves the contact as it was', async () => {
    const contact = await createContact(t, ws.member.token, { emails: ['keep@example.test'] });
    const result = await t.gql(UpdateContactDocument, { input: { id: contact.id, emails: ['broken@'] } }, { token: ws.member.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.emails.0' }] });
    const { contact: reread } = expectData(await t.gql(ContactDocument, { id: contact.id }, { token: ws.member.token }));
    expect(reread).toMatchObject({ emails: ['keep@example.test'], version: 1 });
  });

  it('accountId moves a contact to another account, and null makes it loose; each move is in the timeline', async () => {
    const from = await createAccount(t, ws.member.token);
    const to = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: from.id, firstName: 'Mover' });
    const moved = expectData(await t.gql(UpdateContactDocument, { input: { id: contact.id, accountId: to.id } }, { token: ws.member.token }));
    expect(moved.updateContact.accountId).toBe(to.id);
    const loose = expectData(await t.gql(UpdateContactDocument, { input: { id: contact.id, accountId: null } }, { token: ws.member.token }));
    expect(loose.updateContact.accountId).toBeNull();

    const { contact: history } = expectData(await t.gql(ContactTimelineDocument, { id: contact.id }, { token: ws.member.token }));
    expect(history.timeline.nodes.slice(0, 2).map((n) => n.changes)).toEqual([
      [{ field: 'accountId', before: to.id, after: null }],
      [{ field: 'accountId', before: from.id, after: to.id }],
    ]);
    const { account: toAccount } = expectData(await t.gql(AccountContactsDocument, { id: to.id }, { token: ws.member.token }));
    expect(toAccount.contacts).toEqual([]);

    const nowhere = await t.gql(UpdateContactDocument, { input: { id: contact.id, accountId: '00000000-0000-4000-8000-000000000000' } }, { token: ws.member.token });
    expect(nowhere.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('Account.contacts lists the non-archived contacts by last name, first name', async () => {
    const account = await createAccount(t, ws.member.token);
    const zoe = await createContact(t, ws.member.token, { accountId: account.id, firstName: 'Zoe', lastName: 'Alba' });
    const adam = await createContact(t, ws.member.token, { accountId: account.id, firstName: 'Adam', lastName: 'Alba' });
    const bruno = await createContact(t, ws.member.token, { accountId: account.id, firstName: 'Bruno', lastName: 'Bravo' });
    const gone = await createContact(t, ws.member.token, { accountId: account.id, firstName: 'Gone', lastName: 'Aaa' });
    expectData(await t.gql(ArchiveContactDocument, { input: { id: gone.id } }, { token: ws.member.token }));
    const { account: read } = expectData(await t.gql(AccountContactsDocument, { id: account.id }, { token: ws.member.token }));
    expect(read.contacts.map((c) => c.id)).toEqual([adam.id, zoe.id, bruno.id]);
  });

  it('archived contacts leave default lists but stay readable by id, and come back when restored', async () => {
    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: account.id, firstName: 'Archie', lastName: 'Zeta-archived' });
    const byName = { lastName: { eq: 'Zeta-archived' } };

    const stale = await t.gql(ArchiveContactDocument, { input: { id: contact.id, expectedVersion: 7 } }, { token: ws.member.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });

    const { archiveContact } = expectData(await t.gql(ArchiveContactDocument, { input: { id: contact.id, expectedVersion: 1 } }, { token: ws.member.token }));
    expect(archiveContact).toMatchObject({ version: 2, archivedBy: { kind: 'MEMBER', member: { id: ws.member.memberId } } });
    expect(archiveContact.archivedAt).not.toBeNull();

    const list = expectData(await t.gql(ContactsDocument, { filter: byName }, { token: ws.member.token }));
    expect(list.contacts.totalCount).toBe(0);
    const archivedOnly = expectData(await t.gql(ContactsDocument, { filter: { ...byName, archived: true } }, { token: ws.member.token }));
    expect(archivedOnly.contacts.nodes.map((c) => c.id)).toEqual([contact.id]);
    const { contact: read } = expectData(await t.gql(ContactDocument, { id: contact.id }, { token: ws.member.token }));
    expect(read.archivedAt).not.toBeNull();

    const { restoreContact } = expectData(await t.gql(RestoreContactDocument, { input: { id: contact.id } }, { token: ws.member.token }));
    expect(restoreContact).toMatchObject({ archivedAt: null, archivedBy: null, version: 3 });
    const back = expectData(await t.gql(ContactsDocument, { filter: byName }, { token: ws.member.token }));
    expect(back.contacts.totalCount).toBe(1);

    const { contact: history } = expectData(await t.gql(ContactTimelineDocument, { id: contact.id }, { token: ws.member.token }));
    expect(history.timeline.nodes.map((n) => n.kind)).toEqual(['CONTACT_RESTORED', 'CONTACT_ARCHIVED', 'CONTACT_CREATED']);
    expect(history.timeline.nodes.every((n) => n.accountId === account.id && n.recordType === 'CONTACT')).toBe(true);
  });
});
