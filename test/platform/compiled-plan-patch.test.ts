import {
  execute,
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { PrebuiltJsonList, stringifyResponse } from '../../src/platform/graphql/prebuilt-json';

// graphql-jit as patched by patches/graphql-jit+0.8.9.patch (applied by `npm install`'s postinstall): its plans
// build a leaf's error locations and path only when they report an error, call a resolver without three closures
// unless it returns a promise, and loop over a list without the shared rest-argument helper. The patch changes
// allocation, never answers: without errors a plan answers graphql-js's data, and where graphql-js reports an error
// the plan reports it too (the gateway then answers with graphql-js: compiled-execution.ts), with the same message
// and path for the leaf checks and resolver calls the patch rewrote. (Where upstream graphql-jit differs from
// graphql-js on an answer with errors, a rejected list item's place or a message's quotes, it still differs.)

interface Row {
  id: string;
  name?: unknown;
  code?: unknown;
  tags?: unknown;
  children?: unknown;
}

const Code = new GraphQLScalarType({
  name: 'Code',
  serialize(value) {
    if (value === 'throw') throw new GraphQLError('not a code');
    if (value === 'undefined') return undefined;
    return String(value).toUpperCase();
  },
});

const Child: GraphQLObjectType = new GraphQLObjectType<Row>({
  name: 'Child',
  fields: () => ({
    id: { type: new GraphQLNonNull(GraphQLString) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    code: { type: Code },
    tags: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    loud: {
      type: GraphQLString,
      resolve: (row: Row) => {
        if (row.id === 'sync-throw') throw new Error('cannot be loud');
        if (row.id === 'async-throw') return Promise.reject(new Error('cannot be loud later'));
        if (row.id === 'later') return Promise.resolve(`${String(row.name)}!`);
        return `${String(row.name)}!`;
      },
    },
    width: { type: new GraphQLNonNull(GraphQLInt), resolve: (row: Row) => (row.id === 'no-width' ? null : String(row.name).length) },
  }),
});

const Parent = new GraphQLObjectType<Row>({
  name: 'Parent',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLString) },
    children: { type: new GraphQLList(Child), resolve: (row: Row) => row.children },
  },
});

function schemaServing(parents: unknown): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { parents: { type: new GraphQLList(Parent), resolve: () => parents } },
    }),
  });
}

const QUERY = '{ parents { id children { id name code tags loud width } } }';

const child = (id: string, extra: Partial<Row> = {}): Row => ({ id, name: `n-${id}`, code: 'ab', tags: ['x', 'y'], ...extra });

