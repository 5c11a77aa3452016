import { execute, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type GraphQLResolveInfo } from 'graphql';
import { plainChildSelection, prebuiltSelectionOf, type PlainSelection } from '../../src/platform/graphql/selection';

// plainChildSelection (src/platform/graphql/selection.ts): when a list's selection can be answered by JSON whose
// keys are field names (prebuilt-json.ts), and in which order.
const Area = new GraphQLObjectType({ name: 'Area', fields: { id: { type: GraphQLString }, name: { type: GraphQLString } } });
const Child = new GraphQLObjectType({
  name: 'Child',
  fields: { id: { type: GraphQLString }, name: { type: GraphQLString }, area: { type: Area }, other: { type: Area } },
});
const Parent = new GraphQLObjectType({ name: 'Parent', fields: { id: { type: GraphQLString }, children: { type: new GraphQLList(Child) } } });

let prebuilt: ReturnType<typeof prebuiltSelectionOf> | undefined;

async function selectionOf(query: string): Promise<PlainSelection | null> {
  let answer: PlainSelection | null | undefined;
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        parent: {
          type: Parent,
          resolve: (_root: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
            answer = plainChildSelection(info, 'record', 'children');
            prebuilt = prebuiltSelectionOf(info, 'record', 'children');
            return { id: 'p', children: [] };
          },
        },
      },
    }),
  });
  const result = await execute({ schema, document: parse(query), variableValues: { yes: true } });
  if (result.errors) throw result.errors[0];
  return answer as PlainSelection | null;
}

describe('plain child selections', () => {
  it('plain leaves and plain objects, in order, repeats once; the same selection through fragments and in two places', async () => {
    expect(await selectionOf('{ parent { children { name id name area { name id } } } }')).toEqual(['name', 'id', { field: 'area', selection: ['name', 'id'] }]);
    expect(await selectionOf('{ parent { ...P children { id } } } fragment P on Parent { children { id } }')).toEqual(['id']);
  });

  it('not plain: an alias, a directive, __typename, a fragment inside, an object selected twice, two different selections', async () => {
    for (const query of [
      '{ parent { children { key: id } } }',
      '{ parent { children { id @include(if: $yes) } } }'.replace('{ parent', 'query Q($yes: Boolean!) { parent'),
      '{ parent { children { __typename id } } }',
      '{ parent { children { ... on Child { id } } } }',
      '{ parent { children { area { id } area { name } } } }',
      '{ parent { children { id } ...P } } fragment P on Parent { children { name } }',
      '{ parent { children { area { alias: name } } } }',
    ]) {
      expect([query, await selectionOf(query)]).toEqual([query, null]);
    }
  });

  it('null when the field is not selected', async () => {
    expect(await selectionOf('{ parent { id } }')).toBeNull();
    expect(prebuilt).toBeNull();
  });

  it('what prebuiltList takes: the plain selection with the GraphQL type of the list\'s items, read off the schema', async () => {
    const selection = await selectionOf('{ parent { children { id area { name } } } }');
    expect(prebuilt?.type).toBe(Child);
    expect(prebuilt?.selection).toBe(selection);
    await selectionOf('{ parent { children { key: id } } }');
    expect(prebuilt).toBeNull();
  });
});
