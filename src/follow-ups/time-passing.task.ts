import { z } from 'zod';
import { defineTask } from '../platform/jobs/task';


/**
 * The clock of live counters: every minute (graphile-worker's cron is UTC, which a per-minute tick does not mind),
 * one job on one instance announces the members whose counters time moved (a follow-up fell due; midnight in
 * their zone), so every subscriber gets new counters within a minute, with no poll per subscriber. The window is
 * the minute before the run's scheduled time; missed runs are backfilled (2 minutes), so windows stay contiguous.
 */
export const timePassingTask = defineTask({
  name: 'followUps.announceTimePassing',
  description: 'Every minute: announces to live counters the members whose follow-ups became overdue or whose day rolled over.',
  payload: z.object({ windowSeconds: z.number().int().min(1).max(3600).default(60) }),
  maxAttempts: 1, // the next minute's run covers its own window; a late retry would announce stale news
  schedule: { cron: '* * * * *', payload: { windowSeconds: 60 }, backfillSeconds: 120 },
  async run({ windowSeconds }, { services, job, logger }) {
    const to = job.scheduledFor ?? new Date();
    const from = new Date(to.getTime() - windowSeconds * 1000);
    const announced = await services.followUpCounters.announceTimePassing(from, to);
    if (announced) logger.debug({ announced, from, to }, 'time passing announced');
  },
});

