import {
  AccountDetailsDocument,
  AccountTimelineDocument,
  AddAccountRelationshipDocument,
  ArchiveRelationshipTypeDocument,
  RemoveAccountRelationshipDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { codeOf, createRelationshipType, fieldsOf, linkAccounts, rowCount, timelineRows } from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('account relationships: addAccountRelationship / removeAccountRelationship', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  const detailsOf = async (id: string) => expectData(await t.gql(AccountDetailsDocument, { id }, { token: ws.member.token })).account;

  it('both accounts show the link: the "from" account with the type name, the other with the inverse label', async () => {
    const parent = await createAccount(t, ws.member.token, { name: 'Holding SA' });
    const child = await createAccount(t, ws.member.token, { name: 'Filial SL' });
    const type = await createRelationshipType(t, ws.admin.token, { name: 'Parent of', inverseName: 'Subsidiary of' });
    const link = await linkAccounts(t, ws.member.token, { fromAccountId: parent.id, toAccountId: child.id, typeId: type.id, reason: ' 100% owned ' });
    expect(link).toMatchObject({
      direction: 'OUTGOING',
      label: 'Parent of',
      reason: '100% owned',
      type: { id: type.id, name: 'Parent of', inverseName: 'Subsidiary of' },
      otherAccount: { id: child.id, name: 'Filial SL' },
    });
    const fromSide = await detailsOf(parent.id);
    expect(fromSide.relationships).toEqual([
      expect.objectContaining({ id: link.id, direction: 'OUTGOING', label: 'Parent of', otherAccount: { id: child.id, name: 'Filial SL' } }),
    ]);
    const toSide = await detailsOf(child.id);
    expect(toSide.relationships).toEqual([
      expect.objectContaining({ id: link.id, direction: 'INCOMING', label: 'Subsidiary of', otherAccount: { id: parent.id, name: 'Holding SA' } }),
    ]);
  });

  it('a type without an inverse name shows its own name on both sides', async () => {
    const one = await createAccount(t, ws.member.token);
    const two = await createAccount(t, ws.member.token);
    const partner = await createRelationshipType(t, ws.admin.token, { name: 'Partner' });
    await linkAccounts(t, ws.member.token, { fromAccountId: one.id, toAccountId: two.id, typeId: partner.id });
    expect((await detailsOf(one.id)).relationships.map((r) => [r.direction, r.label])).toEqual([['OUTGOING', 'Partner']]);
    expect((await detailsOf(two.id)).relationships.map((r) => [r.direction, r.label])).toEqual([['INCOMING', 'Partner']]);
  });

  it('adding and removing write ACCOUNT_RELATIONSHIP_ADDED / _REMOVED on both accounts with the label each side sees', async () => {
    const from = await createAccount(t, ws.member.token);
    const to = await createAccount(t, ws.member.token);
    const type = await createRelationshipType(t, ws.admin.token, { name: 'Guarantor of', inverseName: 'Guaranteed by' });
    const link = await linkAccounts(t, ws.member.token, { fromAccountId: from.id, toAccountId: to.id, typeId: type.id, reason: 'Loan 42' });
    const [addedFrom] = await timelineRows(t, from.id, 'ACCOUNT_RELATIONSHIP_ADDED');
    const [addedTo] = await timelineRows(t, to.id, 'ACCOUNT_RELATIONSHIP_ADDED');
    expect(addedFrom).toMatchObject({
      record_type: 'ACCOUNT',
      account_id: from.id,
      data: { relationshipId: link.id, typeId: type.id, otherAccountId: to.id, label: 'Guarantor of', reason: 'Loan 42' },
    });
    expect(addedTo).toMatchObject({
      record_type: 'ACCOUNT',
      account_id: to.id,
      data: { relationshipId: link.id, typeId: type.id, otherAccountId: from.id, label: 'Guaranteed by', reason: 'Loan 42' },
    });
    const { account } = expectData(await t.gql(AccountTimelineDocument, { id: to.id }, { token: ws.member.token }));
    expect(account.timeline.nodes[0]).toMatchObject({ kind: 'ACCOUNT_RELATIONSHIP_ADDED', actor: { kind: 'MEMBER', member: { id: ws.member.memberId } } });

    const { removeAccountRelationship } = expectData(
      await t.gql(RemoveAccountRelationshipDocument, { input: { id: link.id } }, { token: ws.member.token }),
    );
    expect(removeAccountRelationship).toMatchObject({ id: link.id, direction: 'OUTGOING', label: 'Guarantor of', otherAccount: { id: to.id } });
    expect((await detailsOf(from.id)).relationships).toEqual([]);
    expect((await detailsOf(to.id)).relationships).toEqual([]);
    const [removedFrom] = await timelineRows(t, from.id, 'ACCOUNT_RELATIONSHIP_REMOVED');
    const [removedTo] = await timelineRows(t, to.id, 'ACCOUNT_RELATIONSHIP_REMOVED');
    expect(removedFrom.data).toMatchObject({ relationshipId: link.id, otherAccountId: to.id, label: 'Guarantor of' });
    expect(removedTo.data).toMatchObject({ relationshipId: link.id, otherAccountId: from.id, label: 'Guaranteed by' });
    const again = await t.gql(RemoveAccountRelationshipDocument, { input: { id: link.id } }, { token: ws.member.token });
    expect(codeOf(again)).toBe('NOT_FOUND');
  });

  it('linking an account to itself, with an archived or unknown type, is BAD_USER_INPUT naming the field and writes nothing', async () => {
    const one = await createAccount(t, ws.member.token);
    const two = await createAccount(t, ws.member.token);
    const retired = await createRelationshipType(t, ws.admin.token, { name: 'Retired link' });
    expectData(await t.gql(ArchiveRelationshipTypeDocument, { input: { id: retired.id } }, { token: ws.admin.token }));
    const links = await rowCount(t, 'account_relationships');
    const entries = await rowCount(t, 'timeline_entries');
    const self = await t.gql(AddAccountRelationshipDocument, { input: { fromAccountId: one.id, toAccountId: one.id, typeId: retired.id } }, { token: ws.member.token });
    expect(codeOf(self)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(self)).toEqual(['input.toAccountId']);
    const archived = await t.gql(AddAccountRelationshipDocument, { input: { fromAccountId: one.id, toAccountId: two.id, typeId: retired.id } }, { token: ws.member.token });
    expect(codeOf(archived)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(archived)).toEqual(['input.typeId']);
    const unknown = await t.gql(
      AddAccountRelationshipDocument,
      { input: { fromAccountId: one.id, toAccountId: two.id, typeId: '7d0c8a4e-0f5e-4a55-9d43-1f7a1c6b2e10' } },
      { token: ws.member.token },
    );
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(unknown)).toEqual(['input.typeId']);
    expect(await rowCount(t, 'account_relationships')).toBe(links);
    expect(await rowCount(t, 'timeline_entries')).toBe(entries);
  });

  it('the same link twice, in either direction, is CONFLICT; the same pair may be linked by another type', async () => {
    const one = await createAccount(t, ws.member.token);
    const two = await createAccount(t, ws.member.token);
    const partner = await createRelationshipType(t, ws.admin.token, { name: 'Co-seller' });
    const supplier = await createRelationshipType(t, ws.admin.token, { name: 'Supplies', inverseName: 'Supplied by' });
    await linkAccounts(t, ws.member.token, { fromAccountId: one.id, toAccountId: two.id, typeId: partner.id });
    const same = await t.gql(AddAccountRelationshipDocument, { input: { fromAccountId: one.id, toAccountId: two.id, typeId: partner.id } }, { token: ws.member.token });
    expect(codeOf(same)).toBe('CONFLICT');
    const reversed = await t.gql(AddAccountRelationshipDocument, { input: { fromAccountId: two.id, toAccountId: one.id, typeId: partner.id } }, { token: ws.member.token });
    expect(codeOf(reversed)).toBe('CONFLICT');
    await linkAccounts(t, ws.member.token, { fromAccountId: two.id, toAccountId: one.id, typeId: supplier.id });
    const labels = (await detailsOf(one.id)).relationships.map((r) => r.label).sort();
    expect(labels).toEqual(['Co-seller', 'Supplied by']);
  });

  it('archiving a type keeps existing links readable (with the type marked archived)', async () => {
    const one = await createAccount(t, ws.member.token);
    const two = await createAccount(t, ws.member.token);
    const type = await createRelationshipType(t, ws.admin.token, { name: 'Former franchise of', inverseName: 'Former franchisor of' });
    await linkAccounts(t, ws.member.token, { fromAccountId: one.id, toAccountId: two.id, typeId: type.id });
    expectData(await t.gql(ArchiveRelationshipTypeDocument, { input: { id: type.id } }, { token: ws.owner.token }));
    const [seen] = (await detailsOf(two.id)).relationships;
    expect(seen).toMatchObject({ label: 'Former franchisor of', type: { id: type.id } });
    expect(seen.type.archivedAt).not.toBeNull();
  });
});
