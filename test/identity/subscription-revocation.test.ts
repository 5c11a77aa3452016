import type { Client } from 'graphql-ws';
import {
  AddCommentDocument,
  CreateApiKeyDocument,
  RemoveMemberDocument,
  RevokeApiKeyDocument,
  TimelineEventAddedDocument,
  UpdateAccountDocument,
  UpdateMemberDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { addMember, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { subscribe, type LiveSubscription } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';

/** Resolves with the close code of the client's socket (or rejects when it stays open `timeoutMs`). */
function closeCodeOf(client: Client, timeoutMs = 3000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket stayed open ${timeoutMs} ms`)), timeoutMs);
    client.on('closed', (event) => {
      clearTimeout(timer);
      resolve((event as { code: number }).code);
    });
  });
}

/** The data messages a subscription receives within `ms` (the client's own "socket closed" error is not one). */
async function dataWithin<T>(live: LiveSubscription<T>, ms: number): Promise<T[]> {
  const received: T[] = [];
  for (;;) {
    const message = await live.next(ms).catch(() => null);
    if (!message) return received;
    if (message.data) received.push(message.data);
  }
}

/**
 * Rights that change reach open subscriptions at once, on every instance, before any later event: the periodic
 * re-check (WS_REAUTH_INTERVAL_MS, left here at its 60 s default) is not what makes them apply.
 */
describe('subscriptions follow identity changes at once', () => {
  let t: TestApp;
  let second: TestApp; // another instance on the same database: subscribers sit there, changes happen on `t`
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    second = await startTestApp({ DATABASE_URL: t.databaseUrl });
    ws = await createWorkspace(t);
  });
  afterAll(async () => {
    await second.stop();
    await t.stop();
  });

  const comment = (token: string, recordId: string) => () => t.gql(AddCommentDocument, { input: { recordId, body: 'probe' } }, { token });

  it('a removed member gets no event of a change made right after the removal, and the socket closes with 4401', async () => {
    const leaver = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    const account = await createAccount(t, ws.admin.token);
    const client = second.ws(leaver.token);
    const live = subscribe(client, TimelineEventAddedDocument, { recordId: account.id });
    await live.waitUntilLive(comment(ws.admin.token, account.id));
    const closed = closeCodeOf(client);

    expectData(await t.gql(RemoveMemberDocument, { input: { memberId: leaver.memberId } }, { token: ws.admin.token }));
    expectData(await t.gql(UpdateAccountDocument, { input: { id: account.id, name: 'After the removal' } }, { token: ws.admin.token }));

    expect(await closed).toBe(4401);
    expect(await dataWithin(live, 300)).toEqual([]);
  });

  it('a revoked API key\'s socket closes with 4401 and gets nothing more', async () => {
    const { createApiKey } = expectData(await t.gql(CreateApiKeyDocument, { input: { name: 'dashboard', scopes: ['accounts:read'] } }, { token: ws.admin.token }));
    const account = await createAccount(t, ws.admin.token);
    const client = second.ws(createApiKey.secret);
    const live = subscribe(client, TimelineEventAddedDocument, { recordId: account.id });
    await live.waitUntilLive(comment(ws.admin.token, account.id));
    const closed = closeCodeOf(client);

    expectData(await t.gql(RevokeApiKeyDocument, { input: { id: createApiKey.apiKey.id } }, { token: ws.admin.token }));
    expectData(await t.gql(UpdateAccountDocument, { input: { id: account.id, industry: 'After the revocation' } }, { token: ws.admin.token }));

    expect(await closed).toBe(4401);
    expect(await dataWithin(live, 300)).toEqual([]);
  });

  it('a narrowed access scope applies to the running subscription at once; the socket stays open', async () => {
    const narrowed = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    const othersAccount = await createAccount(t, ws.admin.token);
    const ownAccount = await createAccount(t, narrowed.token);
    const client = second.ws(narrowed.token);
    const onOthers = subscribe(client, TimelineEventAddedDocument, { recordId: othersAccount.id });
    const onOwn = subscribe(client, TimelineEventAddedDocument, { recordId: ownAccount.id });
    await onOthers.waitUntilLive(comment(ws.admin.token, othersAccount.id));
    await onOwn.waitUntilLive(comment(ws.admin.token, ownAccount.id));

    expectData(await t.gql(UpdateMemberDocument, { input: { memberId: narrowed.memberId, accessScope: 'OWN' } }, { token: ws.admin.token }));
    expectData(await t.gql(UpdateAccountDocument, { input: { id: othersAccount.id, name: 'Not yours any more' } }, { token: ws.admin.token }));
    expectData(await t.gql(UpdateAccountDocument, { input: { id: ownAccount.id, name: 'Still yours' } }, { token: ws.admin.token }));

    expect((await onOwn.next()).data?.timelineEventAdded).toMatchObject({ kind: 'ACCOUNT_UPDATED', changes: [{ after: 'Still yours' }] });
    expect(await onOthers.staysQuiet(300)).toBe(true);
    onOthers.close();
    onOwn.close();
  });
});
