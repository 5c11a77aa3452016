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

@ObjectType({
  description:
    'What needs a member\'s attention (Bitrix24\'s counters), counted over what the caller may see: their OPEN follow-ups by when ' +
    'they are due, their NEW leads, and their idle accounts and open deals.',
})
export class ActivityCounters {
  @Field({ description: 'The member counted (a membership id).' })
  memberId: string;

  @Field({ description: 'The IANA time zone "today" is taken in: the one asked for, else the member\'s own, else the workspace\'s.' })
  timeZone: string;

  @Field({ description: 'The instant the counts were taken at (UTC).' })
  asOf: Date;

  @Field(() => Int, { description: 'OPEN, due before asOf.' })
  overdue: number;

  @Field(() => Int, { description: 'OPEN, due from asOf to the end of today in timeZone.' })
  dueToday: number;

  @Field(() => Int, { description: 'OPEN, due after today in timeZone.' })
  upcoming: number;

  @Field(() => Int, { description: 'Leads assigned to the member with status NEW (not yet worked).' })
  newLeads: number;

  @Field(() => Int, { description: 'idleAccounts + idleDeals.' })
  idle: number;

  @Field(() => Int, { description: 'Active accounts the member is the primary owner of with no OPEN follow-up on the account itself.' })
  idleAccounts: number;

  @Field(() => Int, { description: 'OPEN deals the member owns with no OPEN follow-up on the deal.' })
  idleDeals: number;
}
