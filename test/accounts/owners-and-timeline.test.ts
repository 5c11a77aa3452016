import {
  AccountDocument,
  AccountTimelineDocument,
  AddCommentDocument,
  SetAccountOwnersDocument,
  UpdateAccountDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { addMember, createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('account owners and the timeline', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('a MANAGER sets one primary and several secondary owners; the new owners then see the account', async () => {
    const manager = await addMember(t, ws.owner.token, 'MANAGER', 'ALL');
    const seller = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const helper = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const account = await createAccount(t, ws.member.token);
    expect((await t.gql(AccountDocument, { id: account.id }, { token: seller.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { setAccountOwners } = expectData(
      await t.gql(
        SetAccountOwnersDocument,
        { input: { accountId: account.id, primaryOwnerId: seller.memberId, secondaryOwnerIds: [helper.memberId, seller.memberId] } },
        { token: manager.token },
      ),
    );
    expect(setAccountOwners.primaryOwner?.id).toBe(seller.memberId);
    expect(setAccountOwners.owners.map((o) => [o.member.id, o.isPrimary])).toEqual([
      [seller.memberId, true],
      [helper.memberId, false],
    ]);
    expect(setAccountOwners.version).toBe(account.version + 1);
    for (const token of [seller.token, helper.token]) expectData(await t.gql(AccountDocument, { id: account.id }, { token }));
  });

  it('changing owners twice as the same person bumps the version each time (expectedVersion sees it)', async () => {
    const account = await createAccount(t, ws.admin.token);
    const once = expectData(await t.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.member.memberId, expectedVersion: 1 } }, { token: ws.admin.token }));
    expect(once.setAccountOwners.version).toBe(2);
    const twice = expectData(await t.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.admin.memberId, expectedVersion: 2 } }, { token: ws.admin.token }));
    expect(twice.setAccountOwners.version).toBe(3);
    const stale = await t.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.member.memberId, expectedVersion: 2 } }, { token: ws.admin.token });
    expect(stale.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('a MANAGER with TEAM scope cannot reassign an account outside their teams (NOT_FOUND)', async () => {
    const account = await createAccount(t, ws.member.token);
    const result = await t.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.manager.memberId } }, { token: ws.manager.token });
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a MEMBER cannot reassign owners (FORBIDDEN); an unknown owner is BAD_USER_INPUT; nothing changes', async () => {
    const account = await createAccount(t, ws.member.token);
    const byMember = await t.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.admin.memberId } }, { token: ws.member.token });
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await t.gql(
      SetAccountOwnersDocument,
      { input: { accountId: account.id, primaryOwnerId: '00000000-0000-4000-8000-000000000001' } },
      { token: ws.admin.token },
    );
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.primaryOwnerId' }] });
    const { account: reread } = expectData(await t.gql(AccountDocument, { id: account.id }, { token: ws.admin.token }));
    expect(reread.owners.map((o) => o.member.id)).toEqual([ws.member.memberId]);
  });

  it('the timeline lists every change newest first with its actor, comments included, filterable by kind and paginated', async () => {
    const key = await createApiKey(t, ws.owner.token, ['accounts:write']);
    const account = await createAccount(t, ws.member.token, { name: 'History Inc' });
    expectData(await t.gql(UpdateAccountDocument, { input: { id: account.id, notes: 'first call went well' } }, { token: key }));
    const { addComment } = expectData(await t.gql(AddCommentDocument, { input: { recordId: account.id, body: 'Call back on Monday' } }, { token: ws.member.token }));
    expect(addComment).toMatchObject({ kind: 'COMMENT_ADDED', data: { body: 'Call back on Monday' }, recordId: account.id });

    const page1 = expectData(await t.gql(AccountTimelineDocument, { id: account.id, first: 2 }, { token: ws.member.token })).account.timeline;
    expect(page1.nodes.map((n) => n.kind)).toEqual(['COMMENT_ADDED', 'ACCOUNT_UPDATED']);
    expect(page1.nodes[1]).toMatchObject({
      actor: { kind: 'API_KEY', member: null },
      changes: [{ field: 'notes', before: null, after: 'first call went well' }],
    });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = expectData(await t.gql(AccountTimelineDocument, { id: account.id, first: 2, after: page1.pageInfo.endCursor }, { token: ws.member.token })).account.timeline;
    expect(page2.nodes.map((n) => n.kind)).toEqual(['ACCOUNT_CREATED']);
    expect(page2.nodes[0].actor).toMatchObject({ kind: 'MEMBER', member: { id: ws.member.memberId } });
    const onlyComments = expectData(await t.gql(AccountTimelineDocument, { id: account.id, kinds: ['COMMENT_ADDED'] }, { token: ws.member.token })).account.timeline;
    expect(onlyComments.totalCount).toBe(1);
  });

  it('an empty comment is BAD_USER_INPUT and writes nothing', async () => {
    const account = await createAccount(t, ws.member.token);
    const result = await t.gql(AddCommentDocument, { input: { recordId: account.id, body: '   ' } }, { token: ws.member.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.body' }] });
    const entries = await t.app.db.query("SELECT count(*)::int AS n FROM timeline_entries WHERE record_id = $1 AND kind = 'COMMENT_ADDED'", [account.id]);
    expect(entries[0].n).toBe(0);
  });
});
