import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Guard } from '../platform/auth/guard';
import { principalOf } from '../platform/context/context';
import { NotFoundError } from '../platform/errors/errors';
import { liveSubscription } from '../platform/subscriptions/live-subscription';
import { TimelineEntry } from '../platform/timeline/timeline-entry.entity';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import { timelineTopic } from '../platform/timeline/timeline.topic';

/**
 * Entries of the record (for an account, also of everything anchored to it), while the record is within the
 * viewer's reach: at subscribe time (NOT_FOUND otherwise) and again for each event, with the viewer's current
 * principal and the record's current owners. One visibility check per notification, not per entry.
 */
const entriesOfRecord = liveSubscription({
  topic: timelineTopic,
  authorizeAtSubscribe: (context, args: { recordId: string }) => context.services.records.locate(principalOf(context), args.recordId),
  select: (event, record) =>
    event.entries
      .filter((entry) => entry.recordId === record.recordId || (record.recordType === RecordType.ACCOUNT && entry.accountId === record.recordId))
      .map((entry) => entry.id),
  authorizeAtDelivery: (entryIds, context, record) =>
    context.services.records.locate(principalOf(context), record.recordId).then(
      () => entryIds,
      (error: unknown) => {
        if (error instanceof NotFoundError) return [];
        throw error;
      },
    ),
  load: (entryIds, context) => context.services.timeline.entries(principalOf(context), entryIds),
});

@Resolver()
export class TimelineSubscriptionResolver {
  @Guard({ scope: 'accounts:read' })
  @Subscription(() => TimelineEntry, {
    subscribe: entriesOfRecord,
    description:
      'Any member, or an API key with accounts:read (else FORBIDDEN). New history entries of a record the viewer may ' +
      'see (for an account, also those of its contacts and documents), pushed once committed, from any instance. Each ' +
      'is authorized at delivery: while the record is outside the viewer\'s reach its entries are left out, without an ' +
      'error. Errors (at subscribe): NOT_FOUND for a record outside the viewer\'s reach.',
  })
  timelineEventAdded(
    @Root() entry: TimelineEntry,
    @Arg('recordId', () => ID, { description: 'The record to follow: an account, contact, lead, deal, product or follow-up.' }) _recordId: string,
  ): TimelineEntry {
    return entry;
  }
}
