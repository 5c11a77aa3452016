import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type NonEmptyArray, type PubSub } from 'type-graphql';
import { authChecker } from '../auth/guard';
import { markPlainFieldsSimple } from './simple-fields';
import { refuseUnstorableArguments } from './storable-arguments';

/**
 * Subscriptions supply their own `subscribe` (reading the EventBus of the request's services), so the pub/sub
 * type-graphql insists on is never used for delivery.
 */
export async function buildAppSchema(
  resolvers: NonEmptyArray<Function>, // the app's (src/resolvers.ts): platform knows no domain
  pubSub: PubSub = createPubSub(),
): Promise<GraphQLSchema> {
  markPlainFieldsSimple();
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    pubSub,
  });
  return refuseUnstorableArguments(schema);
}

/** The SDL committed as schema.graphql (sorted, so it only changes when the API does). */
export const printAppSchema = (schema: GraphQLSchema): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
