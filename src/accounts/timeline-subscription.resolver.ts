import { filter, pipe, Repeater } from '@graphql-yoga/subscription';
import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { createLoaders } from '../loaders';
import { Guard } from '../platform/auth/guard';
import { principalOf, type RequestContext } from '../platform/context/context';
import { NotFoundError } from '../platform/errors/errors';
import type { TimelineEvent } from '../platform/events/event-bus';
import { TimelineEntry } from '../platform/timeline/timeline-entry.entity';
import { RecordType } from '../platform/timeline/timeline-entry.entity';

interface TimelineSubscriptionArgs {
  recordId: string;
}

/** The record is still within the viewer's reach now (their current principal, its current owners). */
async function stillVisible(context: RequestContext, recordId: string): Promise<boolean> {
  const principal = context.auth.principal; // kept current by the socket's re-authentication
  if (!principal) return false;
  return context.services.records.locate(principal, recordId).then(
    () => true,
    (error: unknown) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    },
  );
}

/**
 * Subscribing checks the record is within the caller's reach (NOT_FOUND otherwise). Each event carries entry
 * ids only; delivery re-checks visibility with the viewer's current principal (an owner change may have taken
 * the record away, a role or scope change narrowed the viewer) and silently drops what is out of reach: an error
 * would tell the viewer that the record still exists and changed (DESIGN §3). Entries are loaded with fresh
 * DataLoaders.
 */
async function subscribeToRecord({ args, context }: SubscribeResolverData<unknown, TimelineSubscriptionArgs, RequestContext>) {
  const principal = principalOf(context);
  const record = await context.services.records.locate(principal, args.recordId);
  const events = context.services.events;
  if (!events) throw new Error('the event bus is not running');
  const includeAccount = record.recordType === RecordType.ACCOUNT;
  const matching = pipe(
    events.pubSub.subscribe('timeline'),
    filter((event: TimelineEvent) => event.workspaceId === principal.workspaceId),
  );
  // One GraphQL event per entry of the record (or, for an account, of everything anchored to it).
  return new Repeater<string>(async (push, stop) => {
    const iterator = matching[Symbol.asyncIterator]();
    void stop.then(() => iterator.return?.());
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const entries = next.value.entries.filter(
        (entry) => entry.recordId === record.recordId || (includeAccount && entry.accountId === record.recordId),
      );
      // One visibility check per notification, not per entry.
      if (!entries.length || !(await stillVisible(context, record.recordId))) continue;
      for (const entry of entries) await push(entry.id);
    }
    stop();
  });
}

@Resolver()
export class TimelineSubscriptionResolver {
  @Guard({ scope: 'accounts:read' })
  @Subscription(() => TimelineEntry, {
    subscribe: subscribeToRecord,
    description:
      'New history entries of a record the viewer may see (for an account, also those of its contacts and documents). ' +
      'Each is authorized at delivery: while the record is outside the viewer\'s reach its entries are left out, ' +
      'without an error.',
  })
  async timelineEventAdded(
    @Root() entryId: string,
    // Checked when subscribing and, for each event, before it is pushed (stillVisible).
    @Arg('recordId', () => ID) _recordId: string,
    @Ctx() context: RequestContext,
  ): Promise<TimelineEntry> {
    const principal = principalOf(context);
    // graphql-ws builds one context per subscription: fresh loaders per event, or names would go stale.
    context.loaders = createLoaders(context.services, () => context.auth.principal);
    const entry = await context.services.timeline.entry(principal, entryId);
    if (!entry) throw new NotFoundError('Timeline entry');
    return entry;
  }
}
