import { z } from 'zod';

/**
 * Every setting the server reads from its environment, validated once at boot.
 * A wrong or missing value stops the server with a message naming the variable.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const positiveInt = z.coerce.number().int().positive();

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    EMBEDDED_PG_DATA_DIR: z.string().min(1).default('.data/postgres'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    DB_POOL_SIZE: positiveInt.default(10),
    RUN_MIGRATIONS: booleanFromEnv.default(true),
    SEED_DEMO: booleanFromEnv.optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
    REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(60 * 60 * 24 * 30),
    /** How long an instance reuses a successful authentication (principal-cache.ts); 0 turns the cache off. */
    AUTH_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    SIGNUP_ENABLED: booleanFromEnv.default(true),
    LOGIN_MAX_FAILURES: positiveInt.default(5),
    LOGIN_LOCK_SECONDS: positiveInt.default(300),
    MAX_BODY_BYTES: positiveInt.default(1_000_000),
    MAX_QUERY_DEPTH: positiveInt.default(12),
    MAX_QUERY_COMPLEXITY: positiveInt.default(20_000),
    MAX_QUERY_ALIASES: positiveInt.default(30),
    MAX_QUERY_DIRECTIVES: positiveInt.default(50),
    MAX_QUERY_TOKENS: positiveInt.default(2_000),
    MAX_UPLOAD_BYTES: positiveInt.default(10 * 1024 * 1024),
    /** The largest raw message POST /inbound/email takes (attachments are base64 inside it: about 4/3 of their size). */
    INBOUND_EMAIL_MAX_BYTES: positiveInt.default(15 * 1024 * 1024),
    /** The largest lead import file (POST /imports); larger is PAYLOAD_TOO_LARGE. */
    IMPORT_MAX_BYTES: positiveInt.default(512 * 1024 * 1024),
    /** Rows an import writes per transaction (its checkpoint). */
    IMPORT_BATCH_ROWS: positiveInt.default(1000),
    INTROSPECTION: booleanFromEnv.optional(),
    EXPLORER: booleanFromEnv.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
    WS_REAUTH_INTERVAL_MS: positiveInt.default(60_000),
    METRICS: booleanFromEnv.default(true),
    /** Whether queries a server has seen before run as compiled plans (platform/graphql/compiled-execution.ts); false: graphql-js only. */
    COMPILED_EXECUTION: booleanFromEnv.default(true),
    /** How far V8 lets the old generation grow past its live size before the next full collection, in percent (platform/server/heap-growth.ts); 0: V8's own choice. */
    HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(1000).default(50),
    /** Whether this instance runs background jobs (false: an API-only instance; it still enqueues). */
    JOBS_ENABLED: booleanFromEnv.default(true),
    JOBS_CONCURRENCY: positiveInt.default(2),
    JOBS_POLL_INTERVAL_MS: positiveInt.default(2000),
    /** On shutdown, how long running jobs may take to finish before they are aborted and failed back to the queue. */
    JOBS_SHUTDOWN_GRACE_MS: positiveInt.default(5000),
    /**
     * How many proxies (load balancers) stand in front of the server and append to X-Forwarded-For: the client of
     * rate limits is the address that many hops back. 0 (default): the socket's peer, X-Forwarded-For ignored (a
     * client could write anything there). `true` means 1.
     */
    TRUST_PROXY: z
      .union([z.enum(['true', 'false']).transform((value) => (value === 'true' ? 1 : 0)), z.coerce.number().int().min(0).max(10)])
      .default(0),
    /** Web form posts a sender (IP) may make per form per minute (a burst of this many, refilled evenly). */
    FORM_POSTS_PER_IP_PER_MINUTE: positiveInt.default(10),
    /** Web form posts a form takes per minute from all senders together. */
    FORM_POSTS_PER_FORM_PER_MINUTE: positiveInt.default(300),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    // The jobs' grace period (plus the second their abort takes) must fit in the process's shutdown budget.
    if (env.JOBS_SHUTDOWN_GRACE_MS + 2000 > env.SHUTDOWN_TIMEOUT_MS) {
      ctx.addIssue({ code: 'custom', path: ['JOBS_SHUTDOWN_GRACE_MS'], message: 'must be at least 2000 less than SHUTDOWN_TIMEOUT_MS' });
    }
  });

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends Omit<RawConfig, 'INTROSPECTION' | 'EXPLORER' | 'SEED_DEMO'> {
  INTROSPECTION: boolean;
  EXPLORER: boolean;
  /** Seeds a demo workspace on first start; defaults to on with the embedded database. */
  SEED_DEMO: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (only the variables above are read). Throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const emptyAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(emptyAsUnset);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  return {
    ...raw,
    INTROSPECTION: raw.INTROSPECTION ?? !isProduction,
    EXPLORER: raw.EXPLORER ?? !isProduction,
    SEED_DEMO: raw.SEED_DEMO ?? raw.DATABASE_URL === undefined,
  };
}
