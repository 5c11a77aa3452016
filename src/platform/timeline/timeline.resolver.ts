import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Actor, actorOf } from '../../identity/actor.types';
import type { RequestContext } from '../context/context';
import { TimelineEntry } from './timeline-entry.entity';

@Resolver(() => TimelineEntry)
export class TimelineEntryResolver {
  @FieldResolver(() => Actor)
  actor(@Root() entry: TimelineEntry, @Ctx() context: RequestContext): Promise<Actor> {
    return actorOf(context, entry.actor);
  }
}
