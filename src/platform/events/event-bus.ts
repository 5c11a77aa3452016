import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { SlidingBuffer } from '@repeaterjs/repeater';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../logging/logger';

export const EVENTS_CHANNEL = 'vinculo_events';

/** New timeline entries (ids only: receivers load what they push, through the viewer's authorization). */
export interface TimelineEvent {
  type: 'timeline';
  workspaceId: string;
  entries: { id: string; recordId: string; accountId: string | null }[];
}

/**
 * Credentials whose rights changed (a member removed, their role or access scope changed; an API key revoked),
 * published in the transaction of the change. Open connections of these principals re-authenticate at once.
 */
export interface PrincipalsChangedEvent {
  type: 'principals';
  workspaceId: string;
  membershipIds: string[];
  apiKeyIds: string[];
}

/** What identity listeners get: a change, or `resync` after the listening connection was lost (changes may be missed). */
export type PrincipalsChange = PrincipalsChangedEvent | { type: 'resync' };
export type PrincipalsListener = (change: PrincipalsChange) => Promise<void>;

export type BusEvent = TimelineEvent | PrincipalsChangedEvent;

type Topics = { timeline: [TimelineEvent] };

/** pg_notify payloads must stay under 8,000 bytes: events are cut into chunks of this many entries (or ids). */
const ENTRIES_PER_NOTIFICATION = 40;
const IDS_PER_NOTIFICATION = 100;

const chunked = <T>(items: T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

function payloadsOf(event: BusEvent): string[] {
  if (event.type === 'timeline') {
    return chunked(event.entries, ENTRIES_PER_NOTIFICATION).map((entries) => JSON.stringify({ ...event, entries }));
  }
  const ids = [
    ...event.membershipIds.map((id) => ({ kind: 'membership' as const, id })),
    ...event.apiKeyIds.map((id) => ({ kind: 'apiKey' as const, id })),
  ];
  return chunked(ids, IDS_PER_NOTIFICATION).map((chunk) =>
    JSON.stringify({
      ...event,
      membershipIds: chunk.filter((item) => item.kind === 'membership').map((item) => item.id),
      apiKeyIds: chunk.filter((item) => item.kind === 'apiKey').map((item) => item.id),
    }),
  );
}
const RECONNECT_DELAYS_MS = [100, 500, 1000, 2000, 5000];
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The cross-instance event bus is PostgreSQL itself. A command publishes with pg_notify inside its own
 * transaction, so PostgreSQL delivers the notification only if it commits (a rolled-back mutation publishes
 * nothing). Every instance LISTENs on one dedicated connection, which reconnects when lost, and feeds its
 * local pub/sub, from which subscriptions read.
 *
 * Notifications are handled one at a time, in the order PostgreSQL delivers them (commit order, on the one
 * connection): a principals change is fully handled (its listeners' re-authentication awaited) before any later
 * event is published. So an event committed after a member's removal is never pushed with the removed member's
 * old rights, on any instance, whatever WS_REAUTH_INTERVAL_MS says.
 */
export class EventBus {
  readonly pubSub: PubSub<Topics> = createPubSub<Topics>({ repeaterBuffer: new SlidingBuffer(1000) });
  private client: Client | null = null;
  private stopped = false;
  private attempt = 0;
  private listening = false;
  /** Whether a connection was up before: a reconnection may have missed notifications. */
  private connectedBefore = false;
  /** The tail of the in-order processing of notifications. */
  private processing: Promise<void> = Promise.resolve();
  private readonly principalsListeners = new Set<PrincipalsListener>();
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  get isListening(): boolean {
    return this.listening;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  /**
   * Called for every principals change, in bus order; later events wait until it settles, so it should be quick
   * (re-authenticate the affected connections, nothing more). Returns the unsubscribe function.
   */
  onPrincipalsChanged(listener: PrincipalsListener): () => void {
    this.principalsListeners.add(listener);
    return () => this.principalsListeners.delete(listener);
  }

  /** Resolves once every notification received so far has been handled. */
  settled(): Promise<void> {
    return this.processing;
  }

  /** Publishes in the caller's transaction: one statement whatever the number of notifications. */
  async publish(manager: EntityManager, event: BusEvent): Promise<void> {
    const payloads = payloadsOf(event);
    if (!payloads.length) return;
    await manager.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [EVENTS_CHANNEL, payloads]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /**
   * Listening now, or after one immediate attempt: /readyz calls it so that readiness returns as soon as the
   * database does, instead of after the rest of the back-off delay.
   */
  async ensureListening(): Promise<boolean> {
    if (this.listening || this.stopped) return this.listening;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    await this.attemptConnect();
    return this.listening;
  }

  /** One connection attempt at a time; a failure schedules the next one with back-off. */
  private attemptConnect(): Promise<void> {
    this.connecting ??= this.connect()
      .catch((error: unknown) => {
        this.logger.warn({ err: error, attempt: this.attempt }, 'event bus reconnect failed; retrying');
        this.scheduleRetry();
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'vinculo-events', connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    client.on('notification', (message) => this.deliver(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'event bus connection failed; reconnecting');
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.listening = true;
    this.attempt = 0;
    if (this.connectedBefore) this.enqueue({ type: 'resync' });
    this.connectedBefore = true;
  }

  private reconnect(lost: Client): void {
    if (this.stopped || this.client !== lost) return;
    this.client = null;
    this.listening = false;
    lost.end().catch(() => undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.attemptConnect();
    }, delay);
    this.retryTimer.unref();
  }

  private deliver(payload: string | undefined): void {
    if (!payload) return;
    let event: BusEvent;
    try {
      event = JSON.parse(payload) as BusEvent;
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored a malformed event');
      return;
    }
    this.enqueue(event);
  }

  private enqueue(event: BusEvent | { type: 'resync' }): void {
    this.processing = this.processing.then(() => this.handle(event));
  }

  private async handle(event: BusEvent | { type: 'resync' }): Promise<void> {
    if (event.type === 'timeline') {
      this.pubSub.publish('timeline', event);
      return;
    }
    if (event.type !== 'principals' && event.type !== 'resync') return; // a kind this version does not know
    const results = await Promise.allSettled([...this.principalsListeners].map((listener) => listener(event)));
    for (const result of results) {
      if (result.status === 'rejected') this.logger.warn({ err: result.reason }, 'a principals-change listener failed');
    }
  }
}
