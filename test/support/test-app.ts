import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startApp, type App } from '../../src/app';
import type { AnyTask } from '../../src/platform/jobs/task';
import { loadConfig } from '../../src/platform/config/config';
import { createLogger } from '../../src/platform/logging/logger';
import { createTestDatabase } from './database';

export interface GqlResult<T> extends FormattedExecutionResult<T> {
  status: number;
}

export interface TestApp {
  app: App;
  url: string;
  /** This test file's database (start a second instance on it with startTestApp({ DATABASE_URL })). */
  databaseUrl: string;
  /** Sends a typed operation over real HTTP. */
  gql<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables?: TVariables,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GqlResult<TResult>>;
  /** Sends a raw body (for malformed or oversized requests). */
  post(body: string, headers?: Record<string, string>): Promise<{ status: number; json: unknown }>;
  /** Opens a graphql-ws client authenticated in connection_init. */
  ws(token?: string): WsClient;
  /**
   * SQL statements run while `run` executes (requests must not overlap). The first request with a credential
   * also pays its authentication (one statement, two when an API key's last-used time is written); later ones
   * are answered from the principal cache.
   */
  countStatements(run: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the real server on a random port over a fresh database of this test file's own.
 * `connectVia` rewrites the URL the app connects with (e.g. through a TCP proxy the test can cut). Background jobs
 * are off unless `JOBS_ENABLED: 'true'` (a runner per test app costs connections); `tasks` replaces src/tasks.ts.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { connectVia?: (databaseUrl: string) => string; tasks?: readonly AnyTask[] } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: options.connectVia ? options.connectVia(database.url) : database.url,
    RUN_MIGRATIONS: 'false',
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DB_POOL_SIZE: '5',
    // The principal cache on, and long enough that a credential used in a test's set-up is still cached when its
    // statements are counted (with the 10 s default, whether a request pays the look-up would depend on timing).
    // Changes of rights must still apply at once: every identity test runs against the cache.
    AUTH_CACHE_TTL_SECONDS: '3600',
    JOBS_ENABLED: 'false',
    JOBS_POLL_INTERVAL_MS: '200',
    // Queries run as compiled plans (compiled at their first run under tests); TEST_COMPILED_EXECUTION=false runs
    // the suite on graphql-js alone, to compare.
    COMPILED_EXECUTION: process.env.TEST_COMPILED_EXECUTION ?? 'true',
    ...env,
  });
  const app = await startApp(config, createLogger(config.LOG_LEVEL), { tasks: options.tasks });
  const graphqlUrl = `${app.url}/graphql`;
  const wsClients: WsClient[] = [];

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: returned as text
    }
    return { status: response.status, json };
  };

  return {
    app,
    url: app.url,
    databaseUrl: database.url,
    post,
    async gql(document, variables, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      const { status, json } = await post(JSON.stringify({ query: print(document), variables }), headers);
      return { ...(json as FormattedExecutionResult<never>), status };
    },
    ws(token) {
      const client = createClient({
        url: graphqlUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      wsClients.push(client);
      return client;
    },
    async countStatements(run) {
      const before = app.sql.statementCount;
      await run();
      return app.sql.statementCount - before;
    },
    async stop() {
      await Promise.all(wsClients.map((client) => client.dispose()));
      await app.stop();
      await database.drop();
    },
  };
}

/** Runs one operation over WebSocket and resolves with its single result. */
export function wsExecute<TResult, TVariables>(
  client: WsClient,
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
): Promise<FormattedExecutionResult<TResult>> {
  return new Promise((resolve, reject) => {
    let result: FormattedExecutionResult<TResult> | undefined;
    client.subscribe<TResult>(
      { query: print(document), variables: variables as Record<string, unknown> | undefined },
      {
        next: (value) => {
          result = value as FormattedExecutionResult<TResult>;
        },
        error: (error) => {
          if (Array.isArray(error)) resolve({ errors: error });
          else reject(error);
        },
        complete: () => (result ? resolve(result) : reject(new Error('no result'))),
      },
    );
  });
}
