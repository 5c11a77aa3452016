// Child processes of the GraphQL benchmark: the compiled server and the baseline, each on its own port, with their
// CPU time and resident memory read from /proc (Linux).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.join(__dirname, '..', '..');

/** Builds dist/ only when its sources changed (scripts/start.cjs decides, as `npm start` does); returns main.js. */
export function ensureBuilt(): string {
  const start = createRequire(__filename)(path.join(root, 'scripts', 'start.cjs')) as { ensureBuilt(): string };
  return start.ensureBuilt();
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

let clockTicks: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat times (`getconf CLK_TCK`, 100 nearly everywhere). */
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export interface ProcessSample {
  /** User + system CPU time since the process started, in ms. */
  cpuMs: number;
  rssBytes: number;
}

/** CPU time (utime + stime of /proc/<pid>/stat) and VmRSS (/proc/<pid>/status) of a live process. */
export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuMs: (ticks * 1000) / ticksPerSecond(), rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
}

export interface ChildServer {
  name: string;
  pid: number;
  url: string;
  sample(): ProcessSample;
  stop(): Promise<void>;
}

/**
 * Spawns `node <script>` with `env`, its stdout discarded (request logs are written, not read), and waits until
 * GET <url><readyPath> answers 200. Stderr is kept to explain a failed start.
 */
export async function startChild(name: string, script: string, env: NodeJS.ProcessEnv, port: number, readyPath: string, nodeArgs: string[] = []): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000; // a first start runs the migrations
  for (;;) {
    if (exited !== undefined) throw new Error(`${name} exited with code ${exited} while starting:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer ${readyPath} within 120 s:\n${stderr}`);
    }
    const ready = await fetch(`${url}${readyPath}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await sleep(200);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} has no pid`);
  return {
    name,
    pid,
    url,
    sample: () => sampleProcess(pid),
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timeout = sleep(15_000).then(() => child.kill('SIGKILL'));
      await Promise.race([exit, timeout]);
    },
  };
}

/** Samples `server` every `intervalMs` while `run` runs: the peak RSS seen, and CPU ms used over the run. */
export async function whileSampling<T>(server: ChildServer, run: () => Promise<T>, intervalMs = 200): Promise<{ result: T; cpuMs: number; peakRssBytes: number }> {
  const before = server.sample();
  let peakRssBytes = before.rssBytes;
  const timer = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, server.sample().rssBytes);
  }, intervalMs);
  try {
    const result = await run();
    const after = server.sample();
    peakRssBytes = Math.max(peakRssBytes, after.rssBytes);
    return { result, cpuMs: after.cpuMs - before.cpuMs, peakRssBytes };
  } finally {
    clearInterval(timer);
  }
}
