import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import { createServices, type Services } from './services';
import { entities } from './entities';
import { contextSourcesOf } from './loaders';
import { resolvers } from './resolvers';
import { tasks as appTasks } from './tasks';
import { AccessTokens } from './platform/auth/access-tokens';
import type { Config } from './platform/config/config';
import type { RequestContext } from './platform/context/context';
import { useGraphqlWs } from './platform/server/websocket';
import { openDatabase, type Database } from './platform/db/database';
import { sqlLoggerOf } from './platform/db/data-source';
import type { SqlLogger } from './platform/db/sql-logger';
import { createErrorFormatter } from './platform/errors/format-error';
import { buildAppSchema } from './platform/graphql/schema';
import { stringifyResponse } from './platform/graphql/prebuilt-json';
import { compiledExecutionGateway } from './platform/graphql/compiled-execution';
import type { Logger } from './platform/logging/logger';
import { disposeOnDrainPlugin, noStorePlugin, operationLimitsPlugin, requestLogPlugin } from './platform/server/apollo-plugins';
import { bearerFrom, buildContext } from './platform/server/context-factory';
import { graphqlHttpHandler } from './platform/server/graphql-http';
import { jsonBody } from './platform/server/json-body';
import { explorerRouter } from './platform/server/explorer';
import { limitValidationRules, type OperationLimits } from './platform/server/operation-limits';
import { documentsRouter } from './documents/documents.http';
import { inboundRouter } from './inbound/inbound.http';
import { webFormsRouter } from './leads/forms/web-forms.http';
import { leadImportsRouter } from './leads/import/lead-import.http';
import { httpErrorHandler } from './platform/server/http-errors';
import { requestId } from './platform/server/request-id';
import { loadOrCreateSecret } from './platform/db/server-secrets';
import { seedDemoWorkspace, type DemoCredentials } from './demo/seed-demo';
import { checkLeanReads } from './platform/data/lean-rows';
import { EventBus } from './platform/events/event-bus';
import { JobRunner } from './platform/jobs/job-runner';
import type { AnyTask } from './platform/jobs/task';
import { Metrics, poolStatsOf } from './platform/server/metrics';
import { liveHoldings } from './platform/subscriptions/fan-out';
import { asUnavailableContextError, unavailableStatusPlugin } from './platform/server/unavailable';

export const GRAPHQL_PATH = '/graphql';

export interface App {
  url: string;
  port: number;
  db: DataSource;
  services: Services;
  schema: GraphQLSchema;
  /** Counts SQL statements (tests assert N+1-freedom with it). */
  sql: SqlLogger;
  demo: DemoCredentials | null;
  /** This instance's job runner (null with JOBS_ENABLED=false). */
  jobs: JobRunner | null;
  stop(): Promise<void>;
}

export interface AppOptions {
  /** The background tasks this process runs (default: src/tasks.ts; tests add their own). */
  tasks?: readonly AnyTask[];
}

/** Composition root: database, services, GraphQL over HTTP and WebSocket on one server, background jobs. */
export async function startApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  checkLeanReads(config.NODE_ENV === 'test');
  const database: Database = await openDatabase(config, logger, entities);
  const events = new EventBus(database.url, logger);
  try {
    await events.start();
    return await startOnDatabase(config, logger, database, events, options);
  } catch (error) {
    await events.stop();
    await database.close();
    throw error;
  }
}

async function servicesOn(config: Config, logger: Logger, database: Database, events: EventBus): Promise<Services> {
  const db = database.dataSource;
  const secret = config.JWT_SECRET ?? (await loadOrCreateSecret(db, 'access_token_signing_key'));
  const tokens = new AccessTokens(secret, config.ACCESS_TOKEN_TTL_SECONDS);
  return createServices({ db, config, tokens, logger, events });
}

const jobRunnerOf = (config: Config, logger: Logger, database: Database, services: Services, options: AppOptions): JobRunner =>
  new JobRunner({
    url: database.url,
    logger,
    tasks: options.tasks ?? appTasks,
    services,
    concurrency: config.JOBS_CONCURRENCY,
    pollIntervalMs: config.JOBS_POLL_INTERVAL_MS,
    shutdownGraceMs: config.JOBS_SHUTDOWN_GRACE_MS,
  });

export interface WorkerApp {
  db: DataSource;
  services: Services;
  jobs: JobRunner;
  stop(): Promise<void>;
}

/**
 * `npm run worker`: the database, the services and a job runner, no HTTP. Its event bus only publishes (jobs'
 * changes reach the subscribers of every server instance); it listens to nothing.
 */
export async function startWorker(config: Config, logger: Logger, options: AppOptions = {}): Promise<WorkerApp> {
  const database = await openDatabase(config, logger, entities);
  const events = new EventBus(database.url, logger);
  let jobs: JobRunner | null = null;
  try {
    const services = await servicesOn(config, logger, database, events);
    jobs = jobRunnerOf(config, logger, database, services, options);
    await jobs.start();
    logger.info({ concurrency: config.JOBS_CONCURRENCY }, 'vinculo worker is running jobs');
    const runner = jobs;
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        await runner.stop();
        await database.close();
        logger.info('vinculo worker stopped');
      })();
      return stopping;
    };
    return { db: database.dataSource, services, jobs: runner, stop };
  } catch (error) {
    await jobs?.stop();
    await database.close();
    throw error;
  }
}

