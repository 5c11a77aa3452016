import { timePassingTask } from './follow-ups/time-passing.task';
import { importLeadsTask } from './leads/import/lead-import.task';
import type { AnyTask } from './platform/jobs/task';
import { pruneRateLimitBuckets } from './platform/rate-limit/prune-buckets.task';

/**
 * Every background task (platform/jobs/task.ts: `defineTask`); a domain adds its tasks here, as it adds its
 * entities and resolvers. The job runner of every instance (and `npm run worker`) runs exactly these; a test
 * checks that every task defined under src/ is listed.
 */
export const tasks: readonly AnyTask[] = [pruneRateLimitBuckets, timePassingTask, importLeadsTask];
