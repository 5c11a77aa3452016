import {
  AccountsDocument,
  CreateApiKeyDocument,
  InviteMemberDocument,
  MeDocument,
  RemoveMemberDocument,
  RevokeApiKeyDocument,
  ServerVersionDocument,
  UpdateMemberDocument,
} from '../generated/graphql';
import { principalsTopic } from '../../src/platform/auth/principals.topic';
import { createAccount } from '../support/account-factories';
import { addMember, createWorkspace, expectData, signUpOwner, uniqueEmail, type TestWorkspace } from '../support/factories';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `{ serverVersion }` is public and reads nothing: sent with a bearer, the only SQL it costs is authenticating
 * that bearer. So its statement count is the authentication's cost.
 */
const authStatements = (app: TestApp, token: string) =>
  app.countStatements(async () => expectData(await app.gql(ServerVersionDocument, {}, { token })));

const codeOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;

/** A new API key of the workspace, with its id. */
async function newKey(t: TestApp, ws: TestWorkspace, scopes = ['identity:read', 'accounts:read']) {
  const { createApiKey } = expectData(await t.gql(CreateApiKeyDocument, { input: { name: 'cached', scopes } }, { token: ws.admin.token }));
  return { id: createApiKey.apiKey.id, secret: createApiKey.secret };
}

/** Polls `probe` until it holds; resolves with the milliseconds it took (rejects past `timeoutMs`). */
async function timeUntil(probe: () => Promise<boolean>, timeoutMs = 3000): Promise<number> {
  const started = Date.now();
  while (!(await probe())) {
    if (Date.now() - started > timeoutMs) throw new Error(`still not so after ${timeoutMs} ms`);
    await sleep(20);
  }
  return Date.now() - started;
}

/**
 * Runs `change` while this instance's event bus is held up (a listener of an earlier principals change takes
 * 1.5 s, and the bus handles notifications one at a time): what applies at once then applies without the bus.
 */
async function withBusHeldUp(app: TestApp, ws: TestWorkspace, change: () => Promise<void>): Promise<void> {
  const events = app.app.services.events;
  if (!events) throw new Error('the test app has no event bus');
  let held: () => void = () => undefined;
  const holding = new Promise<void>((resolve) => (held = resolve));
  let first = true;
  const stopHolding = events.listen(principalsTopic, async () => {
    if (!first) return;
    first = false;
    held();
    await sleep(1500);
  });
  try {
    const decoy = await newKey(app, ws);
    expectData(await app.gql(RevokeApiKeyDocument, { input: { id: decoy.id } }, { token: ws.admin.token }));
    await holding; // the bus is now busy with the decoy's revocation for 1.5 s
    await change();
  } finally {
    stopHolding();
    await events.settled();
  }
}

