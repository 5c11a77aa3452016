import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One token bucket of TokenBuckets (not a workspace record: keys name what they limit, e.g. `form-ip:<form>:<ip>`). */
@Entity('rate_limit_buckets')
export class RateLimitBucket {
  @PrimaryColumn({ type: 'text' })
  key: string;

  /** Tokens left at `updatedAt` (fractional: refills are continuous). */
  @Column({ type: 'float8' })
  tokens: number;

  /** The database clock's time of the last take. */
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
