import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context/context';
import type { Logger } from '../logging/logger';
import { assertWithinLimits, type OperationLimits } from './operation-limits';

/** Refuses over-deep or over-complex operations after parsing, before execution. */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<RequestContext> {
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
          assertWithinLimits(schema, document, request.operationName, request.variables, limits);
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
