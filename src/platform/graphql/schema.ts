import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema, type NonEmptyArray, type PubSub } from 'type-graphql';
import { authChecker } from '../auth/guard';
import { applyObjectFieldGuards, takeObjectFieldGuards } from '../auth/field-guards';
import { shareEmptyArgumentValues } from './argument-values';
import { resolvePromisedFields } from './compiled-execution';
import { callFieldResolversDirectly } from './direct-field-resolvers';
import { markPlainFieldsSimple } from './simple-fields';
import { refuseUnstorableArguments } from './storable-arguments';

/**
 * Subscriptions supply their own `subscribe` (reading the EventBus of the request's services), so the pub/sub
 * type-graphql insists on is never used for delivery.
 */
export async function buildAppSchema(
  resolvers: NonEmptyArray<Function>, // the app's (src/resolvers.ts): platform knows no domain
  options: { pubSub?: PubSub; checkPlainFields?: boolean } = {},
): Promise<GraphQLSchema> {
  shareEmptyArgumentValues();
  takeObjectFieldGuards(); // first: their fields can then be simple ones (see field-guards.ts)
  markPlainFieldsSimple();
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: false,
    pubSub: options.pubSub ?? createPubSub(),
  });
  describeRootTypes(schema);
  // Direct calls first: the guard and argument wrappers then wrap them. Promised fields' resolvers last: they read
  // plain properties (`checkPlainFields`, under tests: every plain field checks what compiled plans need).
  return resolvePromisedFields(refuseUnstorableArguments(applyObjectFieldGuards(callFieldResolversDirectly(schema))), options.checkPlainFields ?? false);
}

/** The root types' descriptions (type-graphql sets none): what every field of each has in common. */
function describeRootTypes(schema: GraphQLSchema): void {
  const descriptions = {
    Query:
      'Reads. Each field says who may call it (a member\'s role, an API key\'s scope) and the errors it returns ' +
      '(extensions.code, extensions.reason); a record outside the caller\'s reach is NOT_FOUND, never FORBIDDEN.',
    Mutation:
      'Commands. Each takes one `input`, runs in one transaction (a refused command writes nothing; bulk upserts answer ' +
      'per row) and says who may call it and the errors it returns (extensions.code, extensions.reason; BAD_USER_INPUT ' +
      'lists extensions.fields).',
    Subscription:
      'Live events over graphql-ws on the same /graphql path (credentials in connection_init), pushed once their change ' +
      'commits, on every instance; each event is authorized again at delivery.',
  };
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (type && type.name in descriptions) type.description ??= descriptions[type.name as keyof typeof descriptions];
  }
}

/** The SDL committed as schema.graphql (sorted, so it only changes when the API does). */
export const printAppSchema = (schema: GraphQLSchema): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
