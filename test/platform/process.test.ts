import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
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
