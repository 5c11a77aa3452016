import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor, actorOf } from '../auth/actor.types';
import type { RequestContext } from '../context/context';
import type { FieldChange } from './timeline-entry.entity';
import { TimelineEntry } from './timeline-entry.entity';

/**
 * Fields that may name other accounts are read through the redacting loader (one batch per request), so ids of
 * accounts the reader may not see never come out (see timeline-redaction.ts).
 */
@Resolver(() => TimelineEntry)
export class TimelineEntryResolver {
  @FieldResolver(() => Actor, { description: 'Who made the change: a member, an API key, or the system.' })
  actor(@Root() entry: TimelineEntry): Actor {
    return actorOf(entry.actor);
  }

  @FieldResolver()
  async accountId(@Root() entry: TimelineEntry, @Ctx() context: RequestContext): Promise<string | null> {
    return (await context.loaders.timeline.redacted.load(entry)).accountId;
  }

  @FieldResolver()
  async changes(@Root() entry: TimelineEntry, @Ctx() context: RequestContext): Promise<FieldChange[] | null> {
    return (await context.loaders.timeline.redacted.load(entry)).changes;
  }

  @FieldResolver()
  async data(@Root() entry: TimelineEntry, @Ctx() context: RequestContext): Promise<Record<string, unknown> | null> {
    return (await context.loaders.timeline.redacted.load(entry)).data;
  }
}
