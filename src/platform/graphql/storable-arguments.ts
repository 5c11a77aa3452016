import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { BadUserInputError } from '../errors/errors';
import { unstorableTextProblem } from '../validation/storable-text';

type Resolver = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;

const refusingUnstorableText = (resolve: Resolver): Resolver => (root, args, context, info) => {
  for (const [name, value] of Object.entries(args)) {
    const problem = unstorableTextProblem(value, name);
    if (problem) throw new BadUserInputError([problem]);
  }
  return resolve(root, args, context, info);
};

/**
 * Refuses, before any resolver (or subscription) runs, an argument holding text PostgreSQL cannot store (NUL,
 * unpaired surrogate), as BAD_USER_INPUT at the argument's path (`input.rows[2].name`). One place for every
 * name, comment, filter, search, upsert row or setting, over HTTP and WebSocket alike.
 *
 * Why a schema wrapper and not a type-graphql global middleware: a global middleware wraps every field of every
 * row in an async dispatch; this wraps only the fields that take arguments, and is synchronous.
 */
export function refuseUnstorableArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      field.resolve = refusingUnstorableText((field.resolve ?? defaultFieldResolver) as Resolver);
      if (field.subscribe) field.subscribe = refusingUnstorableText(field.subscribe as Resolver);
    }
  }
  return schema;
}
