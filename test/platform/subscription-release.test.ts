import { ActivityCountersChangedDocument, AddCommentDocument, TimelineEventAddedDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { subscribe, type LiveSubscription } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';
import type { EventBus } from '../../src/platform/events/event-bus';
import { liveHoldings, type LiveHoldings } from '../../src/platform/subscriptions/fan-out';

const waitFor = async (condition: () => boolean, ms = 5000): Promise<void> => {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** The sample value of one series of GET /metrics. */
async function metric(t: TestApp, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * Subscribers are released when they leave (issue 10, memory after 10,000 sockets close): the shared fan-out
 * (platform/subscriptions) keeps per-subscriber state only while the subscription runs.
 */
describe('the shared fan-out lets go of subscribers that leave', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let bus: EventBus;
  let accountId: string;
  const holdings = (): LiveHoldings => liveHoldings(bus);

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    bus = t.app.services.events as EventBus;
    accountId = (await createAccount(t, ws.member.token)).id;
    // The hubs (one bus listener per subscription kind and instance, for the life of the server) are made by a
    // first subscriber of each kind: made here, so the counts below compare like with like.
    const client = t.ws(ws.member.token);
    const counters = subscribe(client, ActivityCountersChangedDocument, { timeZone: 'UTC' });
    await counters.next();
    const timeline = subscribe(client, TimelineEventAddedDocument, { recordId: accountId });
    await timeline.waitUntilLive(() => t.gql(AddCommentDocument, { input: { recordId: accountId, body: 'warm-up' } }, { token: ws.member.token }));
    await client.dispose();
    await waitFor(() => holdings().subscribers === 0);
  });
  afterAll(() => t.stop());

  it('40 sockets, each with live counters and a timeline, receive events and disconnect: no subscriber, pending recomputation or bus listener is left for them, and /metrics says 0', async () => {
    const listenersBefore = bus.listenerCount;
    const sockets = 40;
    const clients = Array.from({ length: sockets }, (_, index) => t.ws(index % 2 ? ws.member.token : ws.admin.token));
    const timelines: LiveSubscription<unknown>[] = [];
    for (const client of clients) {
      const counters = subscribe(client, ActivityCountersChangedDocument, { timeZone: 'UTC' });
      timelines.push(subscribe(client, TimelineEventAddedDocument, { recordId: accountId }));
      expect((await counters.next()).data?.activityCountersChanged).toMatchObject({ overdue: 0 });
    }
    await waitFor(() => holdings().subscribers === 2 * sockets);
    expect(await metric(t, 'vinculo_live_subscriptions')).toBe(2 * sockets);
    const { addComment } = expectData(await t.gql(AddCommentDocument, { input: { recordId: accountId, body: 'to all' } }, { token: ws.member.token }));
    for (const timeline of timelines) expect((await timeline.next()).data).toMatchObject({ timelineEventAdded: { id: addComment.id } });

    await Promise.all(clients.map((client) => client.dispose()));

    await waitFor(() => holdings().subscribers === 0);
    expect(holdings()).toEqual({ subscribers: 0, pending: 0 });
    expect(bus.listenerCount).toBe(listenersBefore);
    expect(await metric(t, 'vinculo_live_subscriptions')).toBe(0);
    expect(await metric(t, 'vinculo_websocket_connections')).toBe(0);
  });

  it('a subscription its client completes leaves the fan-out while its socket stays open', async () => {
    const client = t.ws(ws.member.token);
    const counters = subscribe(client, ActivityCountersChangedDocument, { timeZone: 'UTC' });
    await counters.next();
    const timeline = subscribe(client, TimelineEventAddedDocument, { recordId: accountId });
    await waitFor(() => holdings().subscribers === 2);

    timeline.close();
    await waitFor(() => holdings().subscribers === 1);
    counters.close();
    await waitFor(() => holdings().subscribers === 0);
    expect(holdings()).toEqual({ subscribers: 0, pending: 0 });
    await client.dispose();
  });

  it('a socket that closes while its counters are still being computed for the first time leaves nothing behind', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const client = t.ws(ws.member.token);
      subscribe(client, ActivityCountersChangedDocument, { timeZone: 'UTC' });
      // Joined, not answered yet: the first computation waits for the coalescing window (50 ms).
      await waitFor(() => holdings().subscribers === 1);
      await client.dispose();
      await waitFor(() => holdings().subscribers === 0);
      await waitFor(() => holdings().pending === 0);
    }
    expect(holdings()).toEqual({ subscribers: 0, pending: 0 });
  });
});
