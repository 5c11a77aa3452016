import { randomBytes } from 'node:crypto';
import { CreateDocumentTypeDocument, DocumentByIdDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { documentRowCounts, download, sha256, tinyPng, upload, type HttpAnswer } from './support';

const LIMIT = 2048;

describe('documents over HTTP: POST /documents and GET /documents/:id/content', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let accountId: string;
  let contractTypeId: string;
  beforeAll(async () => {
    t = await startTestApp({ MAX_UPLOAD_BYTES: String(LIMIT) });
    ws = await createWorkspace(t);
    accountId = (await createAccount(t, ws.member.token)).id;
    const created = expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Contract' } }, { token: ws.admin.token }));
    contractTypeId = created.createDocumentType.id;
  });
  afterAll(() => t.stop());

  it('stores a PNG as image/png whatever the client claims, with its sha-256, and downloads the same bytes', async () => {
    const png = tinyPng();
    const uploaded = await upload(t, ws.member.token, {
      recordId: accountId,
      typeId: contractTypeId,
      file: { bytes: png, name: 'logo.pdf', claimedType: 'application/pdf' },
    });
    expect(uploaded.status).toBe(201);
    const document = uploaded.json.document as Record<string, string | number>;
    expect(document).toMatchObject({ fileName: 'logo.pdf', contentType: 'image/png', sizeBytes: png.length, sha256: sha256(png), typeId: contractTypeId });
    expect(document.downloadUrl).toBe(`/documents/${document.id}/content`);
    expect(uploaded.headers.get('location')).toBe(document.downloadUrl);

    const fetched = await download(t, ws.member.token, String(document.downloadUrl));
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(png)).toBe(true);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
    expect(fetched.headers.get('etag')).toBe(`"${sha256(png)}"`);
    expect(fetched.headers.get('content-disposition')).toBe(`attachment; filename="logo.pdf"; filename*=UTF-8''logo.pdf`);

    const cached = await download(t, ws.member.token, String(document.downloadUrl), { 'if-none-match': `"${sha256(png)}"` });
    expect(cached.status).toBe(304);
    expect(cached.bytes.length).toBe(0);

    const { document: overGraphql } = expectData(await t.gql(DocumentByIdDocument, { id: String(document.id) }, { token: ws.owner.token }));
    expect(overGraphql).toMatchObject({ contentType: 'image/png', type: { name: 'Contract' }, createdBy: { kind: 'MEMBER', member: { id: ws.member.memberId } } });
  });

  it('stores UTF-8 text as text/plain, binary as application/octet-stream, and encodes non-ASCII names (RFC 5987)', async () => {
    const text = Buffer.from('Acta de reunión: año 2025\nTodo en orden.\n', 'utf8');
    // Quotes in the file part's own name are percent-escaped by clients (WHATWG); the fileName field carries any name.
    const textual = await upload(t, ws.member.token, {
      recordId: accountId,
      fileName: 'acta reunión "final".txt',
      file: { bytes: text, name: 'acta.txt', claimedType: 'image/png' },
    });
    expect(textual.status).toBe(201);
    expect(textual.json.document).toMatchObject({ contentType: 'text/plain', fileName: 'acta reunión "final".txt', typeId: null });
    const fetched = await download(t, ws.member.token, String(textual.json.document?.downloadUrl));
    expect(fetched.headers.get('content-type')).toBe('text/plain');
    expect(fetched.bytes.toString('utf8')).toBe(text.toString('utf8'));
    expect(fetched.headers.get('content-disposition')).toBe(
      `attachment; filename="acta reuni_n _final_.txt"; filename*=UTF-8''acta%20reuni%C3%B3n%20%22final%22.txt`,
    );

    const binary = Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0xfe]), randomBytes(100)]);
    const blob = await upload(t, ws.member.token, { recordId: accountId, file: { bytes: binary, name: 'data.bin', claimedType: 'text/html' } });
    expect(blob.json.document).toMatchObject({ contentType: 'application/octet-stream', sizeBytes: binary.length });
    const html = await upload(t, ws.member.token, { recordId: accountId, file: { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'x.html', claimedType: 'text/html' } });
    expect(html.json.document).toMatchObject({ contentType: 'text/plain' });
  });

  it('keeps only a safe file name: no directories, control or bidi characters, at most 255 characters', async () => {
    const bytes = Buffer.from('hello');
    const traversal = await upload(t, ws.member.token, { recordId: accountId, fileName: '../../etc/pass\u0000wd\u202e.txt', file: { bytes, name: 'ignored.txt' } });
    expect(traversal.json.document).toMatchObject({ fileName: 'passwd.txt' });
    const long = await upload(t, ws.member.token, { recordId: accountId, file: { bytes, name: `${'n'.repeat(400)}.txt` } });
    const name = String(long.json.document?.fileName);
    expect(name).toHaveLength(255);
    expect(name.endsWith('.txt')).toBe(true);
    const before = await documentRowCounts(t);
    const nameless = await upload(t, ws.member.token, { recordId: accountId, fileName: '..', file: { bytes, name: '..' } });
    expect(nameless.status).toBe(400);
    expect(nameless.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.fileName' }] });
    expect(await documentRowCounts(t)).toEqual(before);
  });

  it('accepts exactly MAX_UPLOAD_BYTES; one byte more is 413 PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const exact = await upload(t, ws.member.token, { recordId: accountId, file: { bytes: Buffer.alloc(LIMIT, 'a'), name: 'exact.txt' } });
    expect(exact.status).toBe(201);
    const before = await documentRowCounts(t);
    const over = await upload(t, ws.member.token, { recordId: accountId, file: { bytes: Buffer.alloc(LIMIT + 1, 'a'), name: 'over.txt' } });
    expect(over.status).toBe(413);
    expect(over.json.errors?.[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT });
    // Refused while streaming (busboy), and up front from Content-Length: neither reads the whole body.
    for (const bytes of [randomBytes(50_000), randomBytes(300_000)]) {
      const refused = await upload(t, ws.member.token, { recordId: accountId, file: { bytes, name: 'big.bin' } });
      expect([bytes.length, refused.status, refused.json.errors?.[0].extensions?.code]).toEqual([bytes.length, 413, 'PAYLOAD_TOO_LARGE']);
    }
    expect(await documentRowCounts(t)).toEqual(before);
  });

  it('answers bad requests in the GraphQL error shape and writes nothing', async () => {
    const before = await documentRowCounts(t);
    const noFile = await upload(t, ws.member.token, { recordId: accountId });
    expect(noFile.status).toBe(400);
    expect(noFile.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.file' }] });
    const noRecord = await upload(t, ws.member.token, { file: { bytes: Buffer.from('x'), name: 'x.txt' } });
    expect(noRecord.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.recordId' }] });
    const empty = await upload(t, ws.member.token, { recordId: accountId, file: { bytes: Buffer.alloc(0), name: 'empty.txt' } });
    expect(empty.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.file' }] });
    const badType = await upload(t, ws.member.token, { recordId: accountId, typeId: 'nope', file: { bytes: Buffer.from('x'), name: 'x.txt' } });
    expect(badType.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.typeId' }] });
    const missingRecord = await upload(t, ws.member.token, { recordId: '00000000-0000-4000-8000-000000000000', file: { bytes: Buffer.from('x'), name: 'x.txt' } });
    expect(missingRecord.status).toBe(404);
    expect(missingRecord.json.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const json = await fetch(`${t.url}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.member.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recordId: accountId }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await documentRowCounts(t)).toEqual(before);
    const garbage = await download(t, ws.member.token, '/documents/not-a-uuid/content');
    expect(garbage.status).toBe(404);
    const wrongMethod = await fetch(`${t.url}/documents`, { method: 'PUT', headers: { authorization: `Bearer ${ws.member.token}` } });
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('a truncated multipart body is 400 BAD_USER_INPUT, and the same server goes on serving uploads', async () => {
    const before = await documentRowCounts(t);
    const cutShort = [
      // the request: the body ends inside the file part
      '--zzz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc',
      // with a field first, and cut inside a file part that is not expected (its stream is drained, not read)
      `--zzz\r\nContent-Disposition: form-data; name="recordId"\r\n\r\n${accountId}\r\n--zzz\r\nContent-Disposition: form-data; name="other"; filename="b"\r\n\r\nxyz`,
    ];
    for (const body of cutShort) {
      const response = await fetch(`${t.url}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ws.member.token}`, 'content-type': 'multipart/form-data; boundary=zzz' },
        body,
      });
      const json = (await response.json()) as HttpAnswer['json'];
      expect([response.status, json.errors?.[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    }
    expect(await documentRowCounts(t)).toEqual(before);
    const afterwards = await upload(t, ws.member.token, { recordId: accountId, file: { bytes: Buffer.from('still here'), name: 'ok.txt' } });
    expect(afterwards.status).toBe(201);
  });

  it('needs credentials (401), and an API key needs accounts:write to upload (403) and accounts:read to download', async () => {
    const before = await documentRowCounts(t);
    const file = { bytes: Buffer.from('x'), name: 'x.txt' };
    const anonymous = await upload(t, null, { recordId: accountId, file });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await upload(t, 'not-a-token', { recordId: accountId, file });
    expect(forged.status).toBe(401);
    const readOnlyKey = await createApiKey(t, ws.owner.token, ['accounts:read']);
    const refused = await upload(t, readOnlyKey, { recordId: accountId, file });
    expect(refused.status).toBe(403);
    expect(refused.json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherDomainKey = await createApiKey(t, ws.owner.token, ['leads:write']);
    expect((await upload(t, otherDomainKey, { recordId: accountId, file })).status).toBe(403);
    expect(await documentRowCounts(t)).toEqual(before);

    const writeKey = await createApiKey(t, ws.owner.token, ['accounts:write']);
    const created = await upload(t, writeKey, { recordId: accountId, file });
    expect(created.status).toBe(201);
    const path = String(created.json.document?.downloadUrl);
    expect((await download(t, readOnlyKey, path)).status).toBe(200);
    const noRead = await download(t, otherDomainKey, path);
    expect(noRead.status).toBe(403);
    expect(noRead.json?.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noAuth = await download(t, null, path);
    expect(noAuth.status).toBe(401);
    expect(noAuth.json?.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
