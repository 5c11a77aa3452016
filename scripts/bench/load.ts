// One measured run of the GraphQL benchmark: autocannon against one server for one scenario, with the server's
// CPU time, peak RSS and SQL statements over the run.
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import type { Scenario } from './scenarios';
import { whileSampling, type ChildServer } from './processes';

/** What a server counted since it started. */
export interface Counters {
  /** SQL statements sent. */
  statements: number;
  /** Scenario requests handled (those the load generator abandoned at the end of a run included). */
  requests: number;
}

/** Where a scenario is sent, and how that server's counters are read. */
export interface Target {
  kind: 'graphql' | 'baseline';
  server: ChildServer;
  request(scenario: Scenario): { path: string; headers: Record<string, string>; body: string };
  counters(): Promise<Counters>;
}

/** The counters once the server has finished the requests still in flight when the load stopped. */
async function settledCounters(target: Target): Promise<Counters> {
  let last = await target.counters();
  for (let polls = 0; polls < 50; polls += 1) {
    await sleep(100);
    const next = await target.counters();
    if (next.requests === last.requests && next.statements === last.statements) return next;
    last = next;
  }
  return last;
}

export interface RunStats {
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  statementsPerRequest: number;
  peakRssBytes: number;
  /** Errors, timeouts and non-2xx answers: any makes the run suspect. */
  failures: number;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

export async function measure(target: Target, scenario: Scenario, options: LoadOptions): Promise<RunStats> {
  const { path, headers, body } = target.request(scenario);
  const before = await settledCounters(target);
  const { result, cpuMs, peakRssBytes } = await whileSampling(target.server, async () => {
    const loaded = await autocannon({
      url: `${target.server.url}${path}`,
      method: 'POST',
      headers,
      body,
      connections: options.connections,
      duration: options.durationSeconds,
    });
    return { loaded, after: await settledCounters(target) };
  });
  const handled = result.after.requests - before.requests;
  // Per request the server handled: autocannon leaves up to `connections` requests unanswered at the end.
  const perRequest = (total: number) => (handled ? total / handled : Number.NaN);
  const loaded = result.loaded;
  return {
    requests: handled,
    reqPerSec: loaded.requests.average,
    p50Ms: loaded.latency.p50,
    p99Ms: loaded.latency.p99,
    cpuMsPerRequest: perRequest(cpuMs),
    statementsPerRequest: perRequest(result.after.statements - before.statements),
    peakRssBytes,
    failures: loaded.errors + loaded.timeouts + loaded.non2xx,
  };
}

/** Loads without measuring (JIT, plan caches and pools warm up). */
export async function warmUp(target: Target, scenario: Scenario, options: LoadOptions, seconds: number): Promise<void> {
  const { path, headers, body } = target.request(scenario);
  await autocannon({ url: `${target.server.url}${path}`, method: 'POST', headers, body, connections: options.connections, duration: seconds });
}

/** The sum of the samples of `metric` whose labels include every one of `labels` (Prometheus text format). */
export function prometheusSum(text: string, metric: string, labels: readonly string[] = []): number | undefined {
  let sum: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== metric || !labels.every((label) => (match[2] ?? '').includes(label))) continue;
    sum = (sum ?? 0) + Number(match[3]);
  }
  return sum;
}
