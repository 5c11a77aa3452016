import { MeDocument } from '../generated/graphql';
import { signUpOwner } from '../support/factories';
import { startTestApp, wsExecute, type TestApp } from '../support/test-app';

/** The sample value of one series in a Prometheus text exposition, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('counts GraphQL operations by name and code, times them, and reports pool, event bus, WebSocket and process state', async () => {
    const owner = await signUpOwner(t, 'Metrics Co');
    await t.gql(MeDocument, undefined, { token: owner.token });
    await t.gql(MeDocument, undefined, { token: owner.token });
    await t.gql(MeDocument); // no credentials
    await fetch(`${t.url}/healthz`);
    const socket = t.ws(owner.token);
    await wsExecute(socket, MeDocument); // opens the socket, which stays open until disposed

    const response = await fetch(`${t.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();

    expect(sample(text, 'vinculo_graphql_requests_total{operation="Me",type="query",code="OK"}')).toBe(2);
    expect(sample(text, 'vinculo_graphql_requests_total{operation="Me",type="query",code="UNAUTHENTICATED"}')).toBe(1);
    expect(sample(text, 'vinculo_graphql_requests_total{operation="SignUp",type="mutation",code="OK"}')).toBe(1);
    expect(sample(text, 'vinculo_graphql_request_duration_seconds_count{operation="Me",type="query"}')).toBe(3);
    expect(text).toMatch(/^vinculo_graphql_request_duration_seconds_bucket\{le="0\.1",operation="Me",type="query"\} \d+$/m);
    expect(sample(text, 'vinculo_http_requests_total{method="GET",route="/healthz",status="200"}')).toBe(1);
    expect(sample(text, 'vinculo_http_requests_total{method="POST",route="/graphql",status="200"}')).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'vinculo_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'vinculo_db_pool_waiting_requests')).toBe(0);
    expect(sample(text, 'vinculo_event_bus_listening')).toBe(1);
    expect(sample(text, 'vinculo_websocket_connections')).toBe(1);
    expect(sample(text, 'vinculo_process_resident_memory_bytes')).toBeGreaterThan(0);
    await socket.dispose();
  });

  it('counts the SQL statements the server sends: a request moves vinculo_sql_statements_total by what it sent', async () => {
    const owner = await signUpOwner(t, 'Statements Co');
    const statementsSoFar = async () => sample(await (await fetch(`${t.url}/metrics`)).text(), 'vinculo_sql_statements_total');
    const before = await statementsSoFar();
    const sent = await t.countStatements(() => t.gql(MeDocument, undefined, { token: owner.token }));
    const after = await statementsSoFar();
    expect(before).toBeGreaterThan(0); // the sign-up sent some already
    expect(sent).toBeGreaterThan(0);
    expect((after ?? 0) - (before ?? 0)).toBe(sent); // scraping /metrics itself sends none
  });

  it('counts unnamed operations as "anonymous" and named ones by their name', async () => {
    await t.post(JSON.stringify({ query: '{ serverVersion }' }));
    await t.post(JSON.stringify({ query: 'query Version { serverVersion }', operationName: 'Version' }));
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(sample(text, 'vinculo_graphql_requests_total{operation="anonymous",type="query",code="OK"}')).toBe(1);
    expect(sample(text, 'vinculo_graphql_requests_total{operation="Version",type="query",code="OK"}')).toBe(1);
  });
});

describe('METRICS=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS: 'false' });
  });
  afterAll(() => t.stop());

  it('serves no /metrics', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
  });
});
