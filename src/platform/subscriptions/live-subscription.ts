import type { SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../context/context';
import type { EventBus, TopicDelivery } from '../events/event-bus';
import type { Topic } from '../events/topic';
import { freshContextFor } from '../server/context-factory';
import { eachLimited, GROUP_CONCURRENCY, groupByViewer, hubFor, logsWarning, PushQueue, sharePayload, TopicHub, viewerKey, type HubSubscriber } from './fan-out';

/** Every event a subscription reads names its workspace: the helper drops other workspaces' events itself. */
export interface WorkspaceEvent {
  workspaceId: string;
}

/**
 * What a live subscription declares; the helper does the rest (see liveSubscription). `TTarget` is what the
 * subscribe-time check found (e.g. the located record), `TItem` what an event is made of (e.g. entry ids),
 * `TOut` what is pushed (one GraphQL event each).
 */
export interface LiveSubscriptionSpec<TEvent extends WorkspaceEvent, TArgs, TTarget, TItem, TOut> {
  topic: Topic<TEvent>;
  /** When subscribing, with the caller's context: throws NOT_FOUND for what the caller may not watch. */
  authorizeAtSubscribe(context: RequestContext, args: TArgs): Promise<TTarget>;
  /** The parts of an event this subscription is about, from the payload alone (no query: it runs for every event). */
  select(event: TEvent, target: TTarget, args: TArgs): TItem[];
  /**
   * For each event, with a fresh context (the caller's principal as it is now, new loaders): the items the
   * caller may see now. The others are dropped without a word: an error would tell that they exist and changed.
   * Runs once per distinct viewer key and arguments (fan-out.ts), whatever the number of their sockets.
   */
  authorizeAtDelivery(items: TItem[], context: RequestContext, target: TTarget, args: TArgs): Promise<TItem[]>;
  /** Loads what is pushed, in the items' order, with that same fresh context; a null (gone meanwhile) is left out. */
  load(items: TItem[], context: RequestContext): Promise<readonly (TOut | null)[]>;
}

type SubscribeFunction<TArgs, TOut> = (data: SubscribeResolverData<unknown, TArgs, RequestContext>) => Promise<AsyncIterable<TOut>>;

type Subscriber<TArgs, TTarget, TOut> = HubSubscriber<TArgs, TTarget, TOut>;

/**
 * The `subscribe` of a type-graphql @Subscription over a bus topic: checks the caller at subscribe time, then
 * for every event of the caller's workspace selects what concerns this subscription, re-authorizes it with the
 * principal as it is at delivery (the socket's re-authentication keeps it current; nobody, once it closed),
 * loads it with fresh DataLoaders and pushes each item. The @Subscription method just returns its root.
 *
 * Multiplexed: the subscribers of one instance share one bus listener; per event they are grouped by viewer key
 * and arguments, and each group is authorized and loaded once, its items pushed to all its sockets as shared
 * objects (executed once per distinct selection set by the socket layer).
 */
export function liveSubscription<TEvent extends WorkspaceEvent, TArgs, TTarget, TItem, TOut>(
  spec: LiveSubscriptionSpec<TEvent, TArgs, TTarget, TItem, TOut>,
): SubscribeFunction<TArgs, TOut> {
  const hubs = new WeakMap<EventBus, TopicHub<TEvent, Subscriber<TArgs, TTarget, TOut>>>();

  async function deliverToGroup(event: TEvent, group: Subscriber<TArgs, TTarget, TOut>[]): Promise<void> {
    const [first] = group;
    const selected = spec.select(event, first.target, first.args);
    if (!selected.length) return;
    const delivery = freshContextFor(first.context);
    const visible = await spec.authorizeAtDelivery(selected, delivery, first.target, first.args);
    if (!visible.length) return;
    const items = (await spec.load(visible, delivery)).filter((item): item is TOut => item !== null).map(sharePayload);
    // A principal may have changed while loading (a removal's re-check): push only to those still the viewer the
    // items were loaded for.
    const key = delivery.auth.principal && viewerKey(delivery.auth.principal);
    for (const subscriber of group) {
      const principal = subscriber.context.auth.principal;
      if (!principal || viewerKey(principal) !== key) continue;
      // Taken when the previous push has been sent: its field resolvers are done with the old loaders.
      for (const item of items) subscriber.queue.push(item, delivery.loaders);
    }
  }

  const handle = async (delivery: TopicDelivery<TEvent>, subscribers: readonly Subscriber<TArgs, TTarget, TOut>[]) => {
    if (delivery.resync) return; // events: what was missed is missed; the counters and agenda resync (live-state.ts)
    const groups = groupByViewer(subscribers, delivery.event.workspaceId);
    await eachLimited(groups, GROUP_CONCURRENCY, (group) =>
      deliverToGroup(delivery.event, group).catch((error: unknown) => group[0].context.logger.warn({ err: error }, 'a live subscription delivery failed')),
    );
  };

  return async ({ args, context }) => {
    const target = await spec.authorizeAtSubscribe(context, args);
    const bus = context.services.events;
    if (!bus) throw new Error('the event bus is not running');
    const hub = hubFor(hubs, bus, () => new TopicHub(bus, spec.topic, handle, logsWarning(context.logger, 'a live subscription delivery failed')));
    const subscriber: Subscriber<TArgs, TTarget, TOut> = {
      context,
      args,
      argsKey: JSON.stringify(args),
      target,
      queue: new PushQueue<TOut>(() => hub.subscribers.delete(subscriber), context),
    };
    hub.subscribers.add(subscriber);
    return subscriber.queue;
  };
}
