import {
  execute,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  subscribe,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Services } from '../../services';
import type { RequestContext } from '../context/context';
import { ErrorCode } from '../errors/error-code';
import { AppError } from '../errors/errors';
import type { Logger } from '../logging/logger';
import { bearerFrom, buildContext } from './context-factory';
import { assertWithinComplexity, limitValidationRules, type OperationLimits } from './operation-limits';

interface WsOptions {
  /** How often open sockets re-check their credentials (expired tokens, revoked keys, removed members). */
  reauthIntervalMs: number;
  schema: GraphQLSchema;
  wsServer: WebSocketServer;
  services: Services;
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

/**
 * graphql-ws on the same HTTP server and path. Credentials travel in connection_init
 * (`{ authorization: "Bearer <token or key>" }`); refused ones close the socket with 4403.
 * Each operation gets its own context (fresh DataLoaders), the same limits and the same error shaping as HTTP.
 * Open sockets re-authenticate periodically: a credential that expired or was revoked closes the socket
 * (4401), and a changed role or access scope applies to the subscriptions already running.
 */
export function useGraphqlWs(options: WsOptions) {
  const { schema, services, logger, limits, formatError, introspection } = options;
  const validationRules = [
    ...specifiedRules,
    ...limitValidationRules(limits),
    ...(introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => formatError(error.toJSON(), error));

  const sessions = new Map<WebSocket, { credential: string; auth: AuthHolder }>();
  const reauthenticate = async (): Promise<void> => {
    for (const [socket, session] of sessions) {
      const authentication = await services.auth.authenticate(session.credential).catch(() => null);
      if (!authentication?.principal) {
        sessions.delete(socket);
        socket.close(4401, 'Unauthorized');
      } else {
        session.auth.principal = authentication.principal; // shared with the running operations
      }
    }
  };
  const timer = setInterval(() => {
    reauthenticate().catch((error: unknown) => logger.warn({ err: error }, 'WebSocket re-authentication failed'));
  }, options.reauthIntervalMs);
  timer.unref();

  // ws re-emits the HTTP server's errors here; graphql-ws listens only `once`, so a second one would be uncaught.
  options.wsServer.on('error', (error) => logger.error({ err: error }, 'WebSocket server error'));
  const server = useServer<Record<string, unknown>, { auth?: AuthHolder }>(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credential = bearerFrom(params.authorization ?? params.Authorization);
        const context = await buildContext(services, logger, credential);
        if (context.auth.error || !context.auth.principal || !credential) return false;
        ctx.extra.auth = context.auth;
        const socket = ctx.extra.socket;
        sessions.set(socket, { credential, auth: context.auth });
        socket.once('close', () => sessions.delete(socket));
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        let document: DocumentNode;
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
        try {
          assertWithinComplexity(schema, document, payload.operationName, payload.variables, limits);
        } catch (error) {
          return [error as GraphQLError];
        }
        const contextValue = await buildContext(services, logger, null);
        // Reads fall through to the socket's holder (kept current by re-authentication); an operation that sets
        // its own principal (logIn over the socket) shadows it without changing the socket's identity.
        if (ctx.extra.auth) contextValue.auth = Object.create(ctx.extra.auth) as AuthHolder;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
      },
      execute,
      subscribe,
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: format(result.errors) as unknown as GraphQLError[] } : result,
      onError: (_ctx, _id, _payload, errors) => format(errors) as unknown as GraphQLError[],
    },
    options.wsServer,
  );
  return {
    async dispose(): Promise<void> {
      clearInterval(timer);
      sessions.clear();
      await server.dispose();
    },
  };
}
