// A server (or worker) process with the test tasks added: `node -r @swc-node/register test/support/jobs-process.ts
// server|worker`. It runs exactly as src/main.ts and src/worker.ts do (runUntilSignalled, startApp / startWorker).
import 'reflect-metadata';
import { startApp, startWorker } from '../../src/app';
import { runUntilSignalled } from '../../src/platform/server/lifecycle';
import { tasks } from '../../src/tasks';
import { sleepTask } from './job-tasks';

const withTestTasks = { tasks: [...tasks, sleepTask] };
const mode = process.argv[2];
runUntilSignalled<{ stop(): Promise<void> }>((config, logger) =>
  mode === 'worker' ? startWorker(config, logger, withTestTasks) : startApp(config, logger, withTestTasks),
).catch(
  (error: unknown) => {
    process.stderr.write(`failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
