import { LogInDocument, MeDocument, RefreshSessionDocument, SignUpDocument, LogOutDocument } from '../generated/graphql';
import { expectData, PASSWORD, signUpOwner, uniqueEmail } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('sessions: sign-up, log-in, refresh', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_SECONDS: '120' });
  });
  afterAll(() => t.stop());

  it('signUp creates a workspace whose OWNER is logged in', async () => {
    const email = uniqueEmail();
    const { signUp } = expectData(
      await t.gql(SignUpDocument, {
        input: { workspaceName: 'Zeta', name: 'Zoe', email: email.toUpperCase(), password: PASSWORD, timeZone: 'America/Bogota' },
      }),
    );
    expect(signUp.workspace).toMatchObject({ name: 'Zeta', timeZone: 'America/Bogota' });
    expect(signUp.member).toMatchObject({ email, role: 'OWNER', accessScope: 'ALL', status: 'ACTIVE' });
    const { me } = expectData(await t.gql(MeDocument, {}, { token: signUp.accessToken }));
    expect(me).toMatchObject({ kind: 'MEMBER', workspace: { id: signUp.workspace.id }, member: { email } });
  });

  // Was "is a CONFLICT": issue 6 (email enumeration) makes a taken email answer as logIn does; see enumeration.test.ts.
  it('signUp with an email already registered and another password answers as a failed logIn, never CONFLICT', async () => {
    const owner = await signUpOwner(t);
    const result = await t.gql(SignUpDocument, {
      input: { workspaceName: 'Other', name: 'X', email: owner.email, password: 'another password entirely' },
    });
    expect(result.errors?.[0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('logIn returns tokens for the right password and UNAUTHENTICATED otherwise, without saying which part was wrong', async () => {
    const owner = await signUpOwner(t);
    const ok = expectData(await t.gql(LogInDocument, { input: { email: owner.email, password: PASSWORD } }));
    expect(ok.logIn.member.id).toBe(owner.memberId);
    const wrong = await t.gql(LogInDocument, { input: { email: owner.email, password: 'not the password' } });
    const unknown = await t.gql(LogInDocument, { input: { email: uniqueEmail(), password: PASSWORD } });
    expect(wrong.errors?.[0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.errors?.[0]).toMatchObject({ message: 'Invalid email or password', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('repeated failed log-ins for one email are refused with RATE_LIMITED and a retry-after, even with the right password', async () => {
    const owner = await signUpOwner(t);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await t.gql(LogInDocument, { input: { email: owner.email, password: 'wrong password!' } });
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    const locked = await t.gql(LogInDocument, { input: { email: owner.email, password: PASSWORD } });
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const retryAfter = locked.errors?.[0].extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(100);
    expect(retryAfter).toBeLessThanOrEqual(120);
  });

  it('refreshSession rotates the refresh token; a reused one is rejected and revokes the whole session', async () => {
    const owner = await signUpOwner(t);
    const first = expectData(await t.gql(RefreshSessionDocument, { input: { refreshToken: owner.refreshToken } }));
    expect(first.refreshSession.refreshToken).not.toBe(owner.refreshToken);
    expectData(await t.gql(MeDocument, {}, { token: first.refreshSession.accessToken }));

    const reused = await t.gql(RefreshSessionDocument, { input: { refreshToken: owner.refreshToken } });
    expect(reused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // The legitimate holder's newer token died with the family.
    const afterTheft = await t.gql(RefreshSessionDocument, { input: { refreshToken: first.refreshSession.refreshToken } });
    expect(afterTheft.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logOut revokes the refresh token', async () => {
    const owner = await signUpOwner(t);
    expect(expectData(await t.gql(LogOutDocument, { input: { refreshToken: owner.refreshToken } })).logOut).toBe(true);
    const result = await t.gql(RefreshSessionDocument, { input: { refreshToken: owner.refreshToken } });
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a guarded field without credentials, or with a forged token, is UNAUTHENTICATED', async () => {
    expect((await t.gql(MeDocument)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(MeDocument, {}, { token: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('sessions with short-lived tokens and sign-up disabled', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '3' });
  });
  afterAll(() => t.stop());

  it('an expired access token is UNAUTHENTICATED; refreshing gives a working one', async () => {
    const owner = await signUpOwner(t);
    await new Promise((resolve) => setTimeout(resolve, 4100));
    expect((await t.gql(MeDocument, {}, { token: owner.token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const { refreshSession } = expectData(await t.gql(RefreshSessionDocument, { input: { refreshToken: owner.refreshToken } }));
    expect(expectData(await t.gql(MeDocument, {}, { token: refreshSession.accessToken })).me.kind).toBe('MEMBER');
  });
});

describe('sign-up disabled by configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGNUP_ENABLED: 'false' });
  });
  afterAll(() => t.stop());

  it('signUp is FORBIDDEN and writes nothing', async () => {
    const email = uniqueEmail();
    const result = await t.gql(SignUpDocument, { input: { workspaceName: 'No', name: 'No', email, password: PASSWORD } });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const rows = await t.app.db.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
    expect(rows[0].n).toBe(0);
  });
});
