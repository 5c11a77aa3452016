import { Repeater, SlidingBuffer } from '@repeaterjs/repeater';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Logger } from '../logging/logger';
import type { Topic } from './topic';

export const EVENTS_CHANNEL = 'vinculo_events';

/** What a topic's listeners get: an event, or `resync` after the listening connection was lost (events may be missed). */
export type TopicDelivery<TEvent> = { resync: false; event: TEvent } | { resync: true };
export type TopicListener<TEvent> = (delivery: TopicDelivery<TEvent>) => Promise<void>;

/** One NOTIFY payload: the topic's name and one part of an event. */
interface Envelope {
  topic: string;
  payload: unknown;
}

/** pg_notify payloads must stay under 8,000 bytes (PostgreSQL's default NOTIFY limit). */
const MAX_NOTIFY_BYTES = 7999;
const ENVELOPE_BYTES = Buffer.byteLength(JSON.stringify({ topic: '', payload: null })) - 'null'.length;

function payloadsOf<TEvent>(topic: Topic<TEvent>, event: TEvent): string[] {
  const budget = MAX_NOTIFY_BYTES - ENVELOPE_BYTES - Buffer.byteLength(JSON.stringify(topic.name));
  const parts = topic.chunk ? topic.chunk(event, budget) : [event];
  return parts.map((part) => {
    const payload = JSON.stringify({ topic: topic.name, payload: part } satisfies Envelope);
    // Loud rather than lost: PostgreSQL would refuse it anyway, in the same transaction.
    if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) throw new Error(`a "${topic.name}" event is over the NOTIFY size limit`);
    return payload;
  });
}

const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' && value !== null && typeof (value as Envelope).topic === 'string' && 'payload' in value;

/** Notifications a subscriber may fall behind by before it loses the oldest. */
const SUBSCRIBER_BUFFER = 1000;
const RECONNECT_DELAYS_MS = [100, 500, 1000, 2000, 5000];
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The cross-instance event bus is PostgreSQL itself. A command publishes with pg_notify inside its own
 * transaction, so PostgreSQL delivers the notification only if it commits (a rolled-back mutation publishes
 * nothing). Every instance LISTENs on one dedicated connection, which reconnects when lost, and feeds its
 * local pub/sub, from which subscriptions read. Events travel on typed topics (topic.ts) that domains declare;
 * the bus knows none of them.
 *
 * Notifications are handled one at a time, in the order PostgreSQL delivers them (commit order, on the one
 * connection): a notification's listeners (`listen`) are awaited before it, and any later event, reaches
 * subscribers. So a principals change is fully handled (the sockets' re-authentication awaited) before any later
 * event is published, and an event committed after a member's removal is never pushed with the removed member's
 * old rights, on any instance, whatever WS_REAUTH_INTERVAL_MS says.
 */
export class EventBus {
  /** This instance's subscribers, by topic name. */
  private readonly subscribers = new Map<string, Set<(event: unknown) => void>>();
  private client: Client | null = null;
  private stopped = false;
  private attempt = 0;
  private listening = false;
  /** Listening connections made so far (see `connections`). */
  private connectionsMade = 0;
  /** Whether a connection was up before: a reconnection may have missed notifications. */
  private connectedBefore = false;
  /** The tail of the in-order processing of notifications. */
  private processing: Promise<void> = Promise.resolve();
  private readonly listeners = new Map<string, Set<TopicListener<never>>>();
  private connecting: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  get isListening(): boolean {
    return this.listening;
  }

  /**
   * How many listening connections the bus has made so far. While it stays the same (and the bus listens), no
   * notification can have been missed; when it changes, some committed in between may have been (the `resync`
   * delivery follows). Caches that the bus keeps fresh (the principal cache) tag what they store with it.
   */
  get connections(): number {
    return this.connectionsMade;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  /**
   * Called for every event of the topic, and with `resync` after a reconnection, in bus order; later events wait
   * until it settles, so it should be quick (e.g. re-authenticate the affected connections, nothing more).
   * Returns the unsubscribe function.
   */
  listen<TEvent>(topic: Topic<TEvent>, listener: TopicListener<TEvent>): () => void {
    const listeners = this.listeners.get(topic.name) ?? new Set<TopicListener<never>>();
    this.listeners.set(topic.name, listeners);
    listeners.add(listener as TopicListener<never>);
    return () => listeners.delete(listener as TopicListener<never>);
  }

  /** Listeners and subscribers of every topic on this instance (the tests check that closed sockets leave none). */
  get listenerCount(): number {
    let count = 0;
    for (const listeners of this.listeners.values()) count += listeners.size;
    for (const subscribers of this.subscribers.values()) count += subscribers.size;
    return count;
  }

  /** This instance's events of the topic (optionally only those `accept` takes), from now on. */
  subscribe<TEvent>(topic: Topic<TEvent>, accept?: (event: TEvent) => boolean): AsyncIterable<TEvent> {
    // Each subscriber has a buffer of its own (a shared one would hand one subscriber's events to another), and
    // a slow one loses its oldest notifications rather than holding the others up.
    return new Repeater<TEvent>(async (push, stop) => {
      const subscribers = this.subscribers.get(topic.name) ?? new Set<(event: unknown) => void>();
      this.subscribers.set(topic.name, subscribers);
      const subscriber = (event: unknown) => {
        if (!accept || accept(event as TEvent)) push(event as TEvent).catch(() => undefined);
      };
      subscribers.add(subscriber);
      await stop;
      subscribers.delete(subscriber);
    }, new SlidingBuffer(SUBSCRIBER_BUFFER));
  }

  /** Resolves once every notification received so far has been handled. */
  settled(): Promise<void> {
    return this.processing;
  }

  /** Publishes in the caller's transaction: one statement whatever the number of notifications. */
  async publish<TEvent>(manager: EntityManager, topic: Topic<TEvent>, event: TEvent): Promise<void> {
    const payloads = payloadsOf(topic, event);
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
    this.connectionsMade += 1;
    this.attempt = 0;
    if (this.connectedBefore) this.enqueue(null);
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
    let envelope: unknown;
    try {
      envelope = JSON.parse(payload);
    } catch (error) {
      this.logger.warn({ err: error }, 'ignored a malformed event');
      return;
    }
    if (isEnvelope(envelope)) this.enqueue(envelope);
    else this.logger.warn('ignored a malformed event');
  }

  /** `null`: a resync, for every listener. */
  private enqueue(envelope: Envelope | null): void {
    this.processing = this.processing.then(() => this.handle(envelope));
  }

  private async handle(envelope: Envelope | null): Promise<void> {
    const listeners = envelope
      ? [...(this.listeners.get(envelope.topic) ?? [])]
      : [...this.listeners.values()].flatMap((set) => [...set]);
    const delivery = envelope ? { resync: false as const, event: envelope.payload as never } : { resync: true as const };
    const results = await Promise.allSettled(listeners.map((listener) => listener(delivery)));
    for (const result of results) {
      if (result.status === 'rejected') this.logger.warn({ err: result.reason, topic: envelope?.topic }, 'an event listener failed');
    }
    if (envelope) for (const subscriber of this.subscribers.get(envelope.topic) ?? []) subscriber(envelope.payload);
  }
}
