import type { DataSource } from 'typeorm';
import { RateLimitedError } from '../errors/errors';

/** A limit: `capacity` requests at once, refilled at `refillPerSecond` (e.g. 10 then 10/60 per second: 10 a minute). */
export interface BucketLimit {
  capacity: number;
  refillPerSecond: number;
}

export type TakeResult = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Token buckets shared by every server instance, kept in PostgreSQL (table `rate_limit_buckets`) and timed on the
 * database's clock, so that instances with skewed clocks agree. One statement takes a token atomically: the
 * `INSERT … ON CONFLICT DO UPDATE … WHERE <a token is left>` refills the bucket for the time elapsed, takes one and
 * returns what is left; no row back means it was empty (concurrent takers serialize on the row). Used by web forms
 * (per sender and per form); webhooks and the API can reuse it with keys of their own.
 */
export class TokenBuckets {
  constructor(private readonly db: DataSource) {}

  async take(key: string, limit: BucketLimit): Promise<TakeResult> {
    const refilled = 'LEAST($2::float8, b.tokens + EXTRACT(EPOCH FROM (clock_timestamp() - b.updated_at))::float8 * $3::float8)';
    const taken = await this.db.query<{ tokens: number }[]>(
      `INSERT INTO rate_limit_buckets AS b (key, tokens, updated_at) VALUES ($1, $2::float8 - 1, clock_timestamp())
       ON CONFLICT (key) DO UPDATE SET tokens = ${refilled} - 1, updated_at = clock_timestamp()
       WHERE ${refilled} >= 1
       RETURNING tokens`,
      [key, limit.capacity, limit.refillPerSecond],
    );
    if (taken.length) return { allowed: true, remaining: Math.floor(taken[0].tokens) };
    // Empty: how long until one token is back (read on the same clock).
    const rows = await this.db.query<{ wait: number }[]>(
      `SELECT GREATEST(1, CEIL((1 - ${refilled}) / $3::float8))::int AS wait FROM rate_limit_buckets b WHERE b.key = $1`,
      [key, limit.capacity, limit.refillPerSecond],
    );
    return { allowed: false, retryAfterSeconds: rows.length ? Number(rows[0].wait) : 1 };
  }

  /** Takes one token from each bucket in order, stopping at the first empty one (RATE_LIMITED with retryAfterSeconds). */
  async takeOrThrow(buckets: readonly { key: string; limit: BucketLimit }[], message?: string): Promise<void> {
    for (const bucket of buckets) {
      const result = await this.take(bucket.key, bucket.limit);
      if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds, message);
    }
  }

  /** Deletes buckets idle long enough to be full again (they would start full anyway); returns how many. */
  async prune(idleSeconds = 86_400): Promise<number> {
    const result = await this.db.query<[unknown[], number]>(
      "DELETE FROM rate_limit_buckets WHERE updated_at < clock_timestamp() - make_interval(secs => $1)",
      [idleSeconds],
    );
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }
}
