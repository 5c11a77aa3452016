import {
  execute,
  GraphQLError,
  parse,
  subscribe,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { WebSocketServer } from 'ws';
import type { Services } from '../../services';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../errors/error-code';
import type { Logger } from '../logging/logger';
import { bearerFrom, buildContext } from './context-factory';
import { assertWithinLimits, type OperationLimits } from './operation-limits';

interface WsOptions {
  schema: GraphQLSchema;
  wsServer: WebSocketServer;
  services: Services;
  logger: Logger;
  limits: OperationLimits;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

const requestError = (error: GraphQLError, code: ErrorCode): GraphQLError =>
  new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });

/**
 * graphql-ws on the same HTTP server and path. Credentials travel in connection_init
 * (`{ authorization: "Bearer <token or key>" }`); refused ones close the socket with 4403.
 * Each operation gets its own context (fresh DataLoaders), the same limits and the same error shaping as HTTP.
 */
export function useGraphqlWs(options: WsOptions) {
  const { schema, services, logger, limits, formatError } = options;
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((error) => formatError(error.toJSON(), error));

  return useServer<Record<string, unknown>, { principal?: Principal }>(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const credential = bearerFrom(params.authorization ?? params.Authorization);
        const context = await buildContext(services, logger, credential);
        if (context.auth.error || !context.auth.principal) return false;
        ctx.extra.principal = context.auth.principal;
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [requestError(error as GraphQLError, ErrorCode.GRAPHQL_PARSE_FAILED)];
        }
        const validationErrors = validate(schema, document);
        if (validationErrors.length) {
          return validationErrors.map((error) => requestError(error, ErrorCode.GRAPHQL_VALIDATION_FAILED));
        }
        try {
          assertWithinLimits(schema, document, payload.operationName, payload.variables, limits);
        } catch (error) {
          return [error as GraphQLError];
        }
        const contextValue = await buildContext(services, logger, null);
        contextValue.auth.principal = ctx.extra.principal ?? null;
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
}
