import { request } from 'node:http';
import {
  ArchiveWebFormDocument,
  CreateLeadAssignmentRuleDocument,
  CreateWebFormDocument,
  UpdateWebFormDocument,
  WebFormLeadsDocument,
  WebFormsDocument,
} from '../generated/graphql';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { leadCount } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { createContactForm, postForm } from '../support/web-form-factories';

/** A urlencoded post as a browser navigation would send it (headers exactly as given). */
const rawPost = (url: string, body: string, headers: Record<string, string>): Promise<{ status: number; location: string | undefined }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end(body);
  });

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const fieldsOf = (answer: Answer) => (answer.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);
const formProblems = (answer: { json: { errors?: { extensions: Record<string, unknown> }[] } | null }) =>
  (answer.json?.errors?.[0]?.extensions.fields as { path: string; message: string }[] | undefined) ?? [];

const leadsOfForm = async (t: TestApp, token: string, formId: string) =>
  expectData(await t.gql(WebFormLeadsDocument, {}, { token })).leads.nodes.filter((lead) => lead.sourceDetails?.formId === formId);

describe('web forms: the definition (ADMIN+) and the public endpoint POST /forms/:key', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Forms');
  });
  afterAll(() => t.stop());

  it('an admin defines a form with an unguessable public key and the WEB_FORM source; members read it; members cannot create one', async () => {
    const form = await createContactForm(t, ws.admin.token);
    expect(form.publicKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(form).toMatchObject({ active: true, version: 1, source: { code: 'WEB_FORM' }, allowedOrigins: ['https://www.example.com'], postPath: `/forms/${form.publicKey}` });
    expect(form.fields.find((field) => field.name === 'topic')).toMatchObject({ type: 'SELECT', options: ['Sales', 'Support'], required: false, mapsTo: null });
    const listed = expectData(await t.gql(WebFormsDocument, {}, { token: ws.member.token })).webForms;
    expect(listed.map((f) => f.id)).toContain(form.id);
    const refused = await t.gql(CreateWebFormDocument, { input: { name: 'Mine', fields: [{ name: 'email', label: 'E', type: 'EMAIL', mapsTo: 'EMAIL' }] } }, { token: ws.member.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
  });

  it('an invalid definition is BAD_USER_INPUT naming each problem: mapping, names, options, origins, redirect', async () => {
    const answer = await t.gql(
      CreateWebFormDocument,
      {
        input: {
          name: 'Broken',
          fields: [
            { name: 'email', label: 'Email', type: 'TEXT', mapsTo: 'EMAIL' },
            { name: 'Email', label: 'Again', type: 'EMAIL' },
            { name: 'utm_source', label: 'Sneaky', type: 'TEXT' },
            { name: 'choice', label: 'Pick', type: 'SELECT' },
            { name: 'a', label: 'A', type: 'TEXT', mapsTo: 'PERSON_NAME' },
            { name: 'b', label: 'B', type: 'TEXT', mapsTo: 'PERSON_NAME' },
          ],
          allowedOrigins: ['https://ok.example.com', 'https://bad.example.com/path', '*'],
          redirectUrl: 'javascript:alert(1)',
        },
      },
      { token: ws.admin.token },
    );
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(answer)?.sort()).toEqual(
      [
        'input.fields.0.mapsTo',
        'input.fields.1.name',
        'input.fields.2.name',
        'input.fields.3.options',
        'input.fields.5.mapsTo',
        'input.allowedOrigins.1',
        'input.allowedOrigins.2',
        'input.redirectUrl',
      ].sort(),
    );
    const nothingForATitle = await t.gql(CreateWebFormDocument, { input: { name: 'Notes only', fields: [{ name: 'note', label: 'Note', type: 'TEXT' }] } }, { token: ws.admin.token });
    expect(fieldsOf(nothingForATitle)).toEqual(['input.fields']);
    expect(expectData(await t.gql(WebFormsDocument, { includeArchived: true }, { token: ws.admin.token })).webForms.map((f) => f.name)).not.toContain('Broken');
  });

  it('a urlencoded post creates a WEB_FORM lead through the lead service: mapped fields, notes, UTM from the page URL, referrer, SYSTEM actor', async () => {
    const form = await createContactForm(t, ws.admin.token);
    const answer = await postForm(
      t.url,
      form.publicKey,
      { name: 'Ana Pérez', email: 'Ana@Example.COM', company: 'Pérez SL', phone: '+34 612 345 678', topic: 'Sales', message: 'Call me' },
      { headers: { referer: 'https://www.example.com/pricing?utm_source=newsletter&utm_campaign=spring' } },
    );
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({ ok: true, message: 'Thank you, we will be in touch.', redirectUrl: null });
    const [lead] = await leadsOfForm(t, ws.owner.token, form.id);
    expect(lead).toMatchObject({
      title: 'Pérez SL',
      companyName: 'Pérez SL',
      personName: 'Ana Pérez',
      emails: ['ana@example.com'],
      phones: ['+34612345678'],
      notes: 'Topic: Sales\nMessage: Call me',
      status: 'NEW',
      source: { code: 'WEB_FORM' },
      sourceDetails: { formId: form.id, referrer: 'https://www.example.com/pricing?utm_source=newsletter&utm_campaign=spring', utm: { source: 'newsletter', campaign: 'spring', medium: null } },
      assignee: null,
      createdBy: { kind: 'SYSTEM' },
    });
  });

  it('a JSON post takes posted UTM fields, and the form\'s assignment rule routes its leads', async () => {
    const { createLeadAssignmentRule: rule } = expectData(
      await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: `Forms to member ${Date.now()}`, kind: 'FIXED', assigneeId: ws.member.memberId } }, { token: ws.admin.token }),
    );
    const form = await createContactForm(t, ws.admin.token, { assignmentRuleId: rule.id });
    const answer = await postForm(
      t.url,
      form.publicKey,
      { name: 'Bo', email: 'bo@example.com', utm_source: 'ads', utm_medium: 'cpc', _page: 'https://www.example.com/?utm_source=ignored', _referrer: 'https://search.example/' },
      { json: true },
    );
    expect(answer.status).toBe(201);
    const [lead] = await leadsOfForm(t, ws.member.token, form.id);
    expect(lead).toMatchObject({ title: 'Bo', assignee: { id: ws.member.memberId }, sourceDetails: { referrer: 'https://search.example/', utm: { source: 'ads', medium: 'cpc' } } });
  });

  it('invalid values are 400 BAD_USER_INPUT with every field named, and nothing is written', async () => {
    const form = await createContactForm(t, ws.admin.token);
    const before = await leadCount(t, ws.workspaceId);
    const answer = await postForm(t.url, form.publicKey, { name: '  ', email: 'not-an-email', phone: '12', topic: 'Other' }, { json: true });
    expect(answer.status).toBe(400);
    expect(answer.json?.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(formProblems(answer).map((p) => p.path).sort()).toEqual(['email', 'name', 'phone', 'topic']);
    expect(formProblems(answer).find((p) => p.path === 'topic')?.message).toBe('must be one of: Sales, Support');
    const notAnObject = await postForm(t.url, form.publicKey, {}, { json: true, headers: { 'content-type': 'application/json' } });
    expect(notAnObject.status).toBe(400);
    const badJson = await fetch(`${t.url}/forms/${form.publicKey}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(badJson.status).toBe(400);
    const wrongType = await fetch(`${t.url}/forms/${form.publicKey}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(wrongType.status).toBe(400);
    expect(await leadCount(t, ws.workspaceId)).toBe(before);
  });

  it('a honeypot hit is answered exactly as a success and creates nothing', async () => {
    const form = await createContactForm(t, ws.admin.token);
    const before = await leadCount(t, ws.workspaceId);
    const answer = await postForm(t.url, form.publicKey, { name: 'Bot', email: 'bot@spam.example', _website: 'http://spam.example' });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({ ok: true, message: 'Thank you, we will be in touch.', redirectUrl: null });
    expect(await leadCount(t, ws.workspaceId)).toBe(before);
  });

  it('an unknown, inactive or archived key is 404 NOT_FOUND for posts, preflights and the widget', async () => {
    const inactive = await createContactForm(t, ws.admin.token, { active: false });
    const archived = await createContactForm(t, ws.admin.token);
    expectData(await t.gql(ArchiveWebFormDocument, { input: { id: archived.id } }, { token: ws.admin.token }));
    for (const key of ['A'.repeat(32), 'nope', inactive.publicKey, archived.publicKey]) {
      const post = await postForm(t.url, key, { name: 'X', email: 'x@example.com' });
      expect(post.status).toBe(404);
      expect(post.json?.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await fetch(`${t.url}/forms/${key}`, { method: 'OPTIONS', headers: { origin: 'https://www.example.com' } })).status).toBe(404);
      expect((await fetch(`${t.url}/forms/${key}/widget.js`)).status).toBe(404);
    }
  });

  it('CORS: the preflight is answered for the allowed origins only, and a post from another origin is refused', async () => {
    const form = await createContactForm(t, ws.admin.token);
    const allowed = await fetch(`${t.url}/forms/${form.publicKey}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.example.com');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    const refused = await fetch(`${t.url}/forms/${form.publicKey}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const before = await leadCount(t, ws.workspaceId);
    const foreign = await postForm(t.url, form.publicKey, { name: 'X', email: 'x@example.com' }, { json: true, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await leadCount(t, ws.workspaceId)).toBe(before);
    const fromAllowed = await postForm(t.url, form.publicKey, { name: 'Y', email: 'y@example.com' }, { json: true, headers: { origin: 'https://www.example.com' } });
    expect(fromAllowed.status).toBe(201);
    expect(fromAllowed.headers.get('access-control-allow-origin')).toBe('https://www.example.com');
    expect(fromAllowed.headers.get('vary')).toContain('Origin');
  });

  it('a redirect form answers a plain browser post with 303 to its URL, and fetch with JSON', async () => {
    const form = await createContactForm(t, ws.admin.token, { redirectUrl: 'https://www.example.com/thanks' });
    // node:http, as fetch would set Sec-Fetch-Mode: cors itself.
    const navigation = await rawPost(`${t.url}/forms/${form.publicKey}`, 'name=Nav&email=nav%40example.com', { 'sec-fetch-mode': 'navigate', accept: 'text/html' });
    expect(navigation).toEqual({ status: 303, location: 'https://www.example.com/thanks' });
    const legacyBrowser = await rawPost(`${t.url}/forms/${form.publicKey}`, 'name=Old&email=old%40example.com', { accept: 'text/html,application/xhtml+xml' });
    expect(legacyBrowser.status).toBe(303);
    const viaFetch = await postForm(t.url, form.publicKey, { name: 'Fetch', email: 'fetch@example.com' }, { json: true, headers: { 'sec-fetch-mode': 'cors' } });
    expect(viaFetch.status).toBe(201);
    expect(viaFetch.json).toMatchObject({ ok: true, redirectUrl: 'https://www.example.com/thanks' });
    expect(await leadsOfForm(t, ws.owner.token, form.id)).toHaveLength(3);
  });

  it('updateWebForm changes what posts accept, checks expectedVersion, and keeps the public key', async () => {
    const form = await createContactForm(t, ws.admin.token);
    const updated = expectData(
      await t.gql(UpdateWebFormDocument, { input: { id: form.id, expectedVersion: form.version, fields: [{ name: 'mail', label: 'Mail', type: 'EMAIL', required: true, mapsTo: 'EMAIL' }], thankYouMessage: '¡Gracias!' } }, { token: ws.admin.token }),
    ).updateWebForm;
    expect(updated).toMatchObject({ publicKey: form.publicKey, version: form.version + 1, thankYouMessage: '¡Gracias!' });
    const stale = await t.gql(UpdateWebFormDocument, { input: { id: form.id, expectedVersion: form.version, name: 'Late' } }, { token: ws.admin.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH', currentVersion: form.version + 1 });
    expect(formProblems(await postForm(t.url, form.publicKey, { email: 'a@example.com' })).map((p) => p.path)).toEqual(['mail']);
    expect((await postForm(t.url, form.publicKey, { mail: 'a@example.com' })).json).toMatchObject({ ok: true, message: '¡Gracias!' });
  });

  it('a post lands in the form\'s workspace only: another workspace sees no lead of it and cannot list or change the form', async () => {
    const other = await createWorkspace(t, 'Elsewhere');
    const form = await createContactForm(t, ws.admin.token);
    const before = await leadCount(t, other.workspaceId);
    expect((await postForm(t.url, form.publicKey, { name: 'Iso', email: 'iso@example.com' })).status).toBe(201);
    expect(await leadCount(t, other.workspaceId)).toBe(before);
    expect(await leadsOfForm(t, other.owner.token, form.id)).toEqual([]);
    expect(await leadsOfForm(t, ws.owner.token, form.id)).toHaveLength(1);
    expect(expectData(await t.gql(WebFormsDocument, { includeArchived: true }, { token: other.owner.token })).webForms.map((f) => f.id)).not.toContain(form.id);
    const hijack = await t.gql(UpdateWebFormDocument, { input: { id: form.id, allowedOrigins: ['https://evil.example'] } }, { token: other.owner.token });
    expect(hijack.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('idle rate-limit buckets are pruned (the daily task)', async () => {
    await t.app.db.query("INSERT INTO rate_limit_buckets (key, tokens, updated_at) VALUES ('test:old', 0, now() - interval '2 days'), ('test:new', 0, now())");
    expect(await t.app.services.rateLimits.prune()).toBeGreaterThanOrEqual(1);
    const keys = ((await t.app.db.query("SELECT key FROM rate_limit_buckets WHERE key LIKE 'test:%'")) as { key: string }[]).map((row) => row.key);
    expect(keys).toEqual(['test:new']);
  });

  it('serves widget.js as cacheable JavaScript with an ETag', async () => {
    const form = await createContactForm(t, ws.admin.token);
    const response = await fetch(`${t.url}/forms/${form.publicKey}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await response.text();
    expect(script).toContain(form.publicKey);
    expect(script).toContain('_website');
    const etag = response.headers.get('etag') as string;
    expect((await fetch(`${t.url}/forms/${form.publicKey}/widget.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });
});

describe('web forms: rate limits shared by every instance (PostgreSQL token buckets)', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp({ FORM_POSTS_PER_IP_PER_MINUTE: '4', FORM_POSTS_PER_FORM_PER_MINUTE: '6' });
    // A second instance on the same database, behind one trusted proxy.
    b = await startTestApp({ DATABASE_URL: a.databaseUrl, FORM_POSTS_PER_IP_PER_MINUTE: '4', FORM_POSTS_PER_FORM_PER_MINUTE: '6', TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('a sender gets 4 posts per minute across both instances, then 429 RATE_LIMITED with Retry-After; the form 6 in all', async () => {
    const ws = await createWorkspace(a, 'Limits');
    const form = await createContactForm(a, ws.admin.token);
    const post = (app: TestApp, n: number, headers: Record<string, string> = {}) =>
      postForm(app.url, form.publicKey, { name: `Sender ${n}`, email: `s${n}@example.com` }, { json: true, headers });
    expect([(await post(a, 1)).status, (await post(b, 2)).status, (await post(a, 3)).status, (await post(b, 4)).status]).toEqual([201, 201, 201, 201]);
    for (const app of [a, b]) {
      const limited = await post(app, 5);
      expect(limited.status).toBe(429);
      expect(limited.json?.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(limited.json?.errors?.[0].extensions.retryAfterSeconds).toBe(retryAfter);
    }
    // Without TRUST_PROXY a forwarded address is ignored (still the same sender); behind the trusted proxy it is another one.
    expect((await post(a, 6, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await post(b, 7, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(201);
    expect((await post(b, 8, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(201);
    // The form's own bucket (6) is now empty, whoever sends.
    const formLimited = await post(b, 9, { 'x-forwarded-for': '203.0.113.9' });
    expect(formLimited.status).toBe(429);
    expect(await leadCount(a, ws.workspaceId)).toBe(6);
  });
});
