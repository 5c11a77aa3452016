import type { Principal } from '../auth/principal';
import type { RequestContext } from '../context/context';
import type { EventBus, TopicDelivery } from '../events/event-bus';
import type { Topic } from '../events/topic';
import type { Logger } from '../logging/logger';

/**
 * The shared, multiplexed fan-out every live subscription runs on (as Hasura's multiplexed live queries): one
 * bus listener per topic and instance, subscribers grouped per event by *viewer key* (what the scope rules read
 * of a principal) and arguments, so authorizing and loading happen once per distinct viewer, and the pushed
 * objects are shared by the group, so the socket layer executes the selection once per distinct document
 * (sharedPayload / executeShared below). Cost grows with distinct viewers, not with sockets.
 */

/**
 * What the scope rules and guards read of a principal: two principals with the same key see exactly the same
 * rows and may call the same fields. Members: workspace, membership (OWN / TEAM predicates read the membership's
 * teams in SQL, at load time), role and access scope. API keys: workspace and scopes (a key sees the whole
 * workspace; which key it is changes nothing it may read).
 */
const viewerKeys = new WeakMap<Principal, string>();
export function viewerKey(principal: Principal): string {
  // Per principal object (re-authentication replaces the object, never edits it): grouping 10,000 sockets per event
  // then builds no strings.
  let key = viewerKeys.get(principal);
  if (key === undefined) {
    key =
      principal.kind === 'member'
        ? `m|${principal.workspaceId}|${principal.membershipId}|${principal.role}|${principal.accessScope}`
        : `k|${principal.workspaceId}|${[...principal.scopes].sort().join(',')}`;
    viewerKeys.set(principal, key);
  }
  return key;
}

/** Objects pushed to a whole group: the socket layer may execute a selection over one of them once for all. */
const sharedPayloads = new WeakSet<object>();
const executions = new WeakMap<object, Map<string, unknown>>();

export function sharePayload<T>(value: T): T {
  if (typeof value === 'object' && value !== null) sharedPayloads.add(value);
  return value;
}

/**
 * The result of `run` for this pushed object and this operation (document, operation name, variables): run once
 * when the object was pushed to a group (same viewer key), and once per subscriber otherwise.
 */
export function executeShared<R>(payload: unknown, operationKey: string, run: () => R): R {
  if (typeof payload !== 'object' || payload === null || !sharedPayloads.has(payload)) return run();
  let byOperation = executions.get(payload);
  if (!byOperation) {
    byOperation = new Map();
    executions.set(payload, byOperation);
  }
  if (byOperation.has(operationKey)) return byOperation.get(operationKey) as R;
  const result = run();
  byOperation.set(operationKey, result);
  return result;
}

/** Pushes a subscriber may fall behind by before it loses the oldest (as the bus's own buffer). */
const SUBSCRIBER_BUFFER = 1000;

/**
 * One subscriber's queue of pushes, as the AsyncIterator graphql-ws consumes. A push may carry the delivery's
 * loaders: they become the context's as the push is taken (the previous push's field resolvers are done with the
 * old ones). No closure per push: this runs for every socket of every event.
 */