/** Data and errors (message and path) as graphql-js answers them, and as a compiled plan does. */
async function bothAnswers(parents: unknown) {
  const schema = schemaServing(parents);
  const document = parse(QUERY);
  const plan = compileQuery(schema, document, undefined, { disablingCapturingStackErrors: true });
  if (!isCompiledQuery(plan)) throw new Error('not compiled');
  const shape = (result: ExecutionResult) => ({
    data: result.data,
    errors: (result.errors ?? []).map((error) => ({ message: error.message, path: error.path })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  });
  const byGraphqlJs = shape(await execute({ schema, document }));
  const byPlan = shape((await plan.query(undefined, {}, {})) as ExecutionResult);
  return { byGraphqlJs, byPlan };
}

describe('compiled plans as patched', () => {
  it('the patch is applied: a plan calls neither the shared leaf checks nor the shared list helper', () => {
    const plan = compileQuery(schemaServing([]), parse(QUERY), undefined, { debug: true } as never) as unknown as Record<string, string>;
    const code = plan.__DO_NOT_USE_THIS_OR_YOU_WILL_BE_FIRED_compilation;
    expect(code).toMatch(/function String__currentItemidLeaf\d*\(__context, value, idx0, idx1\)/);
    expect(code).not.toMatch(/checkNonNullLeaf|checkNullableLeaf|safeMap\(|callResolver\(/);
  });

  it('rows without errors: the same data, leaves serialized, lists of lists, a resolver answering now or later', async () => {
    const { byGraphqlJs, byPlan } = await bothAnswers([
      { id: 'p1', children: [child('a'), child('later'), child('b', { code: null, tags: null })] },
      { id: 'p2', children: [] },
      { id: 'p3', children: null },
    ]);
    expect(byGraphqlJs.errors).toEqual([]);
    expect(byPlan).toEqual(byGraphqlJs);
  });

  it('a null or an Error in a non-null leaf, a serializer that throws or answers nothing: the same errors and nulls', async () => {
    const { byGraphqlJs, byPlan } = await bothAnswers([
      {
        id: 'p1',
        children: [
          child('null-name', { name: null }),
          child('error-name', { name: new Error('no name here') }),
          child('throwing-code', { code: 'throw' }),
          child('undefined-code', { code: 'undefined' }),
          child('error-code', { code: new Error('no code here') }),
          child('null-tag', { tags: ['x', null] }),
          child('no-width'),
        ],
      },
    ]);
    expect(byGraphqlJs.errors).toHaveLength(7);
    expect(byPlan.data).toEqual(byGraphqlJs.data);
    // A serializer answering undefined: graphql-jit words the message its own way (upstream, not the patch).
    const serializedNothing = (error: { path?: readonly (string | number)[] }) => error.path?.[3] === 3;
    expect(byPlan.errors.filter((error) => !serializedNothing(error))).toEqual(byGraphqlJs.errors.filter((error) => !serializedNothing(error)));
    expect(byPlan.errors.filter(serializedNothing)).toEqual([{ message: 'Expected a value of type "Code" but received: undefined', path: ['parents', 0, 'children', 3, 'code'] }]);
  });

  it('a resolver that throws, or whose promise rejects: the same error at the same path, the field null', async () => {
    const { byGraphqlJs, byPlan } = await bothAnswers([{ id: 'p1', children: [child('sync-throw'), child('async-throw'), child('fine')] }]);
    expect(byGraphqlJs.errors.map((error) => error.message).sort()).toEqual(['cannot be loud', 'cannot be loud later']);
    expect(byPlan).toEqual(byGraphqlJs);
  });

  it('list items that are promises, rejected promises or Errors, and a list that is an iterable but not an array', async () => {
    const { byGraphqlJs, byPlan } = await bothAnswers([
      { id: 'p1', children: [Promise.resolve(child('promised')), Promise.reject(new Error('item lost')), new Error('item broken'), child('plain')] },
      { id: 'p2', children: new Set([child('in-a-set'), child('also')]) },
      { id: 'p3', children: 'not a list' },
    ]);
    const paths = (answer: typeof byPlan) => answer.errors.map((error) => JSON.stringify(error.path)).sort();
    expect(paths(byGraphqlJs)).toHaveLength(3);
    expect(paths(byPlan)).toEqual(paths(byGraphqlJs));
    // The items without errors, the set's and the plain ones, are graphql-js's.
    const itemsOf = (answer: typeof byPlan, parent: number) => (answer.data as { parents: { children: unknown[] | null }[] }).parents[parent].children;
    expect(itemsOf(byPlan, 1)).toEqual(itemsOf(byGraphqlJs, 1));
    expect(itemsOf(byPlan, 0)?.[0]).toEqual(itemsOf(byGraphqlJs, 0)?.[0]);
    expect(itemsOf(byPlan, 0)?.[3]).toEqual(itemsOf(byGraphqlJs, 0)?.[3]);
  });
});

describe('prebuilt JSON lists (src/platform/graphql/prebuilt-json.ts)', () => {
  const rowsText = JSON.stringify([{ id: 'a', name: 'Zoë "uno"' }, { id: 'b', name: 'line\nbreak' }]);
  const prebuiltSchema = (children: () => unknown) =>
    new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          parents: {
            type: new GraphQLList(Parent),
            resolve: () => [
              { id: 'p1', children: children() },
              { id: 'p2', children: [child('plain')] },
            ],
          },
          echo: { type: GraphQLString, resolve: () => '\u0000prebuilt:0' },
        },
      }),
    });
  const QUERY_PREBUILT = '{ echo parents { id children { id name } } }';

  it('a plan puts the list into its result as it is, and stringifyResponse writes the text graphql-js answers', async () => {
    const schema = prebuiltSchema(() => new PrebuiltJsonList(rowsText));
    const document = parse(QUERY_PREBUILT);
    const plan = compileQuery(schema, document, undefined, { disablingCapturingStackErrors: true });
    if (!isCompiledQuery(plan)) throw new Error('not compiled');
    const planned = (await plan.query(undefined, {}, {})) as ExecutionResult<{ parents: { children: unknown }[] }>;
    expect(planned.data?.parents[0].children).toBeInstanceOf(PrebuiltJsonList);
    // graphql-js reads the same list as an iterable of parsed records: the same answer, written the same way.
    const byGraphqlJs = await execute({ schema, document });
    expect(byGraphqlJs.errors).toBeUndefined();
    expect(stringifyResponse(planned)).toBe(JSON.stringify(byGraphqlJs));
    expect(JSON.parse(stringifyResponse(planned))).toEqual({ data: { echo: '\u0000prebuilt:0', parents: [{ id: 'p1', children: JSON.parse(rowsText) }, { id: 'p2', children: [{ id: 'plain', name: 'n-plain' }] }] } });
  });

  it('outside stringifyResponse (a log, a test, a subscription) the list is its records', () => {
    const list = new PrebuiltJsonList(rowsText);
    expect(JSON.stringify({ list })).toBe(JSON.stringify({ list: JSON.parse(rowsText) }));
    expect([...list]).toEqual(JSON.parse(rowsText));
  });
});
