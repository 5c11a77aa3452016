import { LogInDocument, MeDocument } from '../generated/graphql';
import { PASSWORD, expectData, signUpOwner } from '../support/factories';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `everyMs` until it returns true, at most `attempts` times. */
async function eventually(probe: () => Promise<boolean>, attempts: number, everyMs: number): Promise<boolean> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await probe()) return true;
    await sleep(everyMs);
  }
  return false;
}

const readyzStatus = async (t: TestApp) => (await fetch(`${t.url}/readyz`)).status;

describe('while PostgreSQL is down', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let owner: Awaited<ReturnType<typeof signUpOwner>>;

  beforeAll(async () => {
    const target = new URL(process.env.TEST_DATABASE_URL as string);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    t = await startTestApp(
      { JOBS_ENABLED: 'true' }, // the job runner rides the outage too
      {
        connectVia: (databaseUrl) => {
          const url = new URL(databaseUrl);
          url.hostname = '127.0.0.1';
          url.port = String(proxy.port);
          return url.toString();
        },
      },
    );
    owner = await signUpOwner(t, 'Outage Co');
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await t.stop();
    await proxy.close();
  });

  it('requests get 503 UNAVAILABLE with Retry-After, /readyz is 503, and readiness returns as soon as the database does', async () => {
    expect(await readyzStatus(t)).toBe(200);
    await proxy.cut();

    // Authenticated: authentication itself needs the database (before any resolver runs).
    const me = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.token}` },
      body: JSON.stringify({ query: '{ me { kind } }' }),
    });
    expect(me.status).toBe(503);
    expect(me.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    const meBody = (await me.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(meBody.errors).toEqual([
      { message: expect.any(String), extensions: { code: 'UNAVAILABLE', retryAfterSeconds: Number(me.headers.get('retry-after')) } },
    ]);

    // Public: the resolver's query is the one that fails.
    const logIn = await t.gql(LogInDocument, { input: { email: owner.email, password: PASSWORD } });
    expect(logIn.status).toBe(503);
    expect(logIn.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAVAILABLE', retryAfterSeconds: expect.any(Number) } })]);

    // The plain HTTP endpoints decide the same way.
    const download = await fetch(`${t.url}/documents/00000000-0000-0000-0000-000000000000/content`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(download.status).toBe(503);
    expect(download.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await download.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAVAILABLE' } }] });

    for (const message of [...meBody.errors, ...(logIn.errors ?? [])].map((error) => error.message)) {
      expect(message).not.toMatch(/SELECT|FROM|ECONN|127\.0\.0\.1|Connection terminated/i);
    }
    expect(await readyzStatus(t)).toBe(503);

    // Stay down long enough for the event bus's reconnect back-off to reach its longest (5 s) delay.
    await sleep(3800);
    expect(await readyzStatus(t)).toBe(503);

    await proxy.restore();
    expect(await eventually(async () => (await readyzStatus(t)) === 200, 15, 100)).toBe(true);
    // The job runner's LISTEN connection may still be reconnecting (with its own back-off): it runs jobs by polling meanwhile.
    expect(await (await fetch(`${t.url}/readyz`)).json()).toEqual({
      ready: true,
      database: 'up',
      pendingMigrations: false,
      events: 'listening',
      jobs: expect.stringMatching(/^(running|polling)$/),
    });
    expect(expectData(await t.gql(MeDocument, undefined, { token: owner.token })).me.kind).toBe('MEMBER');
  });
});
