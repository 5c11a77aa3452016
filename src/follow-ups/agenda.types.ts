import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../platform/graphql/scalars';
import { FollowUp } from './follow-up.entity';

@ObjectType({ description: 'One day of an agenda: the OPEN follow-ups due that day in the agenda\'s time zone, soonest first.' })
export class AgendaDay {
  @Field(() => LocalDateScalar, { description: 'The day (YYYY-MM-DD) in the agenda\'s time zone.' })
  date: string;

  @Field(() => [FollowUp], { description: 'The follow-ups due that day, by due time (the id breaks ties).' })
  followUps: FollowUp[];
}

@ObjectType({ description: 'What needs a member\'s attention: their OPEN follow-ups that the caller may see, counted by when they are due.' })
export class ActivityCounters {
  @Field({ description: 'The member counted (a membership id).' })
  memberId: string;

  @Field({ description: 'The IANA time zone "today" is taken in (the workspace\'s unless told).' })
  timeZone: string;

  @Field({ description: 'The instant the counts were taken at (UTC).' })
  asOf: Date;

  @Field(() => Int, { description: 'OPEN, due before asOf.' })
  overdue: number;

  @Field(() => Int, { description: 'OPEN, due from asOf to the end of today in timeZone.' })
  dueToday: number;

  @Field(() => Int, { description: 'OPEN, due after today in timeZone.' })
  upcoming: number;
}
