import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  defaultFieldResolver,
  execute,
  getNamedType,
  isInputObjectType,
  isObjectType,
  typeFromAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { Extensions } from 'type-graphql';

/**
 * Queries run as JavaScript compiled for their document (graphql-jit), through Apollo's gateway interface: Apollo
 * still parses, validates (our limits and rules), runs the plugins and formats errors; only execution changes.
 * Measured by `npm run bench:graphql` / `bench:profile`: graphql-js allocates a resolve-info object, a path and a
 * promise check per field of every row (a page of 50 accounts with contacts is about 1,500 fields), a compiled
 * plan reads plain fields inline. (Its generated JSON stringifier is not used: it refuses custom scalars.)
 * graphql-jit is patched (patches/graphql-jit+0.8.9.patch, applied by patch-package at install): upstream plans
 * build every leaf's error locations and path, three closures per resolver call and a rest array per list item
 * before knowing whether anything failed, about a quarter of what an account page allocated; patched plans build
 * them only on an error (test/platform/compiled-plan-patch.test.ts specifies the same answers).
 *
 * What stays graphql-js's, so behaviour is exactly the one the tests specify:
 * - mutations and subscriptions (subscriptions run on graphql-ws anyway);
 * - a document seen for the first time (compiling costs more than one execution: one-off documents never pay it);
 * - an operation with a variable of a recursive input type (a filter with and / or / not): graphql-jit compiles
 *   its coercion by unfolding the type, about 6 s for `AccountFilter`, synchronously;
 * - any answer with errors: the query runs again with graphql-js, whose errors (messages, paths, null bubbling)
 *   are the API's. Queries have no effects, and the request's loaders already hold what the first run read.
 *
 * A plan reads a field without a resolver as a plain property; a promise there would be read as an object.
 * Fields whose value is a promise are declared with `@PromisedField()` and get a resolver; under tests every other
 * plain field checks that it holds no promise and no method (which graphql-js would call), so a missing
 * declaration fails loudly. (Under tests plans therefore call those checks instead of reading the properties
 * inline; for plain values and getters both read the same.)
 */

type Gateway = NonNullable<ApolloServerOptionsWithGateway<BaseContext>['gateway']>;
type Executor = Awaited<ReturnType<Gateway['load']>>['executor'];

/** How many times a document runs with graphql-js before it is compiled (tests compile at once, to run plans). */
export interface CompiledExecutionOptions {
  compileAfterRuns: number;
}

/** What ran how, since start (read by tests). */
export interface CompiledExecutionStats {
  /** Documents compiled (once each). */
  compiled: number;
  /** Queries answered by a plan. */
  planned: number;
  /** Queries a plan answered with errors, answered again by graphql-js. */
  rerun: number;
}

export function compiledExecutionGateway(schema: GraphQLSchema, options: CompiledExecutionOptions): Gateway & { stats: CompiledExecutionStats } {
  const stats: CompiledExecutionStats = { compiled: 0, planned: 0, rerun: 0 };
  // Per document (Apollo's document store hands the same parsed document for the same query text), per operation.
  const plans = new WeakMap<DocumentNode, Map<string, CompiledQuery | number | null>>();

  function planFor(document: DocumentNode, operation: OperationDefinitionNode, operationName: string | null): CompiledQuery | null {
    let byOperation = plans.get(document);
    if (!byOperation) plans.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    const known = byOperation.get(key);
    if (known !== undefined && typeof known !== 'number') return known; // a plan, or null: never compiled
    if (takesRecursiveInput(schema, operation)) {
      byOperation.set(key, null); // never compiled
      return null;
    }
    const runs = (known ?? 0) + 1;
    if (runs < options.compileAfterRuns) {
      byOperation.set(key, runs);
      return null;
    }
    const compiled = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
    const plan = isCompiledQuery(compiled) ? compiled : null; // not compilable: graphql-js, always
    if (plan) stats.compiled += 1;
    byOperation.set(key, plan);
    return plan;
  }

  const executor: Executor = async (request) => {
    const variables = request.request.variables ?? {};
    const byGraphqlJs = () =>
      execute({ schema, document: request.document, contextValue: request.context, variableValues: variables, operationName: request.operationName });
    if (request.operation.operation !== 'query') return byGraphqlJs();
    const plan = planFor(request.document, request.operation, request.operationName);
    if (!plan) return byGraphqlJs();
    const result = (await plan.query(undefined, request.context, variables)) as ExecutionResult;
    if (result.errors?.length) {
      stats.rerun += 1;
      return byGraphqlJs();
    }
    stats.planned += 1;
    return result;
  };

  return {
    stats,
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}

/** Whether a variable of the operation has an input type from which a cycle of input types is reachable. */
function takesRecursiveInput(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some((variable) => {
    const type = getNamedType(typeFromAST(schema, variable.type as never));
    return isInputObjectType(type) && isRecursive(type);
  });
}

const recursiveInputs = new WeakMap<GraphQLInputObjectType, boolean>();

/** Whether a cycle of input types can be reached from `type` (it, or one of its fields' types, contains itself). */
function isRecursive(type: GraphQLInputObjectType): boolean {
  let known = recursiveInputs.get(type);
  if (known === undefined) {
    const onPath = new Set<GraphQLInputObjectType>();
    const done = new Set<GraphQLInputObjectType>();
    const cycleFrom = (from: GraphQLInputObjectType): boolean => {
      if (onPath.has(from)) return true;
      if (done.has(from)) return false;
      onPath.add(from);
      const found = Object.values(from.getFields()).some((field) => {
        const next = getNamedType(field.type);
        return isInputObjectType(next) && cycleFrom(next);
      });
      onPath.delete(from);
      done.add(from);
      return found;
    };
    known = cycleFrom(type);
    recursiveInputs.set(type, known);
  }
  return known;
}

/** A field whose value is a promise (a lazy count, say): it gets a resolver, which compiled plans await. */
export const PromisedField = (): PropertyDecorator & MethodDecorator => Extensions({ promised: true }) as PropertyDecorator & MethodDecorator;

/** Resolvers that only read the field's property (the checks below): the field answers its source's value. */
const plainReaders = new WeakSet<GraphQLFieldResolver<unknown, unknown>>();

/** Whether a field with this resolver answers its source's property as it is (no resolver, or the test-time check). */
export const readsPlainProperty = (resolve: GraphQLFieldResolver<unknown, unknown> | undefined): boolean => resolve === undefined || plainReaders.has(resolve);

/**
 * Gives `@PromisedField()` fields their resolver. With `detect` (tests), every other plain field of an object type
 * gets one that throws on a promise or a method: what compiled plans need is then never missing silently.
 */
export function resolvePromisedFields(schema: GraphQLSchema, detect: boolean): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.resolve) continue;
      const name = field.name;
      if ((field.extensions as { promised?: boolean }).promised) {
        field.resolve = (source: Record<string, unknown>) => source[name];
      } else if (detect) {
        const detector: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
          // graphql-js calls a method found under a field's name; a plan would read the function itself.
          if (source !== null && typeof source === 'object' && typeof (source as Record<string, unknown>)[name] === 'function') {
            throw new Error(`${type.name}.${name} is a method: make it a field resolver`);
          }
          const value = defaultFieldResolver(source, args, context, info);
          if (value instanceof Promise) throw new Error(`${type.name}.${name} holds a promise: declare it with @PromisedField()`);
          return value;
        };
        plainReaders.add(detector);
        field.resolve = detector;
      }
    }
  }
  return schema;
}
