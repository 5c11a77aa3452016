import { GraphQLError } from 'graphql';
import { createErrorFormatter } from '../../src/platform/errors/format-error';
import { createLogger } from '../../src/platform/logging/logger';
import { SignUpDeepDocument, SignUpDocument } from '../generated/graphql';
import { PASSWORD, uniqueEmail } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('bad input and request limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MAX_BODY_BYTES: '20000', MAX_QUERY_DEPTH: '10' });
  });
  afterAll(() => t.stop());

  const usersWithEmail = async (email: string): Promise<number> =>
    (await t.app.db.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]))[0].n;

  it('an invalid email is BAD_USER_INPUT naming input.email, and nothing is written', async () => {
    const result = await t.gql(SignUpDocument, { input: { workspaceName: 'W', name: 'N', email: 'not-an-email', password: PASSWORD } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.email' }] });
    expect(await usersWithEmail('not-an-email')).toBe(0);
    const workspaces = await t.app.db.query("SELECT count(*)::int AS n FROM workspaces WHERE name = 'W'");
    expect(workspaces[0].n).toBe(0);
  });

  it('a short password is BAD_USER_INPUT naming input.password; several problems are all listed', async () => {
    const email = uniqueEmail();
    const result = await t.gql(SignUpDocument, { input: { workspaceName: '', name: 'N', email, password: 'short' } });
    const fields = (result.errors?.[0].extensions?.fields as { path: string }[]).map((f) => f.path).sort();
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fields).toEqual(['input.password', 'input.workspaceName']);
    expect(await usersWithEmail(email)).toBe(0);
  });

  it('an unknown input field is BAD_USER_INPUT naming it', async () => {
    const email = uniqueEmail();
    const input = { workspaceName: 'W', name: 'N', email, password: PASSWORD, isAdmin: true };
    const result = await t.gql(SignUpDocument, { input: input as never });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('isAdmin');
    expect(await usersWithEmail(email)).toBe(0);
  });

  it('an oversized body is refused with PAYLOAD_TOO_LARGE (HTTP 413)', async () => {
    const response = await t.post(JSON.stringify({ query: `{ serverVersion }`, variables: { pad: 'x'.repeat(30000) } }));
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('malformed JSON is refused with a parse error code', async () => {
    const response = await t.post('{"query": ');
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
  });

  it('a too-deep operation is refused with QUERY_TOO_COMPLEX before it executes (nothing is written)', async () => {
    const email = uniqueEmail();
    const result = await t.gql(SignUpDeepDocument, { input: { workspaceName: 'Deep', name: 'N', email, password: PASSWORD } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxDepth: 10 });
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(await usersWithEmail(email)).toBe(0);
  });

  it('an unknown field in the query text is a GRAPHQL_VALIDATION_FAILED error', async () => {
    const response = await t.post(JSON.stringify({ query: '{ serverVersion nope }' }));
    expect(response.json).toMatchObject({ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    expect(response.status).toBe(400);
  });
});

describe('query complexity bound', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MAX_QUERY_COMPLEXITY: '5' });
  });
  afterAll(() => t.stop());

  it('an operation over the complexity bound is refused with QUERY_TOO_COMPLEX', async () => {
    const response = await t.post(JSON.stringify({ query: '{ a: serverVersion b: serverVersion c: serverVersion d: serverVersion e: serverVersion f: serverVersion }' }));
    expect(response.json).toMatchObject({ errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX', maxComplexity: 5 } }] });
    expect(response.status).toBe(400);
  });
});

describe('the error formatter', () => {
  it('turns unexpected errors into INTERNAL_SERVER_ERROR without message, SQL, stack or paths', () => {
    const format = createErrorFormatter(createLogger('silent'));
    const original = new Error('duplicate key value violates unique constraint "users_email_key" at /work/main/src/x.ts:1');
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['signUp'] });
    const formatted = format({ ...wrapped.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, wrapped);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['signUp'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

describe('errors from races with concurrent writes', () => {
  it('a unique violation that slipped past the service checks becomes a CONFLICT without SQL details', () => {
    const format = createErrorFormatter(createLogger('silent'));
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "accounts_workspace_external_id_key"'), { code: '23505' });
    const original = Object.assign(new Error(driverError.message), { driverError });
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['createAccount'] });
    const formatted = format({ ...wrapped.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
    expect(formatted.extensions).toEqual({ code: 'CONFLICT', reason: 'CONCURRENT_WRITE' }); // reason added with extensions.reason
    expect(formatted.message).not.toContain('accounts_workspace_external_id_key');
  });
});