describe('the principal cache: a credential is looked up once, and a change of rights applies at once', () => {
  let t: TestApp; // instance A
  let second: TestApp; // instance B, on the same database
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_CACHE_TTL_SECONDS: '60' });
    second = await startTestApp({ DATABASE_URL: t.databaseUrl, AUTH_CACHE_TTL_SECONDS: '60' });
    ws = await createWorkspace(t);
  });
  afterAll(async () => {
    await second.stop();
    await t.stop();
  });

  it('repeated requests with the same API key cost no authentication statement after the first', async () => {
    const key = await newKey(t, ws);
    expect(await authStatements(t, key.secret)).toBe(2); // the key's row, and its first last-used time
    expect(await authStatements(t, key.secret)).toBe(0);
    expect(await authStatements(t, key.secret)).toBe(0);
    expect(expectData(await t.gql(MeDocument, {}, { token: key.secret })).me).toMatchObject({ kind: 'API_KEY', apiKey: { id: key.id } });
    const lastUsed = await t.app.db.query('SELECT last_used_at FROM api_keys WHERE id = $1', [key.id]);
    expect(lastUsed[0].last_used_at).not.toBeNull();
  });

  it('repeated requests with the same access token cost no authentication statement after the first', async () => {
    const seller = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    expect(await authStatements(t, seller.token)).toBe(1); // the membership
    expect(await authStatements(t, seller.token)).toBe(0);
    expect(expectData(await t.gql(MeDocument, {}, { token: seller.token })).me.member).toMatchObject({ id: seller.memberId, role: 'MEMBER' });
  });

  it('a cached API key revoked on this instance is refused on the very next request', async () => {
    const key = await newKey(t, ws);
    await authStatements(t, key.secret);
    expect(await authStatements(t, key.secret)).toBe(0); // cached
    await withBusHeldUp(t, ws, async () => {
      expectData(await t.gql(RevokeApiKeyDocument, { input: { id: key.id } }, { token: ws.admin.token }));
      expect(codeOf(await t.gql(MeDocument, {}, { token: key.secret }))).toBe('UNAUTHENTICATED');
    });
  });

  it('a cached API key revoked through instance A is refused on instance B within a second', async () => {
    const key = await newKey(t, ws);
    await authStatements(second, key.secret);
    expect(await authStatements(second, key.secret)).toBe(0); // cached on B
    expectData(await t.gql(RevokeApiKeyDocument, { input: { id: key.id } }, { token: ws.admin.token }));
    const took = await timeUntil(async () => codeOf(await second.gql(MeDocument, {}, { token: key.secret })) === 'UNAUTHENTICATED');
    expect(took).toBeLessThan(1000);
  });

  it('a removed member\'s cached token is refused at once, here and on the other instance', async () => {
    const leaver = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    for (const app of [t, second]) {
      await authStatements(app, leaver.token);
      expect(await authStatements(app, leaver.token)).toBe(0);
    }
    await withBusHeldUp(t, ws, async () => {
      expectData(await t.gql(RemoveMemberDocument, { input: { memberId: leaver.memberId } }, { token: ws.admin.token }));
      expect(codeOf(await t.gql(MeDocument, {}, { token: leaver.token }))).toBe('UNAUTHENTICATED');
    });
    const took = await timeUntil(async () => codeOf(await second.gql(MeDocument, {}, { token: leaver.token })) === 'UNAUTHENTICATED');
    expect(took).toBeLessThan(1000);
  });

  it('a demoted ADMIN loses the ADMIN operations on the very next request', async () => {
    const admin = await addMember(t, ws.owner.token, 'ADMIN', 'ALL');
    const invite = () => t.gql(InviteMemberDocument, { input: { email: uniqueEmail(), role: 'MEMBER', accessScope: 'OWN' } }, { token: admin.token });
    expectData(await invite()); // cached as ADMIN
    expect(await authStatements(t, admin.token)).toBe(0);
    await withBusHeldUp(t, ws, async () => {
      expectData(await t.gql(UpdateMemberDocument, { input: { memberId: admin.memberId, role: 'MEMBER' } }, { token: ws.owner.token }));
      expect(codeOf(await invite())).toBe('FORBIDDEN');
    });
  });

  it('a promoted MEMBER gets the ADMIN operations on the very next request, on the other instance within a second', async () => {
    const seller = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    const inviteOn = (app: TestApp) =>
      app.gql(InviteMemberDocument, { input: { email: uniqueEmail(), role: 'MEMBER', accessScope: 'OWN' } }, { token: seller.token });
    expect(codeOf(await inviteOn(t))).toBe('FORBIDDEN');
    expect(codeOf(await inviteOn(second))).toBe('FORBIDDEN');
    expectData(await t.gql(UpdateMemberDocument, { input: { memberId: seller.memberId, role: 'ADMIN' } }, { token: ws.owner.token }));
    expectData(await inviteOn(t));
    expect(await timeUntil(async () => !(await inviteOn(second)).errors)).toBeLessThan(1000);
  });

  it('a member narrowed from ALL to OWN stops seeing others\' accounts on the very next request', async () => {
    const seller = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    const othersAccount = await createAccount(t, ws.admin.token);
    const visible = async () =>
      expectData(await t.gql(AccountsDocument, { first: 500 }, { token: seller.token })).accounts.nodes.some((a) => a.id === othersAccount.id);
    expect(await visible()).toBe(true); // cached with ALL
    await withBusHeldUp(t, ws, async () => {
      expectData(await t.gql(UpdateMemberDocument, { input: { memberId: seller.memberId, accessScope: 'OWN' } }, { token: ws.owner.token }));
      expect(await visible()).toBe(false);
    });
  });
});

