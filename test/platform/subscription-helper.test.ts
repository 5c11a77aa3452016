import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { AddCommentDocument, SetAccountOwnersDocument, TimelineEventAddedDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { upsertContacts } from '../support/contact-factories';
import { addMember, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { subscribe } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';
import type { EventBus } from '../../src/platform/events/event-bus';
import { chunkLists, defineTopic } from '../../src/platform/events/topic';
import { timelineTopic, type TimelineEvent } from '../../src/platform/timeline/timeline.topic';

/** Collects what this instance's bus delivers on the timeline topic for one workspace, until `stop()`. */
function tapTimeline(bus: EventBus, workspaceId: string) {
  const received: TimelineEvent[] = [];
  const iterator = bus.subscribe(timelineTopic, (event) => event.workspaceId === workspaceId)[Symbol.asyncIterator]();
  const pump = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      received.push(next.value);
    }
  })();
  return {
    received,
    async stop() {
      await iterator.return?.();
      await pump;
    },
  };
}

const waitFor = async (condition: () => boolean, ms = 5000): Promise<void> => {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** The machinery every live subscription runs on (platform/subscriptions, typed topics on the event bus). */
describe('live subscriptions over typed topics', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let bus: EventBus;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    bus = t.app.services.events as EventBus;
  });
  afterAll(async () => {
    await t.stop();
  });

  const comment = (token: string, recordId: string, body = 'probe') => () =>
    t.gql(AddCommentDocument, { input: { recordId, body } }, { token });

  it('loads each event with fresh loaders: after the actor is renamed, the next entry shows the new name', async () => {
    const commenter = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    const account = await createAccount(t, ws.member.token);
    const live = subscribe(t.ws(ws.member.token), TimelineEventAddedDocument, { recordId: account.id });
    await live.waitUntilLive(comment(ws.member.token, account.id));
    const rename = (name: string) =>
      t.app.db.query('UPDATE users SET name = $1 WHERE id = (SELECT user_id FROM memberships WHERE id = $2)', [name, commenter.memberId]);

    await rename('Before Rename');
    expectData(await comment(commenter.token, account.id)());
    expect((await live.next()).data?.timelineEventAdded.actor.member).toEqual({ id: commenter.memberId, name: 'Before Rename' });
    await rename('After Rename');
    expectData(await comment(commenter.token, account.id)());
    expect((await live.next()).data?.timelineEventAdded.actor.member).toEqual({ id: commenter.memberId, name: 'After Rename' });
    live.close();
  });

  it('a rolled-back transaction publishes nothing: neither the bus nor a subscriber sees its event', async () => {
    const account = await createAccount(t, ws.member.token);
    const live = subscribe(t.ws(ws.member.token), TimelineEventAddedDocument, { recordId: account.id });
    await live.waitUntilLive(comment(ws.member.token, account.id));
    // An entry that exists: had the rolled-back event gone out, the subscriber would be pushed it again.
    const { addComment: existing } = expectData(await comment(ws.member.token, account.id, 'existing')());
    expect((await live.next()).data?.timelineEventAdded.id).toBe(existing.id);
    const tap = tapTimeline(bus, ws.workspaceId);

    await expect(
      t.app.db.transaction(async (manager) => {
        await bus.publish(manager, timelineTopic, {
          workspaceId: ws.workspaceId,
          entries: [{ id: existing.id, recordId: account.id, accountId: account.id }],
        });
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    const { addComment: kept } = expectData(await comment(ws.member.token, account.id, 'kept')());

    expect((await live.next()).data?.timelineEventAdded.id).toBe(kept.id);
    expect(await live.staysQuiet(300)).toBe(true);
    await waitFor(() => tap.received.length > 0);
    await tap.stop();
    expect(tap.received.flatMap((event) => event.entries.map((entry) => entry.id))).toEqual([kept.id]);
    live.close();
  });

  it('one socket, one viewer, two selections of one event: each subscription gets its own id and its own selection', async () => {
    const account = await createAccount(t, ws.member.token);
    const client = t.ws(ws.member.token);
    const idsOnly = parse('subscription IdsOnly($recordId: ID!) { timelineEventAdded(recordId: $recordId) { id } }') as TypedDocumentNode<
      { timelineEventAdded: { id: string } },
      { recordId: string }
    >;
    const full = subscribe(client, TimelineEventAddedDocument, { recordId: account.id });
    const narrow = subscribe(client, idsOnly, { recordId: account.id });
    const twin = subscribe(client, idsOnly, { recordId: account.id });
    await full.waitUntilLive(comment(ws.member.token, account.id));
    await narrow.waitUntilLive(comment(ws.member.token, account.id));
    await twin.waitUntilLive(comment(ws.member.token, account.id));
    for (const live of [full, narrow, twin]) while (!(await live.staysQuiet(150))) await live.next();

    const { addComment: added } = expectData(await comment(ws.member.token, account.id, 'shared')());
    const [a, b, c] = [await full.next(), await narrow.next(), await twin.next()];
    expect(a.data?.timelineEventAdded).toMatchObject({ id: added.id, kind: 'COMMENT_ADDED', recordId: account.id });
    expect(b).toEqual({ data: { timelineEventAdded: { id: added.id } } });
    expect(c).toEqual({ data: { timelineEventAdded: { id: added.id } } });
    for (const live of [full, narrow, twin]) live.close();
  });

  it('re-authorizes at delivery: out of the portfolio its events are dropped without an error, back in it they flow again', async () => {
    const seller = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const account = await createAccount(t, seller.token);
    const live = subscribe(t.ws(seller.token), TimelineEventAddedDocument, { recordId: account.id });
    await live.waitUntilLive(comment(seller.token, account.id));
    const setPrimaryOwner = async (memberId: string) =>
      expectData(await t.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: memberId } }, { token: ws.admin.token }));

    await setPrimaryOwner(ws.admin.memberId);
    expectData(await comment(ws.admin.token, account.id, 'while away')());
    expect(await live.staysQuiet(500)).toBe(true); // no data, and no NOT_FOUND error either

    await setPrimaryOwner(seller.memberId);
    const back = await live.next();
    expect(back.errors).toBeUndefined();
    expect(back.data?.timelineEventAdded).toMatchObject({ kind: 'ACCOUNT_OWNERS_CHANGED', recordId: account.id });
    const { addComment: after } = expectData(await comment(ws.admin.token, account.id, 'back again')());
    expect((await live.next()).data?.timelineEventAdded).toMatchObject({ id: after.id, kind: 'COMMENT_ADDED' });
    live.close();
  });

  it('an upsert of 200 contacts on one account, over the NOTIFY size limit, reaches each subscriber as 200 entries', async () => {
    const account = await createAccount(t, ws.member.token);
    const otherAccount = await createAccount(t, ws.member.token);
    // Subscribers on one instance each get every notification: they once shared one buffer, and a subscriber of
    // another record (quick to drop what is not its own) took the notifications the others were waiting for.
    const elsewhere = subscribe(t.ws(ws.admin.token), TimelineEventAddedDocument, { recordId: otherAccount.id });
    await elsewhere.waitUntilLive(comment(ws.member.token, otherAccount.id));
    const subscribers = [ws.member.token, ws.admin.token].map((token) => subscribe(t.ws(token), TimelineEventAddedDocument, { recordId: account.id }));
    for (const live of subscribers) await live.waitUntilLive(comment(ws.member.token, account.id));
    const tap = tapTimeline(bus, ws.workspaceId);

    const rows = Array.from({ length: 200 }, (_, i) => ({ externalId: `bulk-${account.id}-${i}`, firstName: `Bulk ${i}`, accountId: account.id }));
    const contacts = await upsertContacts(t, ws.member.token, rows);

    for (const live of subscribers) {
      const pushed: string[] = [];
      while (pushed.length < 200) {
        const message = await live.next();
        expect(message.errors).toBeUndefined();
        const entry = message.data?.timelineEventAdded;
        if (entry?.kind === 'COMMENT_ADDED') continue; // the other subscriber's probes, from before the upsert
        expect(entry).toMatchObject({ kind: 'CONTACT_CREATED', accountId: account.id });
        pushed.push(entry?.recordId as string);
      }
      expect(pushed.sort()).toEqual(contacts.map((contact) => contact.id).sort());
      expect(await live.staysQuiet(300)).toBe(true);
      live.close();
    }
    expect(await elsewhere.staysQuiet(100)).toBe(true);
    elsewhere.close();
    await tap.stop();
    // It did not fit in one notification: it went out in several, none over the limit, none lost.
    expect(tap.received.length).toBeGreaterThan(1);
    expect(tap.received.flatMap((event) => event.entries)).toHaveLength(200);
    for (const part of tap.received) expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThan(8000);
  });

  it('a topic a domain declares carries its own payload type; an event it cannot split under the limit fails its transaction', async () => {
    const noteTopic = defineTopic<{ workspaceId: string; text: string }>('test.notes');
    const received: string[] = [];
    const iterator = bus.subscribe(noteTopic)[Symbol.asyncIterator]();
    const first = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));

    await expect(
      t.app.db.transaction((manager) => bus.publish(manager, noteTopic, { workspaceId: ws.workspaceId, text: 'x'.repeat(9000) })),
    ).rejects.toThrow('over the NOTIFY size limit');
    await t.app.db.transaction((manager) => bus.publish(manager, noteTopic, { workspaceId: ws.workspaceId, text: 'small' }));
    received.push((await first).value?.text ?? '');
    await iterator.return?.();
    expect(received).toEqual(['small']);
    expect(() => defineTopic('test.notes')).toThrow('declared twice');
  });

  it('chunkLists packs an event\'s lists into as few parts as fit, keeping every item in order', () => {
    const split = chunkLists<{ workspaceId: string; a: string[]; b: number[] }>('a', 'b');
    const event = { workspaceId: 'w', a: Array.from({ length: 300 }, (_, i) => `id-${i}`), b: Array.from({ length: 50 }, (_, i) => i) };
    const parts = split(event, 1000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThanOrEqual(1000);
      expect(part.workspaceId).toBe('w');
    }
    expect(parts.flatMap((part) => part.a)).toEqual(event.a);
    expect(parts.flatMap((part) => part.b)).toEqual(event.b);
    expect(split({ workspaceId: 'w', a: [], b: [] }, 1000)).toEqual([]);
  });
});
