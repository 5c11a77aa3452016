import { z } from 'zod';

/** A call's longest duration (a day), in seconds. */
export const MAX_CALL_SECONDS = 86_400;

export enum CallDirection {
  INBOUND = 'INBOUND',
  OUTBOUND = 'OUTBOUND',
}

/**
 * POST /inbound/calls: the call as the telephony system reports it. Numbers are read with the workspace's default
 * country afterwards (the schema cannot know it); `startedAt` must carry its offset (no guessing of zones).
 */
export const inboundCallSchema = z.object({
  callerNumber: z.string({ message: 'is required' }).trim().min(1, 'is required').max(40),
  calledNumber: z.string({ message: 'is required' }).trim().min(1, 'is required').max(40),
  startedAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time with an offset, e.g. 2026-03-02T10:15:00+01:00' }),
  durationSeconds: z
    .number({ message: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must not be negative')
    .max(MAX_CALL_SECONDS, `must be at most ${MAX_CALL_SECONDS} (a day)`),
  direction: z.enum(CallDirection, { message: 'must be INBOUND or OUTBOUND' }),
  recordingUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http or https URL' })
    .max(2000, 'must be at most 2000 characters')
    .nullable()
    .optional(),
});

export type InboundCall = z.output<typeof inboundCallSchema>;
