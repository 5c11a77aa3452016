// In-process profile of one request shape: CPU ms per request (server and client in one process, so compare runs of
// this script with each other, not with bench:graphql) and an optional V8 CPU profile.
//
// Usage: npm run bench:profile   (needs the bench:graphql database: run `BENCH_REUSE=true npm run bench:graphql` once)
//   QUERY   the operation (default: the bench's account page); Q=single | me | typename for the built-in ones
//   FIRST   page size (default 50); N requests per phase (default 300); P parallel requests (default 4)
//   BENCH_KEY_NAME the run's API key name (default bench:graphql's): give concurrent runs different names, since each
//           run revokes the earlier keys of its name
//   COMPILED_EXECUTION=false runs graphql-js only (default: compiled plans, as the server)
//   PROFILE write a .cpuprofile of the measured phase to this path; HEAP_PROFILE a .heapprofile (allocation sampling;
//           HEAP_SURVIVORS=1 keeps only what outlived a young-generation collection: what the scavenger copies); TRACE=1
//           logs the SQL of two requests
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { startApp } from '../src/app';
import { loadConfig } from '../src/platform/config/config';
import { createLogger } from '../src/platform/logging/logger';
import { ACCOUNT_PAGE } from './bench/scenarios';
import { prepareWorkspace } from './bench/workspace';

function post(port: number, body: string, key: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

async function main() {
  const url = 'postgres://postgres@127.0.0.1:5432/vinculo_bench_10000_30000';
  const ws = await prepareWorkspace({ adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres', accounts: 10000, contacts: 30000, reuse: true, log: console.error, keyName: process.env.BENCH_KEY_NAME } as never);
  const trace = process.env.TRACE === '1';
  const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), HOST: '127.0.0.1', PORT: '0', DATABASE_URL: url, RUN_MIGRATIONS: 'false', SEED_DEMO: 'false', LOG_LEVEL: trace ? 'trace' : 'info', DB_POOL_SIZE: '10', COMPILED_EXECUTION: process.env.COMPILED_EXECUTION ?? 'true' });
  const app = await startApp(config, createLogger(trace ? 'trace' : 'silent'));
  const port = Number(new URL(app.url).port);
  const single = process.env.Q === 'single';
  const query = process.env.QUERY ? process.env.QUERY : process.env.Q === 'me' ? '{ me { kind } }' : process.env.Q === 'typename' ? '{ __typename }' : single ? `query($id: ID!) { account(id: $id) { id name type contacts { id firstName lastName position emails phones } } }` : ACCOUNT_PAGE;
  const variables = single ? { id: ws.inputs.accountId } : { first: Number(process.env.FIRST ?? 50) };
  const body = JSON.stringify({ query, variables });
  const n = Number(process.env.N ?? 300);
  const parallel = Number(process.env.P ?? 4);
  // Responses with errors are counted: another bench run rotating the bench key (prepareWorkspace revokes the previous
  // run's keys) turns requests into cheap UNAUTHENTICATED ones, which would pass for a speed-up.
  let errors = 0;
  const run = async (count: number) => { let left = count; await Promise.all(Array.from({ length: parallel }, async () => { while (left-- > 0) if ((await post(port, body, ws.apiKey)).includes('"errors"')) errors++; })); };
  if (trace) { await post(port, body, ws.apiKey); console.error('--- second ---'); await post(port, body, ws.apiKey); await app.stop(); return; }
  await run(n);
  const session = new Session();
  if (process.env.PROFILE || process.env.HEAP_PROFILE) session.connect();
  if (process.env.PROFILE) { await session.post('Profiler.enable'); await session.post('Profiler.start'); }
  // Allocation sampling (every 16 KiB allocated, on average): what feeds the garbage collector.
  if (process.env.HEAP_PROFILE) { await session.post('HeapProfiler.enable'); await session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: process.env.HEAP_SURVIVORS !== '1' }); }
  const before = process.cpuUsage(); const t0 = performance.now();
  await run(n);
  const cpu = process.cpuUsage(before); const wall = performance.now() - t0;
  if (process.env.PROFILE) { const { profile } = await session.post('Profiler.stop'); writeFileSync(process.env.PROFILE, JSON.stringify(profile)); }
  if (process.env.HEAP_PROFILE) { const { profile } = await session.post('HeapProfiler.stopSampling'); writeFileSync(process.env.HEAP_PROFILE, JSON.stringify(profile)); }
  console.log(`${single ? 'single' : 'page'}: ${(cpu.user / 1000 / n).toFixed(2)} user + ${(cpu.system / 1000 / n).toFixed(2)} sys ms/req, ${(n / wall * 1000).toFixed(0)} req/s (client in process)${errors ? `, ${errors} RESPONSES WITH ERRORS: not comparable` : ''}`);
  const sample = await post(port, body, ws.apiKey); console.log(sample.length, "bytes", process.env.SHOW ? sample.slice(0, Number(process.env.SHOW)) : "");
  const memory = process.memoryUsage();
  console.log(`memory after the run (server and client): rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} of ${(memory.heapTotal / 2 ** 20).toFixed(0)} MiB, external ${(memory.external / 2 ** 20).toFixed(0)} MiB`);
  // Another bench run on the same database revokes this run's key (benchApiKey): the numbers then measure refusals.
  const me = await post(port, JSON.stringify({ query: '{ me { kind } }' }), ws.apiKey);
  if (!me.includes('"kind"')) console.log('WARNING: the API key was refused after the run (revoked by another bench run?): discard these numbers');
  await app.stop();
}
void main();
