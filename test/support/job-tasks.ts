import { z } from 'zod';
import { defineTask } from '../../src/platform/jobs/task';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted by shutdown'));
    });
  });

/**
 * A task for process tests (test/support/jobs-process.ts): logs when it starts and finishes, sleeping `ms` in
 * between; with `ignoreAbort` it keeps sleeping through the shutdown's abort (a job that will not stop).
 */
export const sleepTask = defineTask({
  name: 'test.sleep',
  description: 'Sleeps, logging its start and end (process tests).',
  payload: z.object({ label: z.string(), ms: z.number().int().min(0), ignoreAbort: z.boolean().default(false) }),
  maxAttempts: 3,
  async run({ label, ms, ignoreAbort }, { logger, signal }) {
    logger.info({ label }, 'test job started');
    await sleep(ms, ignoreAbort ? undefined : signal);
    logger.info({ label }, 'test job finished');
  },
});
