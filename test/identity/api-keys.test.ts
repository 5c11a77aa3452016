import WebSocket from 'ws';
import { ApiKeysDocument, CreateApiKeyDocument, InviteMemberDocument, MeDocument, MembersDocument, RemoveMemberDocument, RevokeApiKeyDocument } from '../generated/graphql';
import { addMember, createApiKey, createWorkspace, expectData, uniqueEmail, type TestWorkspace } from '../support/factories';
import { startTestApp, wsExecute, type TestApp } from '../support/test-app';

describe('API keys', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('createApiKey returns the secret once; apiKeys shows name, prefix, scopes and times but never the secret', async () => {
    const { createApiKey } = expectData(
      await t.gql(CreateApiKeyDocument, { input: { name: 'ERP sync', scopes: ['accounts:write', 'identity:read'] } }, { token: ws.admin.token }),
    );
    expect(createApiKey.secret.startsWith(createApiKey.apiKey.prefix)).toBe(true);
    const { apiKeys } = expectData(await t.gql(ApiKeysDocument, {}, { token: ws.admin.token }));
    const listed = apiKeys.find((key) => key.id === createApiKey.apiKey.id);
    expect(listed).toMatchObject({ name: 'ERP sync', prefix: createApiKey.apiKey.prefix, scopes: ['accounts:write', 'identity:read'], revokedAt: null });
    expect(JSON.stringify(apiKeys)).not.toContain(createApiKey.secret);
    const stored = await t.app.db.query('SELECT secret_hash FROM api_keys WHERE id = $1', [createApiKey.apiKey.id]);
    expect(stored[0].secret_hash).not.toContain(createApiKey.secret);
  });

  it('a key answers me over HTTP and over WebSocket, and its last-used time is recorded', async () => {
    const secret = await createApiKey(t, ws.admin.token, ['identity:read']);
    const { me } = expectData(await t.gql(MeDocument, {}, { token: secret }));
    expect(me).toMatchObject({ kind: 'API_KEY', workspace: { id: ws.workspaceId }, member: null });
    const overWs = await wsExecute(t.ws(secret), MeDocument);
    expect(overWs.data?.me.kind).toBe('API_KEY');
    const { apiKeys } = expectData(await t.gql(ApiKeysDocument, {}, { token: ws.admin.token }));
    expect(apiKeys.find((key) => key.id === me.apiKey?.id)?.lastUsedAt).not.toBeNull();
  });

  it('a key without the scope gets FORBIDDEN; write implies read', async () => {
    const readOnly = await createApiKey(t, ws.admin.token, ['accounts:read']);
    expect((await t.gql(MembersDocument, {}, { token: readOnly })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const writer = await createApiKey(t, ws.admin.token, ['identity:write']);
    expect(expectData(await t.gql(MembersDocument, {}, { token: writer })).members.length).toBeGreaterThan(0);
    const reader = await createApiKey(t, ws.admin.token, ['identity:read']);
    const invite = await t.gql(InviteMemberDocument, { input: { email: uniqueEmail(), role: 'MEMBER', accessScope: 'OWN' } }, { token: reader });
    expect(invite.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a key cannot manage keys, whatever its scopes', async () => {
    const secret = await createApiKey(t, ws.admin.token, ['identity:write']);
    const result = await t.gql(CreateApiKeyDocument, { input: { name: 'escalate', scopes: ['identity:write'] } }, { token: secret });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('a MEMBER or MANAGER cannot create keys', async () => {
    for (const actor of [ws.member, ws.manager]) {
      const result = await t.gql(CreateApiKeyDocument, { input: { name: 'x', scopes: ['accounts:read'] } }, { token: actor.token });
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('a revoked key gets UNAUTHENTICATED over HTTP and its WebSocket connection is refused', async () => {
    const secret = await createApiKey(t, ws.admin.token, ['identity:read']);
    const { me } = expectData(await t.gql(MeDocument, {}, { token: secret }));
    expectData(await t.gql(RevokeApiKeyDocument, { input: { id: me.apiKey?.id as string } }, { token: ws.admin.token }));
    expect((await t.gql(MeDocument, {}, { token: secret })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await expect(wsExecute(t.ws(secret), MeDocument)).rejects.toMatchObject({ code: 4403 });
  });

  it('an expired key gets UNAUTHENTICATED', async () => {
    const secret = await createApiKey(t, ws.admin.token, ['identity:read'], new Date(Date.now() + 3000).toISOString());
    expect(expectData(await t.gql(MeDocument, {}, { token: secret })).me.kind).toBe('API_KEY');
    await new Promise((resolve) => setTimeout(resolve, 3100));
    expect((await t.gql(MeDocument, {}, { token: secret })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an unknown scope or a past expiry is BAD_USER_INPUT naming the field, and no key is written', async () => {
    const before = await t.app.db.query('SELECT count(*)::int AS n FROM api_keys');
    const badScope = await t.gql(CreateApiKeyDocument, { input: { name: 'x', scopes: ['accounts:admin'] } }, { token: ws.admin.token });
    expect(badScope.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.scopes.0' }] });
    const past = await t.gql(CreateApiKeyDocument, { input: { name: 'x', scopes: ['accounts:read'], expiresAt: '2020-01-01T00:00:00Z' } }, { token: ws.admin.token });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.expiresAt' }] });
    const after = await t.app.db.query('SELECT count(*)::int AS n FROM api_keys');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('credentials of open WebSocket connections', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ WS_REAUTH_INTERVAL_MS: '100' });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  const closeCodeOf = (socketUrl: string, token: string, onOpen: () => Promise<unknown>) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(socketUrl, 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
      socket.on('message', (raw) => {
        if (JSON.parse(String(raw)).type === 'connection_ack') void onOpen();
      });
      socket.on('close', (code) => resolve(code));
    });

  it('a connection whose API key is revoked is closed with 4401', async () => {
    const secret = await createApiKey(t, ws.admin.token, ['identity:read']);
    const { me } = expectData(await t.gql(MeDocument, {}, { token: secret }));
    const code = await closeCodeOf(`${t.url.replace('http', 'ws')}/graphql`, secret, () =>
      t.gql(RevokeApiKeyDocument, { input: { id: me.apiKey?.id as string } }, { token: ws.admin.token }),
    );
    expect(code).toBe(4401);
  });

  it('a connection of a member who is removed is closed with 4401', async () => {
    const leaver = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    const code = await closeCodeOf(`${t.url.replace('http', 'ws')}/graphql`, leaver.token, () =>
      t.gql(RemoveMemberDocument, { input: { memberId: leaver.memberId } }, { token: ws.admin.token }),
    );
    expect(code).toBe(4401);
  });
});
