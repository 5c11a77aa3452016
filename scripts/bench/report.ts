// Summary of the GraphQL benchmark: medians over the rounds per scenario and server, the graphql/baseline ratios,
// a table for the terminal and the JSON written to bench-results/.
import type { RunStats } from './load';
import { median } from './util';

export interface TargetSummary {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerRequest: number;
  statementsPerRequest: number;
  peakRssMb: number;
  requests: number;
  failures: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  /** Whether the GraphQL data equalled the baseline's JSON (a scenario that did not is not loaded). */
  equal: boolean;
  differences: string[];
  rounds: { graphql: RunStats; baseline: RunStats }[];
  graphql?: TargetSummary;
  baseline?: TargetSummary;
  /** graphql / baseline: below 1 for req/s, above 1 for CPU, is the price of the GraphQL stack. */
  ratios?: { reqPerSec: number; cpuMsPerRequest: number };
}

export function summarize(runs: readonly RunStats[]): TargetSummary {
  const of = (pick: (run: RunStats) => number) => median(runs.map(pick));
  return {
    reqPerSec: of((run) => run.reqPerSec),
    p50Ms: of((run) => run.p50Ms),
    p99Ms: of((run) => run.p99Ms),
    cpuMsPerRequest: of((run) => run.cpuMsPerRequest),
    statementsPerRequest: of((run) => run.statementsPerRequest),
    peakRssMb: Math.max(...runs.map((run) => run.peakRssBytes)) / (1024 * 1024),
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}

export function finish(result: ScenarioResult): ScenarioResult {
  if (!result.rounds.length) return result;
  const graphql = summarize(result.rounds.map((round) => round.graphql));
  const baseline = summarize(result.rounds.map((round) => round.baseline));
  return {
    ...result,
    graphql,
    baseline,
    ratios: { reqPerSec: graphql.reqPerSec / baseline.reqPerSec, cpuMsPerRequest: graphql.cpuMsPerRequest / baseline.cpuMsPerRequest },
  };
}

const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** The results table: one row per scenario and server, the ratios on the GraphQL row. */
export function table(results: readonly ScenarioResult[]): string[] {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'SQL/req', 'peak RSS MB', 'req/s ratio', 'CPU ratio'];
  const rows: string[][] = [];
  for (const result of results) {
    if (!result.graphql || !result.baseline || !result.ratios) {
      rows.push([result.name, result.equal ? 'not run' : 'ANSWERS DIFFER', '', '', '', '', '', '', '', '']);
      continue;
    }
    for (const [server, summary] of [['graphql', result.graphql], ['baseline', result.baseline]] as const) {
      rows.push([
        server === 'graphql' ? result.name : '',
        server + (summary.failures ? ` (${summary.failures} failed)` : ''),
        fixed(summary.reqPerSec, 0),
        fixed(summary.p50Ms, 1),
        fixed(summary.p99Ms, 1),
        fixed(summary.cpuMsPerRequest, 2),
        fixed(summary.statementsPerRequest, 2),
        fixed(summary.peakRssMb, 0),
        server === 'graphql' ? fixed(result.ratios.reqPerSec, 2) : '',
        server === 'graphql' ? fixed(result.ratios.cpuMsPerRequest, 2) : '',
      ]);
    }
  }
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}
