import type { SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../context/context';
import type { Topic } from '../events/topic';
import { freshContextFor } from '../server/context-factory';

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
   */
  authorizeAtDelivery(items: TItem[], context: RequestContext, target: TTarget, args: TArgs): Promise<TItem[]>;
  /** Loads what is pushed, in the items' order, with that same fresh context; a null (gone meanwhile) is left out. */
  load(items: TItem[], context: RequestContext): Promise<readonly (TOut | null)[]>;
}

type SubscribeFunction<TArgs, TOut> = (data: SubscribeResolverData<unknown, TArgs, RequestContext>) => Promise<AsyncIterable<TOut>>;

/**
 * The `subscribe` of a type-graphql @Subscription over a bus topic: checks the caller at subscribe time, then
 * for every event of the caller's workspace selects what concerns this subscription, re-authorizes it with the
 * principal as it is at delivery (the socket's re-authentication keeps it current; nobody, once it closed),
 * loads it with fresh DataLoaders and pushes each item. The @Subscription method just returns its root.
 */
export function liveSubscription<TEvent extends WorkspaceEvent, TArgs, TTarget, TItem, TOut>(
  spec: LiveSubscriptionSpec<TEvent, TArgs, TTarget, TItem, TOut>,
): SubscribeFunction<TArgs, TOut> {
  return async ({ args, context }) => {
    const target = await spec.authorizeAtSubscribe(context, args);
    const bus = context.services.events;
    if (!bus) throw new Error('the event bus is not running');
    const events = bus.subscribe(spec.topic)[Symbol.asyncIterator]();

    async function* deliveries(): AsyncGenerator<TOut, void, undefined> {
      for (;;) {
        const next = await events.next();
        if (next.done) return;
        const principal = context.auth.principal;
        if (!principal || next.value.workspaceId !== principal.workspaceId) continue;
        const selected = spec.select(next.value, target, args);
        if (!selected.length) continue;
        const delivery = freshContextFor(context);
        const visible = await spec.authorizeAtDelivery(selected, delivery, target, args);
        if (!visible.length) continue;
        for (const item of await spec.load(visible, delivery)) {
          if (item === null) continue;
          // Resumed only when the previous item has been sent: its field resolvers are done with the old loaders.
          context.loaders = delivery.loaders;
          yield item;
        }
      }
    }

    const pushed = deliveries();
    const iterator: AsyncIterableIterator<TOut> = {
      [Symbol.asyncIterator]: () => iterator,
      next: () => pushed.next(),
      // Ending the bus subscription first settles a pending wait for the next event (a generator's own return()
      // would wait for it), so an unsubscribed client stops holding a listener at once.
      async return() {
        await events.return?.();
        return pushed.return(undefined);
      },
    };
    return iterator;
  };
}
