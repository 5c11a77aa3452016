import { ApolloServer } from '@apollo/server';
import { GraphQLInputObjectType, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, type GraphQLInputFieldConfigMap } from 'graphql';
import { compiledExecutionGateway, resolvePromisedFields } from '../../src/platform/graphql/compiled-execution';

// Compiled execution (src/platform/graphql/compiled-execution.ts) behind a real Apollo Server, over a small schema:
// which requests a plan answers, and that what it answers is graphql-js's answer. The whole suite runs with plans
// (tests compile every query at first sight), so every API behaviour is also specified through them.
interface Item {
  name: string;
  total: Promise<number>;
}

function schemaOf(options: { declarePromise: boolean; fail?: () => boolean }): GraphQLSchema {
  const item = new GraphQLObjectType<Item>({
    name: 'Item',
    fields: {
      name: { type: new GraphQLNonNull(GraphQLString) },
      total: { type: GraphQLInt, extensions: options.declarePromise ? { promised: true } : {} },
      shouted: {
        type: GraphQLString,
        resolve: (source) => {
          if (options.fail?.()) throw new Error('cannot shout');
          return Promise.resolve(source.name.toUpperCase());
        },
      },
    },
  });
  const query = new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLList(item),
        resolve: (): Item[] => [
          { name: 'uno', total: Promise.resolve(1) },
          { name: 'dos', total: Promise.resolve(2) },
        ],
      },
    },
  });
  return new GraphQLSchema({ query });
}

async function serverOf(schema: GraphQLSchema, compileAfterRuns: number) {
  const gateway = compiledExecutionGateway(schema, { compileAfterRuns });
  const server = new ApolloServer({ gateway });
  await server.start();
  const run = async (query: string) => {
    const response = await server.executeOperation({ query });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  return { gateway, server, run };
}

const ITEMS = '{ items { name total shouted } }';
const EXPECTED = { items: [{ name: 'uno', total: 1, shouted: 'UNO' }, { name: 'dos', total: 2, shouted: 'DOS' }] };

describe('compiled execution', () => {
  it('a document runs with graphql-js until its second run, then as a compiled plan, with the same answer', async () => {
    const { gateway, server, run } = await serverOf(resolvePromisedFields(schemaOf({ declarePromise: true }), false), 2);
    try {
      expect((await run(ITEMS)).data).toEqual(EXPECTED);
      expect(gateway.stats).toEqual({ compiled: 0, planned: 0, rerun: 0 });
      expect((await run(ITEMS)).data).toEqual(EXPECTED);
      expect((await run(ITEMS)).data).toEqual(EXPECTED);
      expect(gateway.stats).toEqual({ compiled: 1, planned: 2, rerun: 0 });
    } finally {
      await server.stop();
    }
  });

  it("an answer with errors is graphql-js's: the plan's run is discarded and the query runs again", async () => {
    let failing = false;
    const { gateway, server, run } = await serverOf(resolvePromisedFields(schemaOf({ declarePromise: true, fail: () => failing }), false), 1);
    try {
      failing = true;
      const result = await run(ITEMS);
      expect(result.errors?.map((error) => ({ message: error.message, path: error.path }))).toEqual([
        { message: 'cannot shout', path: ['items', 0, 'shouted'] },
        { message: 'cannot shout', path: ['items', 1, 'shouted'] },
      ]);
      expect(result.data).toEqual({ items: [{ name: 'uno', total: 1, shouted: null }, { name: 'dos', total: 2, shouted: null }] });
      expect(gateway.stats).toMatchObject({ compiled: 1, planned: 0, rerun: 1 });
    } finally {
      await server.stop();
    }
  });

  it('mutations are never compiled', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
      mutation: new GraphQLObjectType({ name: 'Mutation', fields: { touch: { type: GraphQLString, resolve: () => 'touched' } } }),
    });
    const { gateway, server, run } = await serverOf(schema, 1);
    try {
      expect((await run('mutation { touch }')).data).toEqual({ touch: 'touched' });
      expect(gateway.stats.compiled).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('an operation with a variable of a recursive input type (a filter with and / or) stays with graphql-js', async () => {
    // graphql-jit unfolds such a type to compile the variable's coercion: about 6 s for AccountFilter, blocking.
    const filter: GraphQLInputObjectType = new GraphQLInputObjectType({
      name: 'Filter',
      fields: (): GraphQLInputFieldConfigMap => ({ name: { type: GraphQLString }, and: { type: new GraphQLList(new GraphQLNonNull(filter)) } }),
    });
    const search = new GraphQLInputObjectType({ name: 'Search', fields: { filter: { type: filter } } });
    const order = new GraphQLInputObjectType({ name: 'Order', fields: { field: { type: GraphQLString } } });
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          count: {
            type: GraphQLInt,
            args: { filter: { type: filter }, search: { type: search }, order: { type: order } },
            resolve: (_source, args: Record<string, unknown>) => Object.keys(args).length,
          },
        },
      }),
    });
    const { gateway, server } = await serverOf(schema, 1);
    const run = async (query: string, variables: Record<string, unknown>) => {
      const response = await server.executeOperation({ query, variables });
      return response.body.kind === 'single' ? response.body.singleResult.data : undefined;
    };
    try {
      expect(await run('query($f: Filter) { count(filter: $f) }', { f: { and: [{ name: 'a' }] } })).toEqual({ count: 1 });
      expect(await run('query($s: Search) { count(search: $s) }', { s: { filter: { name: 'a' } } })).toEqual({ count: 1 });
      expect(gateway.stats.compiled).toBe(0);
      expect(await run('query($o: Order) { count(order: $o) }', { o: { field: 'name' } })).toEqual({ count: 1 });
      expect(await run('query { count(filter: { and: [{ name: "a" }] }) }', {})).toEqual({ count: 1 });
      expect(gateway.stats.compiled).toBe(2);
    } finally {
      await server.stop();
    }
  });

  it('under tests, a plain field holding a promise that was not declared with @PromisedField() fails loudly', async () => {
    const { server, run } = await serverOf(resolvePromisedFields(schemaOf({ declarePromise: false }), true), 1);
    try {
      const result = await run(ITEMS);
      expect(result.errors?.[0]?.message).toBe('Item.total holds a promise: declare it with @PromisedField()');
    } finally {
      await server.stop();
    }
  });

  it('under tests, a plain field whose source holds a method under its name fails loudly (graphql-js would call it)', async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          item: {
            type: new GraphQLObjectType({ name: 'Thing', fields: { label: { type: GraphQLString } } }),
            resolve: () => ({ label: () => 'computed' }),
          },
        },
      }),
    });
    const { server, run } = await serverOf(resolvePromisedFields(schema, true), 1);
    try {
      expect((await run('{ item { label } }')).errors?.[0]?.message).toBe('Thing.label is a method: make it a field resolver');
    } finally {
      await server.stop();
    }
  });
});
