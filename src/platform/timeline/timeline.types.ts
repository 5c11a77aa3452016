import { ArgsType, Field } from 'type-graphql';
import { Connection, ConnectionArgs } from '../pagination/connection';
import { TimelineEntry } from './timeline-entry.entity';

export const TimelineConnection = Connection(TimelineEntry, 'TimelineEntry');
export type TimelineConnection = InstanceType<typeof TimelineConnection>;

@ArgsType()
export class TimelineArgs extends ConnectionArgs {
  @Field(() => [String], { nullable: true, description: 'Only entries of these kinds (e.g. ["ACCOUNT_UPDATED"]); default: every kind.' })
  kinds?: string[] | null;
}