describe('the principal cache keeps nothing past a credential\'s expiry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_CACHE_TTL_SECONDS: '600', ACCESS_TOKEN_TTL_SECONDS: '2' });
  });
  afterAll(() => t.stop());

  it('a cached access token is refused once it expires', async () => {
    const owner = await signUpOwner(t);
    await authStatements(t, owner.token);
    expect(await authStatements(t, owner.token)).toBe(0);
    await timeUntil(async () => codeOf(await t.gql(MeDocument, {}, { token: owner.token })) === 'UNAUTHENTICATED', 4000);
  });

  it('a cached API key is refused once it expires', async () => {
    const owner = await signUpOwner(t);
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { createApiKey } = expectData(
      await t.gql(CreateApiKeyDocument, { input: { name: 'short', scopes: ['identity:read'], expiresAt } }, { token: owner.token }),
    );
    await authStatements(t, createApiKey.secret);
    expect(await authStatements(t, createApiKey.secret)).toBe(0);
    await sleep(1600);
    expect(codeOf(await t.gql(MeDocument, {}, { token: createApiKey.secret }))).toBe('UNAUTHENTICATED');
  });
});

describe('AUTH_CACHE_TTL_SECONDS=0', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_CACHE_TTL_SECONDS: '0' });
  });
  afterAll(() => t.stop());

  it('turns the cache off: every request looks its credential up', async () => {
    const ws = await createWorkspace(t);
    const key = await newKey(t, ws);
    expect(await authStatements(t, key.secret)).toBe(2);
    expect(await authStatements(t, key.secret)).toBe(1);
    expect(await authStatements(t, ws.member.token)).toBe(1);
    expect(await authStatements(t, ws.member.token)).toBe(1);
  });
});

describe('an instance whose event bus lost its connection', () => {
  let t: TestApp; // instance A, where the change happens
  let proxied: TestApp; // instance B, which reaches PostgreSQL (pool and bus) through a proxy the test cuts
  let proxy: TcpProxy;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_CACHE_TTL_SECONDS: '600' });
    const target = new URL(process.env.TEST_DATABASE_URL as string);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    proxied = await startTestApp(
      { AUTH_CACHE_TTL_SECONDS: '600' },
      {
        connectVia: () => {
          const url = new URL(t.databaseUrl);
          url.hostname = '127.0.0.1';
          url.port = String(proxy.port);
          return url.toString();
        },
      },
    );
    ws = await createWorkspace(t);
  });
  afterAll(async () => {
    await proxy.restore().catch(() => undefined);
    await proxied.stop();
    await proxy.close();
    await t.stop();
  });

  it('does not serve what it cached before: a key revoked while it was not listening is refused once it is back', async () => {
    const key = await newKey(t, ws);
    await authStatements(proxied, key.secret);
    expect(await authStatements(proxied, key.secret)).toBe(0); // cached on B
    await proxy.cut();
    // The revocation's notification is sent while B is not listening: B never receives it.
    expectData(await t.gql(RevokeApiKeyDocument, { input: { id: key.id } }, { token: ws.admin.token }));
    await proxy.restore();
    await timeUntil(async () => (await fetch(`${proxied.url}/readyz`)).status === 200, 10_000);
    expect(proxied.app.services.events?.isListening).toBe(true);
    expect(codeOf(await proxied.gql(MeDocument, {}, { token: key.secret }))).toBe('UNAUTHENTICATED');
  });
});
