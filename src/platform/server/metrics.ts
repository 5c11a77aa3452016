import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { SeriesHistogram, ValueMetric } from './series-metrics';

/** What the pg Pool (TypeORM's `driver.master`) reports about its connections. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

export interface MetricsSources {
  /** The database pool's counts, when the driver exposes them. */
  pool(): PoolStats | undefined;
  eventBusListening(): boolean;
  webSocketConnections(): number;
  /** Live subscriptions the shared fan-out holds (platform/subscriptions liveHoldings). */
  liveSubscriptions(): number;
  /** SQL statements sent since start (never decreases). */
  sqlStatements(): number;
}

/** Reads the pg Pool counts from TypeORM's postgres driver, without trusting its `any` typing. */
export function poolStatsOf(driver: unknown): PoolStats | undefined {
  const pool = (driver as { master?: Partial<Record<keyof PoolStats, unknown>> } | undefined)?.master;
  if (!pool || typeof pool.totalCount !== 'number' || typeof pool.idleCount !== 'number' || typeof pool.waitingCount !== 'number') {
    return undefined;
  }
  return { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount };
}

/** Operation names come from clients: past this many distinct ones, new names are counted as "other". */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Routes other than /graphql, with their parameters folded, so labels stay few. */
function routeOf(path: string): string {
  if (path === '/graphql' || path === '/healthz' || path === '/readyz' || path === '/metrics' || path === '/documents') return path;
  if (/^\/documents\/[^/]+\/content$/.test(path)) return '/documents/:id/content';
  if (path.startsWith('/explorer/')) return '/explorer/*';
  return 'other';
}

/**
 * Prometheus metrics of one app instance, in a registry of its own (not prom-client's global one), so several
 * apps in one process (tests) do not collide. Served by `GET /metrics` in the text exposition format.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  // The per-request metrics: series found by their label values (series-metrics.ts), not prom-client's label hashing.
  private readonly graphqlRequests = new ValueMetric(
    'counter',
    'vinculo_graphql_requests_total',
    'GraphQL operations answered, by operation name, operation type and result code (OK or the first error code)',
    ['operation', 'type', 'code'],
    this.registry,
  );

  private readonly graphqlDuration = new SeriesHistogram(
    'vinculo_graphql_request_duration_seconds',
    'Time from receiving a GraphQL operation to sending its answer',
    ['operation', 'type'],
    LATENCY_BUCKETS_SECONDS,
    this.registry,
  );

  private readonly httpRequests = new ValueMetric(
    'counter',
    'vinculo_http_requests_total',
    'HTTP requests answered, by method, route and status',
    ['method', 'route', 'status'],
    this.registry,
  );

  private readonly httpDuration = new SeriesHistogram(
    'vinculo_http_request_duration_seconds',
    'Time from receiving an HTTP request to finishing its answer',
    ['method', 'route'],
    LATENCY_BUCKETS_SECONDS,
    this.registry,
  );

  private readonly httpInFlight = new ValueMetric(
    'gauge',
    'vinculo_http_requests_in_flight',
    'HTTP requests received and not answered yet, by route',
    ['route'],
    this.registry,
  );

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'vinculo_' });
    const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const stats = sources.pool();
          if (stats) this.set(read(stats));
        },
      });
    poolGauge('vinculo_db_pool_connections', 'Connections open in the database pool', (stats) => stats.totalCount);
    poolGauge('vinculo_db_pool_idle_connections', 'Open pool connections not in use', (stats) => stats.idleCount);
    poolGauge('vinculo_db_pool_waiting_requests', 'Queries waiting for a pool connection', (stats) => stats.waitingCount);
    new Gauge({
      name: 'vinculo_event_bus_listening',
      help: '1 while the event bus LISTENs on its dedicated PostgreSQL connection, 0 while it reconnects',
      registers: [this.registry],
      collect() {
        this.set(sources.eventBusListening() ? 1 : 0);
      },
    });
    new Counter({
      name: 'vinculo_sql_statements_total',
      help: 'SQL statements sent to PostgreSQL by this instance (transaction control included)',
      registers: [this.registry],
      // Read from the SQL logger's own count at scrape time: nothing is added to the per-statement path.
      collect() {
        this.reset();
        this.inc(sources.sqlStatements());
      },
    });
    new Gauge({
      name: 'vinculo_websocket_connections',
      help: 'Open GraphQL WebSocket connections',
      registers: [this.registry],
      collect() {
        this.set(sources.webSocketConnections());
      },
    });
    new Gauge({
      name: 'vinculo_live_subscriptions',
      help: 'Running GraphQL subscriptions on the shared fan-out; falls back as sockets close or clients complete them',
      registers: [this.registry],
      collect() {
        this.set(sources.liveSubscriptions());
      },
    });
  }

  /** Express middleware: counts and times every HTTP request (GraphQL included) when its answer ends. */
  readonly httpMiddleware: RequestHandler = (req, res, next) => {
    const route = routeOf(req.path);
    const startedAt = process.hrtime.bigint();
    const inFlight = this.httpInFlight.of(route);
    inFlight.value += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight.value -= 1;
      const { method } = req; // Node accepts only the methods it knows: a bounded label
      this.httpDuration.observe(this.httpDuration.of(method, route), Number(process.hrtime.bigint() - startedAt) / 1e9);
      this.httpRequests.of(method, route, res.writableFinished ? String(res.statusCode) : 'aborted').value += 1;
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };

  /** Apollo plugin: counts GraphQL operations by name, type and result code, and times them. */
  apolloPlugin(): ApolloServerPlugin<BaseContext> {
    return {
      requestDidStart: async () => {
        const startedAt = process.hrtime.bigint();
        return {
          willSendResponse: async ({ operationName, operation, errors, response }) => {
            const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
            const code = (body?.errors ?? errors ?? [])[0]?.extensions?.code;
            const name = this.operationLabel(operationName);
            const type = operation?.operation ?? 'unknown';
            this.graphqlRequests.of(name, type, typeof code === 'string' ? code : 'OK').value += 1;
            this.graphqlDuration.observe(this.graphqlDuration.of(name, type), Number(process.hrtime.bigint() - startedAt) / 1e9);
          },
        };
      },
    };
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }
}
