import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import WebSocket from 'ws';
import { ConfigError, loadConfig } from '../../src/platform/config/config';
import { createTestDatabase } from '../support/database';

const root = path.join(__dirname, '..', '..');

function startServerProcess(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
}

/** Resolves on 'close' (after stdout is drained), with the exit code. */
function waitForExit(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('close', (code) => resolve(code)));
}

describe('configuration', () => {
  it('a wrong value stops the server with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('defaults introspection and the explorer off in production', () => {
    const production = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://h/db' });
    expect(production).toMatchObject({ INTROSPECTION: false, EXPLORER: false, SEED_DEMO: false });
    expect(loadConfig({})).toMatchObject({ INTROSPECTION: true, EXPLORER: true, SEED_DEMO: true });
  });

  it('the server process exits non-zero naming the bad variable', async () => {
    const child = startServerProcess({ MAX_QUERY_DEPTH: '-3' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await waitForExit(child)).toBe(78);
    expect(stderr).toContain('MAX_QUERY_DEPTH');
  });
});

/** Resolves once the output shows the listening URL and the demo API key (both printed at start). */
function waitForDemoStart(child: ChildProcessWithoutNullStreams): Promise<{ url: string; apiKey: string; output: () => string }> {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output)?.[1];
      const apiKey = /API key:\s+(\S+)/.exec(output)?.[1];
      if (url && apiKey) resolve({ url, apiKey, output: () => output });
    });
    child.once('exit', () => reject(new Error(`server exited early:\n${output}`)));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the server process on the embedded PostgreSQL (no DATABASE_URL)', () => {
  it('on SIGTERM under load answers every accepted request, then stops PostgreSQL and exits 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vinculo-sigterm-'));
    const dataDir = path.join(dir, 'postgres');
    const pgPort = await freePort();
    const child = startServerProcess({ EMBEDDED_PG_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), DB_POOL_SIZE: '4' });
    const exited = waitForExit(child);
    const holder = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/vinculo` });
    try {
      const { url, apiKey, output } = await waitForDemoStart(child);
      // The job queue's schema installed and its runner up on the embedded PostgreSQL (18).
      expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ ready: true, jobs: 'running' });

      // Hold every request inside the server: API-key authentication reads api_keys, which this locks.
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE');
      const burst = Array.from({ length: 200 }, () =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ query: 'query Me { me { kind } }' }),
        }).then(
          async (response) => ({ status: response.status, body: (await response.json()) as unknown }),
          (error: unknown) => ({ status: 0, body: String(error) }),
        ),
      );
      const inFlight = async () => {
        const metrics = await (await fetch(`${url}/metrics`)).text();
        return Number(/^vinculo_http_requests_in_flight\{route="\/graphql"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
      };
      for (let attempt = 0; (await inFlight()) < 200; attempt += 1) {
        if (attempt > 200) throw new Error('the burst never got inside the server');
        await sleep(25);
      }

      child.kill('SIGTERM');
      // Draining: new connections are refused, the accepted requests wait for the database.
      for (let attempt = 0; await accepts(Number(new URL(url).port)); attempt += 1) {
        if (attempt > 100) throw new Error('the server kept accepting after SIGTERM');
        await sleep(20);
      }
      expect(child.exitCode).toBeNull();
      await holder.query('COMMIT');
      await holder.end();

      const answers = await Promise.all(burst);
      expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
      expect(answers.every((answer) => JSON.stringify(answer.body) === '{"data":{"me":{"kind":"API_KEY"}}}')).toBe(true);
      expect(await exited).toBe(0);
      expect(output()).toContain('vinculo stopped');
      expect(await accepts(pgPort)).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    } finally {
      await holder.end().catch(() => undefined);
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the server process', () => {
  it('serves, shows the offline explorer, refuses bad WebSocket credentials, and shuts down cleanly on SIGTERM', async () => {
    const database = await createTestDatabase();
    const child = startServerProcess({ DATABASE_URL: database.url, SEED_DEMO: 'true' });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+)\/graphql"/.exec(output);
          if (match && output.includes('API key:')) resolve(match[1]);
        });
        child.once('exit', () => reject(new Error(`server exited early:\n${output}`)));
      });
      const apiKey = /API key:\s+(\S+)/.exec(output)?.[1] as string;
      expect(output).not.toMatch(/"password"\s*:\s*"[^[]/);

      const me = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query: '{ me { kind workspace { name } } }' }),
      });
      expect(await me.json()).toEqual({ data: { me: { kind: 'API_KEY', workspace: { name: 'Vinculo Demo' } } } });

      const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
      const html = await page.text();
      expect(html).toContain('/explorer/graphiql.js');
      expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
      for (const asset of ['graphiql.js', 'graphiql.css', 'react.js', 'react-dom.js']) {
        const response = await fetch(`${url}/explorer/${asset}`);
        expect(response.status).toBe(200);
        // Read the body: an unread one keeps its socket open (paused) after the server is gone, and with it
        // the jest worker ("failed to exit gracefully").
        expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
      }

      const closeCode = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer vk_nope_nope' } })));
        socket.on('close', (code) => resolve(code));
      });
      expect(closeCode).toBe(4403);

      const exited = waitForExit(child);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('vinculo stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await database.drop();
    }
  });
});