export class PushQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: { value: T; loaders: RequestContext['loaders'] | undefined }[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;

  constructor(
    private readonly onEnd: () => void,
    private readonly context?: RequestContext,
  ) {}

  get closed(): boolean {
    return this.ended;
  }

  push(value: T, loaders?: RequestContext['loaders']): void {
    if (this.ended) return;
    const waiter = this.waiting;
    if (waiter) {
      this.waiting = null;
      this.take(loaders);
      waiter({ value, done: false });
      return;
    }
    this.items.push({ value, loaders });
    if (this.items.length > SUBSCRIBER_BUFFER) this.items.shift();
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.items.shift();
    if (item) {
      this.take(item.loaders);
      return Promise.resolve({ value: item.value, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  private take(loaders: RequestContext['loaders'] | undefined): void {
    if (loaders && this.context) this.context.loaders = loaders;
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.items.length = 0;
    this.onEnd();
    const waiter = this.waiting;
    this.waiting = null;
    waiter?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** A subscriber of a hub: its operation's context (its principal kept current by the socket), args and queue. */
export interface HubSubscriber<TArgs, TTarget, TOut> {
  context: RequestContext;
  args: TArgs;
  argsKey: string;
  target: TTarget;
  queue: PushQueue<TOut>;
}

/** Subscribers grouped by current viewer key and arguments; those with nobody (a closed socket) or of another workspace are left out. */
export function groupByViewer<S extends { context: RequestContext; argsKey: string; queue: { readonly closed: boolean } }>(subscribers: Iterable<S>, workspaceId?: string): S[][] {
  // Two levels of maps on the cached key strings: no key is built per subscriber (this runs over every socket).
  const byViewer = new Map<string, Map<string, S[]>>();
  const groups: S[][] = [];
  for (const subscriber of subscribers) {
    const principal = subscriber.context.auth.principal;
    if (!principal || subscriber.queue.closed) continue;
    if (workspaceId !== undefined && principal.workspaceId !== workspaceId) continue;
    const viewer = viewerKey(principal);
    let byArgs = byViewer.get(viewer);
    if (!byArgs) {
      byArgs = new Map();
      byViewer.set(viewer, byArgs);
    }
    const group = byArgs.get(subscriber.argsKey);
    if (group) group.push(subscriber);
    else {
      const created = [subscriber];
      byArgs.set(subscriber.argsKey, created);
      groups.push(created);
    }
  }
  return groups;
}

/** Runs `work` over the items, at most `limit` at a time (a burst of groups does not take every connection). */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/** How many groups of one event load at once (each takes a pooled connection for its queries). */
export const GROUP_CONCURRENCY = 4;

/**
 * What the hubs of one instance hold for their subscribers: `subscribers`, the running subscriptions (each ends,
 * and leaves its hub, when its socket closes or the client completes it); `pending`, those still queued for a
 * recomputation. Both fall back to 0 once every socket closed: the /metrics gauge and the tests read them.
 */
export interface LiveHoldings {
  subscribers: number;
  pending: number;
}

const hubsOfBus = new WeakMap<EventBus, Set<{ readonly subscribers: { readonly size: number }; pending(): number }>>();

export function liveHoldings(bus: EventBus): LiveHoldings {
  const holdings: LiveHoldings = { subscribers: 0, pending: 0 };
  for (const hub of hubsOfBus.get(bus) ?? []) {
    holdings.subscribers += hub.subscribers.size;
    holdings.pending += hub.pending();
  }
  return holdings;
}

/**
 * One hub per (bus, subscription kind): subscribes to the bus topic once, lazily, and hands every delivery (in
 * bus order, one at a time) to `handle`; a resync (the listening connection came back) too.
 */
export class TopicHub<TEvent, S> {
  readonly subscribers = new Set<S>();
  /** Subscribers the hub still holds outside `subscribers` (a live state's pending recomputations), for liveHoldings. */
  pending: () => number = () => 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(bus: EventBus, topic: Topic<TEvent>, handle: (delivery: TopicDelivery<TEvent>, subscribers: readonly S[]) => Promise<void>, onError: (error: unknown) => void) {
    let hubs = hubsOfBus.get(bus);
    if (!hubs) {
      hubs = new Set();
      hubsOfBus.set(bus, hubs);
    }
    hubs.add(this);
    // The bus awaits listeners before its later notifications: queue the work here and return at once, so a
    // slow load never holds up another topic (the principals topic's re-authentication in particular).
    bus.listen(topic, (delivery) => {
      if (!this.subscribers.size) return Promise.resolve();
      const subscribers = [...this.subscribers];
      this.tail = this.tail.then(() => handle(delivery, subscribers)).catch(onError);
      return Promise.resolve();
    });
  }

  /** Resolves once every delivery received so far has been handled. */
  settled(): Promise<void> {
    return this.tail;
  }
}

/**
 * A hub's error handler: it logs through `logger` and holds nothing else. Made here, not in a subscribe
 * function, whose closure context (the first subscriber's request context, hence its socket through the push
 * target) the handler would otherwise keep for the life of the server.
 */
export function logsWarning(logger: Logger, message: string): (error: unknown) => void {
  return (error) => logger.warn({ err: error }, message);
}

/** The hub of `spec` on `bus`, made on first use (one per server instance: each has its own bus). */
export function hubFor<H>(hubs: WeakMap<EventBus, H>, bus: EventBus, make: () => H): H {
  let hub = hubs.get(bus);
  if (!hub) {
    hub = make();
    hubs.set(bus, hub);
  }
  return hub;
}
