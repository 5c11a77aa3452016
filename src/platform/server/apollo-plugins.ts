import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context/context';
import type { Logger } from '../logging/logger';
import { AppError, refusalBeforeExecution } from '../errors/errors';
import { assertWithinComplexity, type OperationLimits } from './operation-limits';

/**
 * Refuses over-complex operations after validation, before execution, with HTTP 400 (depth, aliases, directives and
 * tokens are refused by parsing and validation already, see app.ts).
 */
export function operationLimitsPlugin(limits: Pick<OperationLimits, 'maxComplexity'>): ApolloServerPlugin<RequestContext> {
  let schema: GraphQLSchema | undefined;
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          schema = apiSchema;
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (!schema) return;
          try {
            assertWithinComplexity(schema, document, request.operationName, request.variables, limits);
          } catch (error) {
            throw error instanceof AppError ? refusalBeforeExecution(error) : error;
          }
        },
      };
    },
  };
}

/** One structured log line per GraphQL request, with its request id, operation, duration and error codes. */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      const startedAt = process.hrtime.bigint();
      return {
        async willSendResponse({ errors, response }) {
          const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? errors ?? []).map((error) => error.extensions?.code);
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: request.operationName,
              principal: contextValue.auth.principal?.kind,
              workspaceId: contextValue.auth.principal?.workspaceId,
              durationMs: Math.round(durationMs * 10) / 10,
              errorCodes: codes.length ? codes : undefined,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/**
 * `Cache-Control: no-store` on every GraphQL response, what Apollo's cache-control plugin answers for a schema
 * without cache hints, without its per-field hook (a resolver wrapper and a policy object for every field of
 * every row).
 */
export function noStorePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

/** Disposes another server (graphql-ws) when Apollo drains, so shutdown closes sockets too. */
export function disposeOnDrainPlugin(dispose: () => Promise<void>): ApolloServerPlugin<BaseContext> {
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await dispose();
        },
      };
    },
  };
}
