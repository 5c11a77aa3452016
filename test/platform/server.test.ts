import { ServerVersionDocument } from '../generated/graphql';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('answers /healthz while the process is alive', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz when the database is reachable and migrations are applied', async () => {
    const response = await fetch(`${t.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, database: 'up', pendingMigrations: false, events: 'listening', jobs: 'disabled' });
  });

  it('serves public fields without credentials', async () => {
    const result = await t.gql(ServerVersionDocument);
    expect(result.errors).toBeUndefined();
    expect(typeof result.data?.serverVersion).toBe('string');
  });

  it('marks GraphQL answers as not storable by caches (Cache-Control: no-store)', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverVersion }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a production-like configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ INTROSPECTION: 'false', EXPLORER: 'false' });
  });
  afterAll(() => t.stop());

  it('refuses introspection when INTROSPECTION=false', async () => {
    const response = await t.post(JSON.stringify({ query: '{ __schema { types { name } } }' }));
    expect(response.json).toMatchObject({ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
  });

  it('serves no explorer page nor its assets when EXPLORER=false', async () => {
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('graphiql');
    expect((await fetch(`${t.url}/explorer/graphiql.js`)).status).toBe(404);
  });
});
