import {
  createSourceEventStream,
  execute,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { RequestContext } from '../context/context';
import { principalsNamedBy, principalsTopic } from '../auth/principals.topic';
import { ErrorCode } from '../errors/error-code';
import { executeShared } from '../subscriptions/fan-out';
import { AppError } from '../errors/errors';
import type { Logger } from '../logging/logger';
import { bearerFrom, buildContext, type ContextSources } from './context-factory';
import { assertWithinComplexity, limitValidationRules, type OperationLimits } from './operation-limits';

interface WsOptions {
  /** How often open sockets re-check their credentials (expired tokens, revoked keys, removed members). */
  reauthIntervalMs: number;
  schema: GraphQLSchema;
  wsServer: WebSocketServer;
  contexts: ContextSources;
  logger: Logger;
  limits: OperationLimits;
  /** As for HTTP: without it, introspection is refused and validation messages carry no field suggestions. */
  introspection: boolean;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

const requestError = (error: GraphQLError, code: ErrorCode, message = error.message): GraphQLError =>
  new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });

/** The same edit as Apollo's hideSchemaDetailsFromClientErrors: "Did you mean …?" would reveal the schema. */
const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean(.+?)\?$/, '');

type AuthHolder = RequestContext['auth'];

/** Each operation's identity for shared execution: its text, operation name and variables (set at onSubscribe). */
const operationKeys = new WeakMap<DocumentNode, string>();

/** Where an operation's pushes go, by its context (set at onSubscribe): the socket and the subscription id. */
interface PushTarget {
  socket: WebSocket;
  /** `{"id":<id>,"type":"next","payload":` — the message up to its payload, built once per subscription. */
  prefix: string;
  /** The payload graphql-ws would send for a result (errors shaped as over HTTP), as JSON text. */
  serialise: (result: ExecutionResult) => string;
}
const pushTargets = new WeakMap<object, PushTarget>();
/** Distinct operation texts whose parsed document the socket layer keeps (see validDocuments). */
const CACHED_DOCUMENTS = 200;
/** Longer operation texts are parsed for each operation, never kept: the cache stays within a few MiB. */
const CACHED_DOCUMENT_MAX_CHARS = 4000;
/** Bytes a socket may have waiting to be written before its pushes wait for the writes (backpressure). */
const PUSH_HIGH_WATER_BYTES = 1024 * 1024;

/**
 * graphql's `subscribe`, except that each pushed object is executed and serialised through executeShared: an
 * object the fan-out pushed to a whole group of one viewer (fan-out.ts) is executed and turned into JSON once per
 * distinct operation, and each socket of the group is sent that one text behind its own subscription id. The
 * `next` messages are written here, straight to the socket (graphql-ws would stringify the whole message once
 * per socket and chain several promises per push); the iterator graphql-ws consumes only ends (complete, errors
 * thrown by execution), so closing, `complete` and error messages stay graphql-ws's.
 */
