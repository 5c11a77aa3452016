import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { RecordType } from '../platform/records/record-types';
import { optionalText } from '../platform/text/normalize';
import { FollowUpOutcome } from './follow-up-enums';

/** The kinds of record a follow-up may be on. */
export const TARGET_TYPES = ['ACCOUNT', 'CONTACT', 'LEAD', 'DEAL'] as const;

@InputType({ description: 'A new follow-up (also the `next` of continueFollowUp, whose target defaults to the one it continues).' })
export class NewFollowUpInput {
  @Field({ description: '1 to 300 characters.' }) subject: string;
  @Field(() => ID, { description: 'A usable follow-up type of the workspace.' }) typeId: string;
  @Field(() => ID, { nullable: true, description: 'A usable follow-up state; null: none.' }) stateId?: string | null;
  @Field(() => RecordType, { nullable: true, description: 'The kind of the target: ACCOUNT, CONTACT, LEAD or DEAL (required with targetId).' })
  targetType?: string | null;
  @Field(() => ID, { nullable: true, description: 'The target record, visible to the caller (required for createFollowUp; continueFollowUp: default the same).' })
  targetId?: string | null;
  @Field(() => ID, { nullable: true, description: 'An active member who does it; default: the caller (a member), or nobody (an API key).' })
  assigneeId?: string | null;
  @Field({ description: 'When it is due: an ISO-8601 instant with explicit offset, stored in UTC.' }) dueAt: Date;
  @Field(() => Int, { nullable: true, description: 'Minutes, 1 to 1440; default: the type\'s default duration.' }) durationMinutes?: number | null;
}

@InputType({ description: 'Changes an OPEN follow-up; fields left out are kept. Postponing has its own mutation (with a reason).' })
export class UpdateFollowUpInput {
  @Field(() => ID, { description: 'The follow-up.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'The version the caller read; a different current one is CONFLICT (VERSION_MISMATCH).' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'A new subject, 1 to 300 characters.' }) subject?: string | null;
  @Field(() => ID, { nullable: true, description: 'A new usable type.' }) typeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A new usable state; null clears it.' }) stateId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A new active assignee; null: nobody.' }) assigneeId?: string | null;
  @Field(() => Date, { nullable: true, description: 'A new due time (ISO-8601 instant with offset).' }) dueAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'A new duration in minutes, 1 to 1440.' }) durationMinutes?: number | null;
}

@InputType({ description: 'Postpones an OPEN follow-up.' })
export class PostponeFollowUpInput {
  @Field(() => ID, { description: 'The follow-up.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'Hours to add to dueAt (elapsed hours, 1 to 8760); default: the workspace\'s defaultPostponeHours.' }) hours?: number | null;
  @Field({ description: 'Why, 1 to 2000 characters.' }) reason: string;
  @Field(() => Int, { nullable: true, description: 'The version the caller read (CONFLICT VERSION_MISMATCH when it changed).' }) expectedVersion?: number | null;
}

@InputType({ description: 'Closes an OPEN follow-up with its outcome.' })
export class CloseFollowUpInput {
  @Field(() => ID, { description: 'The follow-up.' }) id: string;
  @Field(() => FollowUpOutcome, { description: 'SUCCESS or FAILURE.' }) outcome: FollowUpOutcome;
  @Field(() => String, { nullable: true, description: 'What happened, up to 5000 characters.' }) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version the caller read (CONFLICT VERSION_MISMATCH when it changed).' }) expectedVersion?: number | null;
}

@InputType({ description: 'Cancels an OPEN follow-up (kept, with its history).' })
export class CancelFollowUpInput {
  @Field(() => ID, { description: 'The follow-up.' }) id: string;
  @Field({ description: 'Why, 1 to 2000 characters.' }) reason: string;
  @Field(() => Int, { nullable: true, description: 'The version the caller read (CONFLICT VERSION_MISMATCH when it changed).' }) expectedVersion?: number | null;
}

@InputType({ description: 'Closes an OPEN follow-up and opens the next one of its chain, atomically.' })
export class ContinueFollowUpInput {
  @Field(() => ID, { description: 'The follow-up to close.' }) id: string;
  @Field(() => FollowUpOutcome, { description: 'How the closed one went.' }) outcome: FollowUpOutcome;
  @Field(() => String, { nullable: true, description: 'What happened, up to 5000 characters.' }) note?: string | null;
  @Field(() => NewFollowUpInput, { description: 'The next follow-up (target default: the same).' }) next: NewFollowUpInput;
  @Field(() => Int, { nullable: true, description: 'The version the caller read (CONFLICT VERSION_MISMATCH when it changed).' }) expectedVersion?: number | null;
}

const id = (what: string) => z.uuid({ message: `must be ${what} id` });
const subject = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');
const duration = z.number().int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(1440, 'must be at most 1440 minutes (a day)');
const instant = z.date({ message: 'must be a date-time with offset' }).refine((date) => !Number.isNaN(date.getTime()), 'must be a valid date-time');
const reason = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');
const version = z.number().int().nullable().optional();

export const newFollowUpSchema = z.object({
  subject,
  typeId: id('a follow-up type'),
  stateId: id('a follow-up state').nullable().optional(),
  targetType: z.enum(TARGET_TYPES, { message: 'must be ACCOUNT, CONTACT, LEAD or DEAL' }).nullable().optional(),
  targetId: id('a record').nullable().optional(),
  assigneeId: id('a member').nullable().optional(),
  dueAt: instant,
  durationMinutes: duration.nullable().optional(),
});
export type NewFollowUpData = z.output<typeof newFollowUpSchema>;

export const updateFollowUpSchema = z.object({
  id: z.string(),
  expectedVersion: version,
  subject: subject.nullish().transform((value) => value ?? undefined),
  typeId: id('a follow-up type').nullish().transform((value) => value ?? undefined),
  stateId: id('a follow-up state').nullable().optional(),
  assigneeId: id('a member').nullable().optional(),
  dueAt: instant.nullish().transform((value) => value ?? undefined),
  durationMinutes: duration.nullish().transform((value) => value ?? undefined),
});

export const postponeFollowUpSchema = z.object({
  id: z.string(),
  hours: z.number().int('must be a whole number of hours').min(1, 'must be at least 1').max(8760, 'must be at most 8760 (a year)').nullable().optional(),
  reason,
  expectedVersion: version,
});

const outcome = z.enum(FollowUpOutcome, { message: 'must be SUCCESS or FAILURE' });
export const closeFollowUpSchema = z.object({ id: z.string(), outcome, note: optionalText(5000), expectedVersion: version });
export const cancelFollowUpSchema = z.object({ id: z.string(), reason, expectedVersion: version });
export const continueFollowUpSchema = z.object({ id: z.string(), outcome, note: optionalText(5000), next: newFollowUpSchema, expectedVersion: version });
