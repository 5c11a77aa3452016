import { hash, randomBytes } from 'node:crypto';
import type { EventBus } from '../events/event-bus';
import type { Principal } from './principal';
import { principalsNamedBy, principalsTopic, type PrincipalsChangedEvent } from './principals.topic';

/** What the cache needs of the event bus: the `principals` topic, and whether notifications may have been missed. */
export type PrincipalCacheBus = Pick<EventBus, 'listen' | 'isListening' | 'connections'>;

export interface PrincipalCacheOptions {
  /** How long a successful authentication is reused (AUTH_CACHE_TTL_SECONDS); 0 turns the cache off. */
  ttlSeconds: number;
  /** Most credentials kept; past it the oldest stored goes first. */
  maxEntries?: number;
  /** Without a bus (scripts) nothing tells this instance about changes made elsewhere: the cache stays off. */
  events?: PrincipalCacheBus;
  /** The clock, in milliseconds (tests). */
  now?: () => number;
}

/** A lookup under way: what the cache knew when it began, so that a change seen meanwhile keeps its answer out. */
export interface PrincipalLookup {
  readonly key: string;
  readonly generation: number;
  readonly connection: number;
}

interface Entry {
  principal: Principal;
  /** Epoch milliseconds after which the entry is not served. */
  until: number;
  /** The bus connection it was looked up under. */
  connection: number;
}

export const DEFAULT_PRINCIPAL_CACHE_ENTRIES = 10_000;

/**
 * Per-instance memory of successful authentications (API keys and access tokens), so that a busy credential does
 * not cost a SQL statement (and a row's hydration) on every request. Correctness comes first:
 *
 * - keyed by a SHA-256 of the bearer credential under a random secret of this process's own (prefixed), never the
 *   credential itself; the keys never leave the process, so a keyed one-shot hash serves (an HMAC object costs
 *   several times more, on every request);
 * - an entry lives at most `ttlSeconds`, and never past the credential's own expiry (`validUntil`);
 * - `forget` drops the principals of a change (a key revoked, a member removed, a role or access scope changed):
 *   the service that made it calls it right after its transaction commits, and every instance calls it when the
 *   event bus delivers the change (`principalsTopic`), so a change applies at once here and within the bus's delay
 *   elsewhere; a `resync` delivery (the bus reconnected and may have missed changes) forgets everything;
 * - nothing is served or stored while the bus is not listening, nor across a reconnection (entries carry the
 *   bus's connection count), since a change announced meanwhile may never arrive;
 * - a lookup that began before a change was seen is not stored (`begin` notes the generation; any `forget` or
 *   `clear` moves it on), so a row read just before a revocation cannot outlive it here.
 *
 * Only successes are kept: a refused credential is looked up every time, as before.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  /** Hex, so that its UTF-8 bytes are itself: the key's bytes are this secret followed by the credential's. */
  private readonly keySecret = randomBytes(32).toString('hex');
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly events?: PrincipalCacheBus;
  private readonly now: () => number;
  /** Moves on at every change seen (forget, clear). */
  private generation = 0;

  constructor(options: PrincipalCacheOptions) {
    this.ttlMs = Math.max(0, options.ttlSeconds) * 1000;
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_PRINCIPAL_CACHE_ENTRIES);
    this.now = options.now ?? Date.now;
    if (this.ttlMs > 0 && options.events) {
      this.events = options.events;
      this.events.listen(principalsTopic, async (delivery) => {
        if (delivery.resync) this.clear();
        else this.forget(delivery.event);
      });
    }
  }

  get enabled(): boolean {
    return this.events !== undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Starts looking up a credential; null when the cache is off. */
  begin(credential: string): PrincipalLookup | null {
    if (!this.events) return null;
    return {
      key: hash('sha256', this.keySecret + credential, 'base64url'),
      generation: this.generation,
      connection: this.events.connections,
    };
  }

  /** The principal stored for the credential, while it may be served. */
  cached(lookup: PrincipalLookup): Principal | null {
    const entry = this.entries.get(lookup.key);
    if (!entry) return null;
    if (!this.trusted(entry.connection) || entry.until <= this.now()) {
      this.entries.delete(lookup.key);
      return null;
    }
    return entry.principal;
  }

  /**
   * Keeps a successful authentication, unless a change was seen since `begin` (or the bus reconnected or stopped
   * listening). `validUntil`: the credential's own expiry, if it has one.
   */
  store(lookup: PrincipalLookup, principal: Principal, validUntil: Date | null): void {
    if (lookup.generation !== this.generation || !this.trusted(lookup.connection)) return;
    const now = this.now();
    const until = Math.min(now + this.ttlMs, validUntil?.getTime() ?? Number.POSITIVE_INFINITY);
    if (until <= now) return;
    this.entries.delete(lookup.key); // re-inserted last: the map's order is the order of storing
    this.entries.set(lookup.key, { principal: Object.freeze(principal), until, connection: lookup.connection });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Drops every credential of the change's members and API keys. */
  forget(change: PrincipalsChangedEvent): void {
    this.generation += 1;
    const named = principalsNamedBy(change);
    for (const [key, { principal }] of this.entries) if (named(principal)) this.entries.delete(key);
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Whether what was looked up under this bus connection may be used now. */
  private trusted(connection: number): boolean {
    return Boolean(this.events?.isListening) && this.events?.connections === connection;
  }
}
