import { signUpOwner } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** The lean per-request path (json-body.ts, graphql-http.ts, the complexity memo) answers as the general one did. */
describe('the per-request path of /graphql', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ MAX_QUERY_COMPLEXITY: '1000' });
    token = (await signUpOwner(t)).token;
  });
  afterAll(() => t.stop());

  const raw = async (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>) => {
    const response = await fetch(`${t.url}/graphql`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: JSON.parse(text) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
  };

  it('a plain JSON post is answered with no-store, the request id echoed, no ETag and a Content-Length', async () => {
    const response = await raw(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-1' });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ data: { __typename: 'Query' } });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(response.headers.get('etag')).toBeNull();
    expect(Number(response.headers.get('content-length'))).toBe(JSON.stringify(response.json).length);
  });

  it('a leading byte order mark is ignored, as express.json does', async () => {
    const response = await raw(`\ufeff${JSON.stringify({ query: '{ __typename }' })}`, { 'content-type': 'application/json' });
    expect(response.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('a JSON body that is not an object or an array, or not JSON, is GRAPHQL_PARSE_FAILED (400)', async () => {
    for (const body of ['"{ __typename }"', '  42', '{"query": ']) {
      const response = await raw(body, { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
      expect(response.json.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    }
  });

  it('another charset still goes through the general parser (UTF-16)', async () => {
    const body = new Uint8Array(Buffer.from(JSON.stringify({ query: '{ __typename }' }), 'utf16le'));
    const response = await raw(body, { 'content-type': 'application/json; charset=utf-16le' });
    expect(response.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('a GET query string is read (no url.parse)', async () => {
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  const cost = async (query: string, variables: Record<string, unknown>) => {
    const response = await raw(JSON.stringify({ query, variables }), { 'content-type': 'application/json', authorization: `Bearer ${token}` });
    return response.json.errors?.[0].extensions?.code ?? 'OK';
  };

  it('the cost remembered for a document follows the variables it depends on (page size, @skip)', async () => {
    const page = 'query ($n: Int) { accounts(first: $n) { nodes { id } } }';
    expect(await cost(page, { n: 10 })).toBe('OK');
    expect(await cost(page, { n: 5000 })).toBe('QUERY_TOO_COMPLEX');
    expect(await cost(page, { n: 10 })).toBe('OK');
    expect(await cost(page, {})).toBe('OK'); // absent: the argument's default, not the null of a given variable
    const skipped = 'query ($s: Boolean!, $n: Int) { __typename ... @skip(if: $s) { accounts(first: $n) { nodes { id } } } }';
    expect(await cost(skipped, { s: true, n: 5000 })).toBe('OK');
    expect(await cost(skipped, { s: false, n: 5000 })).toBe('QUERY_TOO_COMPLEX');
    expect(await cost(skipped, { s: true, n: 10 })).toBe('OK');
    expect(await cost(skipped, { s: false, n: 10 })).toBe('OK');
  });
});
