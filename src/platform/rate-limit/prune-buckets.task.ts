import { z } from 'zod';
import { defineTask } from '../jobs/task';

/**
 * Daily: forgets the rate-limit buckets idle for a day (a forgotten bucket starts full, which it would be by then
 * anyway), so that one row per sender and form does not pile up forever.
 */
export const pruneRateLimitBuckets = defineTask({
  name: 'platform.pruneRateLimitBuckets',
  description: 'Deletes rate-limit buckets idle for a day (daily, 03:17 UTC).',
  payload: z.object({}),
  maxAttempts: 3,
  schedule: { cron: '17 3 * * *', payload: {} },
  async run(_payload, { services, logger }) {
    const pruned = await services.rateLimits.prune();
    logger.info({ pruned }, 'pruned idle rate-limit buckets');
  },
});
