import type { SubscribeResolverData } from 'type-graphql';
import type { Principal } from '../auth/principal';
import { principalsNamedBy, principalsTopic, type PrincipalsChangedEvent } from '../auth/principals.topic';
import type { RequestContext } from '../context/context';
import type { EventBus, TopicDelivery } from '../events/event-bus';
import type { Topic } from '../events/topic';
import { freshContextFor } from '../server/context-factory';
import { eachLimited, GROUP_CONCURRENCY, groupByViewer, hubFor, logsWarning, PushQueue, sharePayload, TopicHub, viewerKey } from './fan-out';
import type { WorkspaceEvent } from './live-subscription';

/**
 * A live *state* (the activity counters, an agenda window): its current value is pushed first, on subscribe (a
 * client that reconnects starts from the truth), then again whenever an event may have changed it and it did
 * change for that subscriber. Recomputed once per distinct viewer key and arguments per burst (events within
 * `coalesceMs` share one computation), never once per socket: 1,000 sockets of one viewer cost one query.
 * After the bus's listening connection comes back (notifications may have been missed), every subscriber of the
 * instance gets a fresh snapshot.
 */
export interface LiveStateSpec<TEvent extends WorkspaceEvent, TArgs, TState, TOut> {
  topic: Topic<TEvent>;
  /** Whether the event may change the state these arguments show to this principal: from the payload alone. */
  concerns(event: TEvent, args: TArgs, principal: Principal): boolean;
  /**
   * The state as the viewer may see it now (the query's own method, so the same authorization and errors): its
   * errors at subscribe time are the subscription's; later, a failing computation pushes nothing.
   */
  load(context: RequestContext, args: TArgs): Promise<TState>;
  /** Equal signatures: nothing changed for the viewer, nothing is pushed (e.g. the counts, not their instant). */
  signature(state: TState): string;
  /** What is pushed, told against what this subscriber received last (null: nothing yet). */
  present(state: TState, previous: TState | null): TOut;
  /** How long events are gathered before the recomputation (default 50 ms). */
  coalesceMs?: number;
}

interface StateSubscriber<TArgs, TState, TOut> {
  context: RequestContext;
  args: TArgs;
  argsKey: string;
  queue: PushQueue<TOut>;
  last: { signature: string; state: TState } | null;
  /** Settled by the first computation: the subscribe-time answer (its state, or its error). */
  joined: { resolve: () => void; reject: (error: unknown) => void } | null;
}

type SubscribeFunction<TArgs, TOut> = (data: SubscribeResolverData<unknown, TArgs, RequestContext>) => Promise<AsyncIterable<TOut>>;

