import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, type FormattedExecutionResult } from 'graphql';
import { ServerVersionDocument } from '../generated/graphql';
import { signUpOwner } from '../support/factories';
import { startTestApp, wsExecute, type TestApp } from '../support/test-app';

/** `query{...Fn} fragment F0 on Query{__typename} fragment F1 on Query{...F0 ...F0} …`: 2^n fields from n lines. */
const fragmentFanOut = (n: number): string => {
  let query = `query{...F${n}} fragment F0 on Query{__typename}`;
  for (let i = 1; i <= n; i += 1) query += ` fragment F${i} on Query{...F${i - 1} ...F${i - 1}}`;
  return query;
};

/** The same fan-out where every fragment also nests two levels: depth 2n + 3 (spreads are not levels). */
const nestedFragmentFanOut = (n: number): string => {
  let query = `query{me{member{...F${n}}}} fragment F0 on Member{id}`;
  for (let i = 1; i <= n; i += 1) query += ` fragment F${i} on Member{teams{members{...F${i - 1} ...F${i - 1}}}}`;
  return query;
};

const asDocument = (query: string): TypedDocumentNode<unknown, Record<string, never>> => parse(query);
const firstError = (body: unknown) => (body as FormattedExecutionResult).errors?.[0];

describe('query limits cost time linear in the query text (HTTP and WebSocket)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await signUpOwner(t)).token;
  });
  afterAll(() => t.stop());

  it('an unauthenticated fragment fan-out (F0..F22, F0..F40) is refused with QUERY_TOO_COMPLEX, HTTP 400', async () => {
    for (const n of [22, 40]) {
      const response = await t.post(JSON.stringify({ query: fragmentFanOut(n) }));
      expect([n, response.status, firstError(response.json)?.extensions?.code]).toEqual([n, 400, 'QUERY_TOO_COMPLEX']);
      expect(firstError(response.json)?.extensions).toMatchObject({ maxComplexity: 20000 });
    }
  });

  it('a fan-out of nested fragments is refused by depth, counting each fragment once', async () => {
    for (const n of [22, 40]) {
      const response = await t.post(JSON.stringify({ query: nestedFragmentFanOut(n) }));
      expect([n, response.status]).toEqual([n, 400]);
      expect(firstError(response.json)?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', depth: 2 * n + 3, maxDepth: 12 });
    }
  });

  it('requests served while fan-outs are refused are answered as usual', async () => {
    const fanOuts = [22, 30, 40].map((n) => t.post(JSON.stringify({ query: fragmentFanOut(n) })));
    const normal = t.gql(ServerVersionDocument);
    const [answered, ...refused] = await Promise.all([normal, ...fanOuts]);
    expect(answered.status).toBe(200);
    expect(typeof answered.data?.serverVersion).toBe('string');
    expect(refused.map((response) => firstError(response.json)?.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX', 'QUERY_TOO_COMPLEX', 'QUERY_TOO_COMPLEX']);
  });

  it('over WebSocket the same fan-outs are refused with QUERY_TOO_COMPLEX and the socket goes on serving', async () => {
    const client = t.ws(token);
    for (const query of [fragmentFanOut(22), fragmentFanOut(40), nestedFragmentFanOut(40)]) {
      const result = await wsExecute(client, asDocument(query));
      expect(result.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(result.data).toBeUndefined();
    }
    const [fanOut, normal] = await Promise.all([wsExecute(client, asDocument(fragmentFanOut(40))), wsExecute(client, ServerVersionDocument)]);
    expect(fanOut.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(typeof normal.data?.serverVersion).toBe('string');
  });
});

describe('refusals before execution are HTTP 400 with a code, never 500', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ MAX_QUERY_ALIASES: '5', MAX_QUERY_DIRECTIVES: '3', MAX_QUERY_TOKENS: '200' });
    token = (await signUpOwner(t)).token;
  });
  afterAll(() => t.stop());

  const refusal = async (query: string, variables?: Record<string, unknown>) => {
    const response = await t.post(JSON.stringify({ query, variables }), { authorization: `Bearer ${token}` });
    return { status: response.status, extensions: firstError(response.json)?.extensions };
  };

  it('a too-deep operation', async () => {
    const deep = '{ me { member { teams { members { teams { members { teams { members { teams { members { teams { members { id } } } } } } } } } } } } }';
    expect(await refusal(deep)).toEqual({ status: 400, extensions: { code: 'QUERY_TOO_COMPLEX', depth: 13, maxDepth: 12 } });
  });

  it('a page size whose cost is over MAX_QUERY_COMPLEXITY, written literally or as a variable', async () => {
    expect(await refusal('{ accounts(first: 100000) { totalCount } }')).toEqual({
      status: 400,
      extensions: { code: 'QUERY_TOO_COMPLEX', complexity: 100000, maxComplexity: 20000 },
    });
    const asVariable = await refusal('query ($n: Int) { accounts(first: $n) { nodes { id } } }', { n: 100000 });
    expect(asVariable).toMatchObject({ status: 400, extensions: { code: 'QUERY_TOO_COMPLEX', maxComplexity: 20000 } });
  });

  it('more aliases than MAX_QUERY_ALIASES, or a thousand aliased lists (over MAX_QUERY_TOKENS as well)', async () => {
    const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: accounts(first: 1) { totalCount }`).join(' ')} }`;
    expect(await refusal(aliased(6))).toEqual({ status: 400, extensions: { code: 'QUERY_TOO_COMPLEX', aliases: 6, maxAliases: 5 } });
    expect(await refusal(aliased(1000))).toEqual({ status: 400, extensions: { code: 'QUERY_TOO_COMPLEX', maxTokens: 200 } });
  });

  it('more directives than MAX_QUERY_DIRECTIVES', async () => {
    const query = `{ ${Array.from({ length: 4 }, (_, i) => `v${i % 2}: serverVersion @include(if: true)`).join(' ')} }`;
    expect(await refusal(query)).toEqual({ status: 400, extensions: { code: 'QUERY_TOO_COMPLEX', directives: 4, maxDirectives: 3 } });
  });

  it('documents past graphql-query-complexity\'s "maximum allowed number of nodes" (once a 500) are weighed by cost', async () => {
    // Through fragments, 2^13 fields are more than the 10,000 nodes that library walks, but cost less than the bound.
    const answered = await t.post(JSON.stringify({ query: fragmentFanOut(13) }));
    expect([answered.status, answered.json]).toEqual([200, { data: { __typename: 'Query' } }]);
    expect(await refusal(fragmentFanOut(15))).toEqual({ status: 400, extensions: { code: 'QUERY_TOO_COMPLEX', complexity: 2 ** 15, maxComplexity: 20000 } });
  });

  it('a variable of the wrong type is still BAD_USER_INPUT (400), not a limit', async () => {
    const result = await refusal('query ($n: Int) { accounts(first: $n) { totalCount } }', { n: 'many' });
    expect(result).toMatchObject({ status: 400, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('over WebSocket, the same limits answer with the same codes', async () => {
    const client = t.ws(token);
    const codeOf = async (query: string) => (await wsExecute(client, asDocument(query))).errors?.[0].extensions;
    expect(await codeOf('{ a: serverVersion b: serverVersion c: serverVersion d: serverVersion e: serverVersion f: serverVersion }')).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      aliases: 6,
      maxAliases: 5,
    });
    expect(await codeOf(`{ ${'serverVersion '.repeat(200)}}`)).toEqual({ code: 'QUERY_TOO_COMPLEX', maxTokens: 200 });
    expect(await codeOf('{ accounts(first: 100000) { totalCount } }')).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxComplexity: 20000 });
    expect(await codeOf('{ serverVersion nope }')).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('over WebSocket, an operation text sent again (parsed and validated once, then shared) is still weighed with its own variables, and an invalid one is refused every time', async () => {
    const client = t.ws(token);
    const page = parse('query ($n: Int) { accounts(first: $n) { totalCount } }') as TypedDocumentNode<unknown, { n: number }>;
    expect((await wsExecute(client, page, { n: 10 })).errors).toBeUndefined();
    expect((await wsExecute(client, page, { n: 100000 })).errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', complexity: 100000 });
    expect((await wsExecute(client, page, { n: 10 })).errors).toBeUndefined();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect((await wsExecute(client, asDocument('{ serverVersion nope }'))).errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    }
  });
});

describe('field suggestions follow INTROSPECTION', () => {
  let open: TestApp;
  let closed: TestApp;
  let closedToken: string;
  beforeAll(async () => {
    [open, closed] = await Promise.all([startTestApp(), startTestApp({ INTROSPECTION: 'false' })]);
    closedToken = (await signUpOwner(closed)).token;
  });
  afterAll(() => Promise.all([open.stop(), closed.stop()]));

  const misspelled = JSON.stringify({ query: '{ serverVersio }' });

  it('with introspection on, a misspelled field is answered with a suggestion', async () => {
    const response = await open.post(misspelled);
    expect(firstError(response.json)?.message).toContain('Did you mean "serverVersion"?');
  });

  it('with INTROSPECTION=false, a misspelled field is GRAPHQL_VALIDATION_FAILED without "Did you mean", over HTTP and WebSocket', async () => {
    const response = await closed.post(misspelled);
    expect(response.status).toBe(400);
    expect(firstError(response.json)).toMatchObject({ message: 'Cannot query field "serverVersio" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const overWs = await wsExecute(closed.ws(closedToken), asDocument('{ serverVersio }'));
    expect(overWs.errors?.[0]).toMatchObject({ message: 'Cannot query field "serverVersio" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('with INTROSPECTION=false, introspection is refused over WebSocket too', async () => {
    const result = await wsExecute(closed.ws(closedToken), asDocument('{ __schema { types { name } } }'));
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.data).toBeUndefined();
  });
});