async function startOnDatabase(config: Config, logger: Logger, database: Database, events: EventBus, options: AppOptions): Promise<App> {
  const db = database.dataSource;
  const services = await servicesOn(config, logger, database, events);
  const demo = config.SEED_DEMO ? await seedDemoWorkspace(services, db, logger) : null;
  const schema = await buildAppSchema(resolvers, { checkPlainFields: config.NODE_ENV === 'test' });
  const contexts = contextSourcesOf(services);
  const limits: OperationLimits = {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxComplexity: config.MAX_QUERY_COMPLEXITY,
    maxAliases: config.MAX_QUERY_ALIASES,
    maxDirectives: config.MAX_QUERY_DIRECTIVES,
    maxTokens: config.MAX_QUERY_TOKENS,
  };
  const formatError = createErrorFormatter(logger);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  const httpServer: Server = createServer(app);

  const sqlLogger = sqlLoggerOf(db);
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: config.MAX_BODY_BYTES });
  const metrics = config.METRICS
    ? new Metrics({
        pool: () => poolStatsOf(db.driver),
        eventBusListening: () => events.isListening,
        webSocketConnections: () => wsServer.clients.size,
        liveSubscriptions: () => liveHoldings(events).subscribers,
        sqlStatements: () => sqlLogger.statementCount,
      })
    : null;
  if (metrics) app.use(metrics.httpMiddleware);
  const wsCleanup = useGraphqlWs({
    schema,
    wsServer,
    contexts,
    logger,
    limits,
    introspection: config.INTROSPECTION,
    formatError,
    reauthIntervalMs: config.WS_REAUTH_INTERVAL_MS,
  });

  const apollo = new ApolloServer<RequestContext>({
    ...(config.COMPILED_EXECUTION ? { gateway: compiledExecutionGateway(schema, { compileAfterRuns: config.NODE_ENV === 'test' ? 1 : 2 }) } : { schema }),
    introspection: config.INTROSPECTION,
    hideSchemaDetailsFromClientErrors: !config.INTROSPECTION, // no "Did you mean …" field suggestions
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: limitValidationRules(limits),
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo's default pretty-prints (two-space indent), a third more bytes and CPU on a page.
    stringifyResult: stringifyResponse, // compact, prebuilt JSON lists spliced in (platform/graphql/prebuilt-json.ts)
    stopOnTerminationSignals: false, // main.ts owns shutdown (database and embedded PostgreSQL too)
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      disposeOnDrainPlugin(async () => wsCleanup.dispose()),
      ApolloServerPluginLandingPageDisabled(),
      // The default cache-control plugin wraps every field resolver (willResolveField) to gather cache hints this
      // schema never declares; noStorePlugin keeps the header it would send.
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      operationLimitsPlugin(limits),
      requestLogPlugin(logger),
      unavailableStatusPlugin(),
      ...(metrics ? [metrics.apolloPlugin()] : []),
    ],
  });
  await apollo.start();

  // /graphql first (after the explorer, which answers a browser's GET /graphql): every GraphQL request would
  // otherwise walk the other routes' matchers (the routers below each test their paths) before reaching it.
  if (config.EXPLORER) app.use(explorerRouter(GRAPHQL_PATH));
  app.use(
    GRAPHQL_PATH,
    requestId,
    jsonBody(config.MAX_BODY_BYTES),
    graphqlHttpHandler(apollo, async ({ req, res }) =>
      buildContext(contexts, logger, bearerFrom(req.headers.authorization), res.locals.requestId as string).catch((error: unknown) => {
        throw asUnavailableContextError(error);
      }),
    ),
  );
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const jobs = config.JOBS_ENABLED ? jobRunnerOf(config, logger, database, services, options) : null;
  app.get('/readyz', async (_req, res) => {
    const dbReadiness = await database.readiness();
    // The bus retries with back-off; a probe that finds the database back asks it to reconnect now.
    const listening = dbReadiness.database === 'up' ? await events.ensureListening() : events.isListening;
    // A queue whose LISTEN connection is reconnecting still runs jobs (by polling): only a failed runner is unready.
    const queue = jobs?.state ?? 'disabled';
    const ready = dbReadiness.ready && listening && ['running', 'polling', 'disabled'].includes(queue);
    res.status(ready ? 200 : 503).json({ ...dbReadiness, events: listening ? 'listening' : 'down', jobs: queue, ready });
  });
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.send(await metrics.registry.metrics());
    });
  }
  app.use(documentsRouter(contexts, logger));
  app.use(inboundRouter(contexts, logger, { maxEmailBytes: config.INBOUND_EMAIL_MAX_BYTES, maxJsonBytes: config.MAX_BODY_BYTES }));
  app.use(
    webFormsRouter(logger, {
      forms: services.webForms,
      posts: services.webFormPosts,
      trustedProxyHops: config.TRUST_PROXY,
      maxBodyBytes: config.MAX_BODY_BYTES,
    }),
  );
  app.use(leadImportsRouter(contexts, logger));
  app.use(httpErrorHandler(logger, config.MAX_BODY_BYTES));

  await jobs?.start();
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.PORT, config.HOST, () => resolve());
    });
  } catch (error) {
    await jobs?.stop();
    throw error;
  }
  // Past listening, a server error (e.g. EMFILE on accept) is logged: without a listener it would end the process.
  httpServer.on('error', (error) => logger.error({ err: error }, 'HTTP server error'));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${port}`;
  logger.info({ url: `${url}${GRAPHQL_PATH}` }, 'vinculo is listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      logger.debug('draining HTTP and WebSocket connections; letting running jobs finish');
      // Stops accepting, drains HTTP, disposes graphql-ws; meanwhile the job runner takes no new jobs and waits for
      // the running ones (JOBS_SHUTDOWN_GRACE_MS, then they are failed back to the queue). Both need the database.
      await Promise.all([apollo.stop(), jobs?.stop()]);
      wsServer.close();
      logger.debug('closing the database');
      await events.stop();
      await database.close();
      logger.info('vinculo stopped');
    })();
    return stopping;
  };

  return { url, port, db, services, schema, sql: sqlLogger, demo, jobs, stop };
}