class StateHub<TEvent extends WorkspaceEvent, TArgs, TState, TOut> {
  readonly topicHub: TopicHub<TEvent, StateSubscriber<TArgs, TState, TOut>>;
  /** Subscribers to recompute at the next flush; `true`: push even if unchanged (a resync). */
  private readonly dirty = new Map<StateSubscriber<TArgs, TState, TOut>, boolean>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly spec: LiveStateSpec<TEvent, TArgs, TState, TOut>,
    bus: EventBus,
    private readonly onError: (error: unknown) => void,
  ) {
    this.topicHub = new TopicHub(bus, spec.topic, (delivery, subscribers) => Promise.resolve(this.mark(delivery, subscribers)), onError);
    this.topicHub.pending = () => this.dirty.size;
    // A viewer whose rights changed (role, access scope, teams) may now see other counts or follow-ups, with no
    // event on the state's topic: their states are recomputed. Read as a bus *subscriber*, which gets a change only
    // after its listeners, the sockets' re-authentication among them, are done: the recomputation sees the new rights.
    void (async () => {
      for await (const change of bus.subscribe(principalsTopic)) this.markViewers(change);
    })().catch(onError);
  }

  private markViewers(change: PrincipalsChangedEvent): void {
    const named = principalsNamedBy(change);
    for (const subscriber of this.subscribers) if (named(subscriber.context.auth.principal) && !this.dirty.has(subscriber)) this.dirty.set(subscriber, false);
    this.schedule();
  }

  get subscribers(): Set<StateSubscriber<TArgs, TState, TOut>> {
    return this.topicHub.subscribers;
  }

  join(subscriber: StateSubscriber<TArgs, TState, TOut>): void {
    this.subscribers.add(subscriber);
    this.dirty.set(subscriber, true);
    this.schedule();
  }

  /** Resolves once the events received so far are handled and the recomputations they caused are pushed. */
  async settled(): Promise<void> {
    await this.topicHub.settled();
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush());
    }
    await this.flushing;
  }

  private mark(delivery: TopicDelivery<TEvent>, subscribers: readonly StateSubscriber<TArgs, TState, TOut>[]): void {
    if (delivery.resync) {
      for (const subscriber of subscribers) this.dirty.set(subscriber, true);
    } else {
      for (const group of groupByViewer(subscribers, delivery.event.workspaceId)) {
        const [first] = group;
        if (!this.spec.concerns(delivery.event, first.args, first.context.auth.principal as Principal)) continue;
        for (const subscriber of group) if (!this.dirty.has(subscriber)) this.dirty.set(subscriber, false);
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || !this.dirty.size) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush()).catch(this.onError);
    }, this.spec.coalesceMs ?? 50);
  }

  private async flush(): Promise<void> {
    const batch = new Map(this.dirty);
    this.dirty.clear();
    const groups = groupByViewer(batch.keys());
    // Those left out (their socket closed meanwhile) answer their pending subscribe with nothing to push.
    for (const subscriber of batch.keys()) if (!subscriber.context.auth.principal) subscriber.joined?.reject(new Error('the connection closed'));
    await eachLimited(groups, GROUP_CONCURRENCY, (group) => this.recompute(group, batch));
  }

  private async recompute(group: StateSubscriber<TArgs, TState, TOut>[], batch: Map<StateSubscriber<TArgs, TState, TOut>, boolean>): Promise<void> {
    const [first] = group;
    const context = freshContextFor(first.context);
    const key = viewerKey(first.context.auth.principal as Principal);
    let state: TState;
    try {
      state = await this.spec.load(context, first.args);
    } catch (error) {
      for (const subscriber of group) {
        if (subscriber.joined) {
          subscriber.joined.reject(error);
          subscriber.joined = null;
        }
      }
      if (group.some((subscriber) => !subscriber.queue.closed && subscriber.last)) this.onError(error);
      return;
    }
    const signature = this.spec.signature(state);
    // One pushed object per distinct previous state: the sockets of one viewer share it (and its execution).
    const presented = new Map<string, TOut>();
    // One record of what was pushed, shared by the group (not an object per socket and event).
    const current = { signature, state };
    for (const subscriber of group) {
      const principal = subscriber.context.auth.principal;
      if (!principal || viewerKey(principal) !== key) {
        this.dirty.set(subscriber, batch.get(subscriber) ?? false); // its viewer changed meanwhile: again, as it is now
        continue;
      }
      const force = batch.get(subscriber) ?? false;
      if (force || subscriber.last?.signature !== signature) {
        const previousKey = subscriber.last?.signature ?? '';
        let out = presented.get(previousKey);
        if (out === undefined) {
          out = sharePayload(this.spec.present(state, subscriber.last?.state ?? null));
          presented.set(previousKey, out);
        }
        subscriber.last = current;
        subscriber.queue.push(out, context.loaders);
      }
      subscriber.joined?.resolve();
      subscriber.joined = null;
    }
    this.schedule();
  }
}

/** The hubs of live states by bus, for tests that wait until pushes are done (settled). */
const allStateHubs = new Set<WeakMap<EventBus, StateHub<never, never, never, never>>>();

/** Resolves once every live state of this bus has handled its events and pushed its recomputations. */
export async function liveStatesSettled(bus: EventBus): Promise<void> {
  await bus.settled();
  await Promise.all([...allStateHubs].map((hubs) => hubs.get(bus)?.settled()));
}

/** The `subscribe` of a type-graphql @Subscription over a live state (see LiveStateSpec); the method returns its root. */
export function liveState<TEvent extends WorkspaceEvent, TArgs, TState, TOut>(spec: LiveStateSpec<TEvent, TArgs, TState, TOut>): SubscribeFunction<TArgs, TOut> {
  const hubs = new WeakMap<EventBus, StateHub<TEvent, TArgs, TState, TOut>>();
  allStateHubs.add(hubs as unknown as WeakMap<EventBus, StateHub<never, never, never, never>>);
  return async ({ args, context }) => {
    const bus = context.services.events;
    if (!bus) throw new Error('the event bus is not running');
    const hub = hubFor(hubs, bus, () => new StateHub(spec, bus, logsWarning(context.logger, 'a live state recomputation failed')));
    let joined!: StateSubscriber<TArgs, TState, TOut>['joined'];
    const first = new Promise<void>((resolve, reject) => (joined = { resolve, reject }));
    const subscriber: StateSubscriber<TArgs, TState, TOut> = {
      context,
      args,
      argsKey: JSON.stringify(args),
      queue: new PushQueue<TOut>(() => hub.subscribers.delete(subscriber), context),
      last: null,
      joined,
    };
    hub.join(subscriber);
    try {
      await first;
    } catch (error) {
      subscriber.queue.end();
      throw error;
    }
    return subscriber.queue;
  };
}
