// Measures lead imports through the real server: rows/s and the server's peak RSS.
//
// Usage: npm run bench:import
//   BENCH_DATABASE_URL   admin URL of a PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
//                        bench_import_<random> is created for each file and dropped at the end.
//   BENCH_IMPORT_ROWS    comma-separated row counts (default "100000,1000000"); each file has 5 % duplicate rows.
//   BENCH_IMPORT_POLICY  duplicate policy (default SKIP).
//
// For each size: generates a CSV file on disk (Company, Person, Email, Phone, Notes; every 20th row repeats an earlier
// row's email), starts the compiled server (`node dist/src/main.js`, NODE_ENV=production, jobs on) on a fresh
// database, POSTs the file to /imports (streamed from disk), polls leadImport(id) every second until DONE, and prints
// the time from upload to DONE, rows/s and the server's peak RSS (VmHWM and polled VmRSS of its process). A fresh
// server per file, so each peak is that file's alone.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createWriteStream, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_ADMIN_URL, databaseUrlOf, field, gql, out, withClient } from './bench/util';
import { ensureBuilt, freePort, startChild, whileSampling } from './bench/processes';

const SIGN_UP = `mutation BenchSignUp($input: SignUpInput!) { signUp(input: $input) { accessToken } }`;
const PROGRESS = `query BenchImport($id: ID!) { leadImport(id: $id) { status error progress { rowsTotal rowsRead created updated skipped failed } } }`;

async function writeCsv(file: string, rows: number): Promise<void> {
  const stream = createWriteStream(file);
  const write = async (line: string) => {
    if (!stream.write(line)) await once(stream, 'drain');
  };
  await write('Company,Person,Email,Phone,Notes\n');
  for (let i = 1; i <= rows; i++) {
    // 5 %: every 20th row repeats the email of the row 10 before it.
    const n = i % 20 === 0 ? i - 10 : i;
    await write(`Company ${i} S.L.,Person ${i},lead${n}@bench.example,+34 6${String(i).padStart(8, '0')},"Imported, row ${i}"\n`);
  }
  stream.end();
  await once(stream, 'finish');
}

const vmHwmBytes = (pid: number): number => {
  const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
};

async function benchOne(main: string, adminUrl: string, rows: number, policy: string) {
  const file = path.join(tmpdir(), `bench-import-${rows}-${randomBytes(3).toString('hex')}.csv`);
  await writeCsv(file, rows);
  const database = `bench_import_${randomBytes(4).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${database}`));
  const port = await freePort();
  const server = await startChild(
    'server',
    main,
    {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATABASE_URL: databaseUrlOf(adminUrl, database),
      HOST: '127.0.0.1',
      PORT: String(port),
      RUN_MIGRATIONS: 'true',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'true',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
      IMPORT_MAX_BYTES: String(2 * 1024 * 1024 * 1024),
    },
    port,
    '/readyz',
  );
  try {
    const graphql = `${server.url}/graphql`;
    const signUp = await gql(graphql, null, SIGN_UP, {
      input: { workspaceName: 'Bench', name: 'Bench Owner', email: `owner.${randomBytes(4).toString('hex')}@bench.example`, password: 'correct horse battery staple' },
    });
    const token = field(signUp, 'signUp', 'accessToken') as string;
    const idleRss = server.sample().rssBytes;
    const started = performance.now();
    const { result, peakRssBytes, cpuMs } = await whileSampling(server, async () => {
      const form = new FormData();
      form.append('options', JSON.stringify({ mapping: { Company: 'companyName', Person: 'personName', Email: 'emails', Phone: 'phones', Notes: 'notes' }, duplicatePolicy: policy }));
      form.append('file', await openAsBlob(file), 'bench.csv');
      const response = await fetch(`${server.url}/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const answer = (await response.json()) as { import?: { id: string } };
      if (response.status !== 202 || !answer.import) throw new Error(`upload refused: ${response.status} ${JSON.stringify(answer)}`);
      const uploadedMs = performance.now() - started;
      for (;;) {
        await sleep(1000);
        const data = await gql(graphql, token, PROGRESS, { id: answer.import.id });
        const status = field(data, 'leadImport', 'status');
        if (status === 'DONE' || status === 'FAILED') return { uploadedMs, data };
      }
    });
    const totalMs = performance.now() - started;
    return { rows, bytes: statSync(file).size, uploadedMs: result.uploadedMs, totalMs, cpuMs, peakRssBytes, hwmBytes: vmHwmBytes(server.pid), idleRss, leadImport: field(result.data, 'leadImport') };
  } finally {
    await server.stop();
    await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    rmSync(file, { force: true });
  }
}

async function main() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const sizes = (process.env.BENCH_IMPORT_ROWS ?? '100000,1000000').split(',').map((size) => Number(size.trim())).filter((size) => size > 0);
  const policy = process.env.BENCH_IMPORT_POLICY ?? 'SKIP';
  const mainScript = ensureBuilt();
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  out(`bench:import: ${sizes.join(', ')} rows, policy ${policy}, 5 % duplicates, compiled server, PostgreSQL at ${new URL(adminUrl).host}`);
  out('rows      file MB  upload s  total s  rows/s  server CPU s  idle RSS MB  peak RSS MB (polled / VmHWM)  created  skipped  failed  status');
  const results = [];
  for (const rows of sizes) {
    const r = await benchOne(mainScript, adminUrl, rows, policy);
    results.push(r);
    const p = field(r.leadImport, 'progress') as Record<string, number>;
    out(
      [
        String(rows).padEnd(8),
        mb(r.bytes).padStart(8),
        (r.uploadedMs / 1000).toFixed(1).padStart(9),
        (r.totalMs / 1000).toFixed(1).padStart(8),
        String(Math.round(rows / (r.totalMs / 1000))).padStart(7),
        (r.cpuMs / 1000).toFixed(1).padStart(13),
        mb(r.idleRss).padStart(12),
        `${mb(r.peakRssBytes)} / ${mb(r.hwmBytes)}`.padStart(29),
        String(p.created).padStart(8),
        String(p.skipped).padStart(8),
        String(p.failed).padStart(7),
        `  ${String(field(r.leadImport, 'status'))}`,
      ].join(' '),
    );
  }
  if (results.length >= 2) {
    const ratio = results[results.length - 1].hwmBytes / results[0].hwmBytes;
    out(`peak RSS ratio (largest / smallest file, VmHWM): ${ratio.toFixed(2)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
