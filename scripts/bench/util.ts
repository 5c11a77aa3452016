// Small helpers shared by the benchmark scripts.
import { Client } from 'pg';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

/** A positive integer from the environment, or `fallback` when unset or empty. */
export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function booleanEnv(name: string): boolean {
  const raw = (process.env[name] ?? '').toLowerCase();
  return raw === 'true' || raw === '1' || raw === 'yes';
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The value at `path` inside nested objects, or undefined. */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

/** Runs `run` with a client on `url`, closed afterwards. */
export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** `url` pointing at another database of the same server. */
export function databaseUrlOf(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** `url` with its password masked, for printing. */
export function redacted(url: string): string {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.toString();
}

/** POSTs one operation; throws on HTTP or GraphQL errors; returns `data`. */
export async function gql(graphqlUrl: string, token: string | null, query: string, variables: Record<string, unknown>): Promise<unknown> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body: unknown = await response.json();
  const errors = field(body, 'errors');
  if (response.status !== 200 || (Array.isArray(errors) && errors.length)) {
    throw new Error(`HTTP ${response.status}: ${JSON.stringify(errors ?? body)}`);
  }
  return field(body, 'data');
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