async function sharedSubscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const events = source[Symbol.asyncIterator]();
  const operationKey = `${operationKeys.get(args.document) ?? ''}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
  const target = typeof args.contextValue === 'object' && args.contextValue !== null ? pushTargets.get(args.contextValue) : undefined;
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => mapped,
    async next() {
      if (!target) {
        const next = await events.next();
        if (next.done) return { value: undefined, done: true };
        const value = await executeShared(next.value, `${operationKey}\u0000result`, () => execute({ ...args, rootValue: next.value }));
        return { value, done: false };
      }
      for (;;) {
        const next = await events.next();
        if (next.done) return { value: undefined, done: true };
        const payload = await executeShared(next.value, operationKey, async () => target.serialise(await execute({ ...args, rootValue: next.value })));
        // As graphql-ws's own `send`: nothing to a socket that is closing. Not awaited while the socket keeps up
        // (ws keeps the order; a socket that fails closes, and its subscriptions end through graphql-ws). A slow
        // reader gets backpressure again: past the high-water mark, wait until this message is written, so its
        // pushes wait in its bounded queue (fan-out.ts), not in an unbounded socket buffer.
        const { socket } = target;
        if (socket.readyState !== socket.OPEN) continue;
        const message = `${target.prefix}${payload}}`;
        if (socket.bufferedAmount < PUSH_HIGH_WATER_BYTES) socket.send(message);
        else await new Promise<void>((resolve) => socket.send(message, () => resolve()));
      }
    },
    async return() {
      await events.return?.();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
  };
  return mapped;
}

interface Session {
  credential: string;
  /** Shared with the socket's running operations: re-authentication updates what they see. */
  auth: AuthHolder;
  /** The tail of this socket's re-checks, so an older check never overwrites a newer one. */
  checking: Promise<void>;
}


/**
 * graphql-ws on the same HTTP server and path. Credentials travel in connection_init
 * (`{ authorization: "Bearer <token or key>" }`); refused ones close the socket with 4403.
 * Each operation gets its own context (fresh DataLoaders), the same limits and the same error shaping as HTTP.
 *
 * Open sockets re-authenticate when their principal's rights change, and every WS_REAUTH_INTERVAL_MS for what
 * only time changes (expired tokens and keys): a credential no longer valid closes the socket (4401), a changed
 * role or access scope applies to the subscriptions already running. Changes come from the event bus
 * (`principals` events, published in the change's transaction), which handles notifications in commit order and
 * waits for these re-checks before publishing later events: so delivery-time authorization of an event committed
 * after a removal always sees the removal. (Reading the membership fresh for every event would also be correct,
 * but costs a query per event and subscriber; this costs one per change and affected socket.)
 */
export function useGraphqlWs(options: WsOptions) {
  const { schema, contexts, logger, limits, formatError, introspection } = options;
  const { services } = contexts;
  const validationRules = [
    ...specifiedRules,
    ...limitValidationRules(limits),
    ...(introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => formatError(error.toJSON(), error));
  /** The payload of a `next` message: errors shaped as over HTTP (without errors, the result as it is). */
  const shapeResult = (result: ExecutionResult): ExecutionResult =>
    result.errors ? { ...result, errors: format(result.errors) as unknown as GraphQLError[] } : result;

  /**
   * Parsed and validated documents by their text, shared by every operation sent with that text: 10,000 sockets
   * of one subscription hold one AST (its tokens and locations were ~10 KB per subscription), not one each, and
   * are parsed and validated once. Documents are never changed once parsed; variables and the complexity check
   * stay per operation. Bounded (least recently used dropped), and long texts are not kept.
   */
  const validDocuments = new Map<string, DocumentNode>();
  const sessions = new Map<WebSocket, Session>();
  /** Counts handled principals changes, so a socket that authenticated across one checks again. */
  let changesSeen = 0;
  const recheck = (socket: WebSocket, session: Session): Promise<void> => {
    session.checking = session.checking.then(async () => {
      if (sessions.get(socket) !== session) return;
      // Fresh, past the principal cache: a re-check is there to see what changed.
      const authentication = await services.auth.authenticate(session.credential, { fresh: true }).catch(() => null);
      if (!authentication?.principal) {
        sessions.delete(socket);
        session.auth.principal = null; // in-flight deliveries see nobody, so they push nothing
        socket.close(4401, 'Unauthorized');
      } else {
        session.auth.principal = authentication.principal;
      }
    });
    return session.checking;
  };
  const recheckAll = async (): Promise<void> => {
    for (const [socket, session] of sessions) await recheck(socket, session);
  };
  const timer = setInterval(() => {
    recheckAll().catch((error: unknown) => logger.warn({ err: error }, 'WebSocket re-authentication failed'));
  }, options.reauthIntervalMs);
  timer.unref();
  const stopListening = services.events?.listen(principalsTopic, async (change) => {
    changesSeen += 1;
    const named = change.resync ? () => true : principalsNamedBy(change.event);
    const affected = [...sessions].filter(([, session]) => named(session.auth.principal));
    await Promise.all(affected.map(([socket, session]) => recheck(socket, session)));
  });

  // ws re-emits the HTTP server's errors here; graphql-ws listens only `once`, so a second one would be uncaught.
  options.wsServer.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));
  const server = useServer<Record<string, unknown>, { auth?: AuthHolder }>(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credential = bearerFrom(params.authorization ?? params.Authorization);
        const changesBefore = changesSeen;
        const context = await buildContext(contexts, logger, credential);
        if (context.auth.error || !context.auth.principal || !credential) return false;
        ctx.extra.auth = context.auth;
        const socket = ctx.extra.socket;
        const session: Session = { credential, auth: context.auth, checking: Promise.resolve() };
        sessions.set(socket, session);
        socket.once('close', () => sessions.delete(socket));
        // A change handled while this socket authenticated may have missed it: check once more.
        if (changesSeen !== changesBefore) {
          await recheck(socket, session);
          if (!session.auth.principal) return false;
        }
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        let document = validDocuments.get(payload.query);
        if (document) {
          // Most recently used last: the oldest is the one dropped when the cache is full.
          validDocuments.delete(payload.query);
          validDocuments.set(payload.query, document);
        } else {
          try {
            document = parse(payload.query, { maxTokens: limits.maxTokens });
          } catch (error) {
            return [requestError(error as GraphQLError, ErrorCode.GRAPHQL_PARSE_FAILED)];
          }
          const validationErrors = validate(schema, document, validationRules);
          if (validationErrors.length) {
            return validationErrors.map((error) =>
              error instanceof AppError // a limit (QUERY_TOO_COMPLEX)
                ? error
                : requestError(error, ErrorCode.GRAPHQL_VALIDATION_FAILED, introspection ? error.message : withoutSuggestions(error.message)),
            );
          }
          if (payload.query.length <= CACHED_DOCUMENT_MAX_CHARS) {
            validDocuments.set(payload.query, document);
            if (validDocuments.size > CACHED_DOCUMENTS) validDocuments.delete(validDocuments.keys().next().value as string);
          }
        }
        try {
          assertWithinComplexity(schema, document, payload.operationName, payload.variables, limits);
        } catch (error) {
          return [error as GraphQLError];
        }
        operationKeys.set(document, payload.query);
        const contextValue = await buildContext(contexts, logger, null);
        // Reads fall through to the socket's holder (kept current by re-authentication); an operation that sets
        // its own principal (logIn over the socket) shadows it without changing the socket's identity.
        if (ctx.extra.auth) contextValue.auth = Object.create(ctx.extra.auth) as AuthHolder;
        pushTargets.set(contextValue, {
          socket: ctx.extra.socket,
          prefix: `{"id":${JSON.stringify(id)},"type":"next","payload":`,
          serialise: (result) => JSON.stringify(shapeResult(result)),
        });
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      execute,
      subscribe: sharedSubscribe,
      // Queries and mutations over the socket; subscriptions' pushes are sent by sharedSubscribe, shaped the same.
      onNext: (_ctx, _id, _payload, _args, result) => shapeResult(result),
      onError: (_ctx, _id, _payload, errors) => format(errors) as unknown as GraphQLError[],
    },
    options.wsServer,
  );
  return {
    async dispose(): Promise<void> {
      clearInterval(timer);
      stopListening?.();
      sessions.clear();
      await server.dispose();
    },
  };
}
