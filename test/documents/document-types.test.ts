import {
  ArchiveDocumentTypeDocument,
  AttachDocumentDocument,
  CreateDocumentTypeDocument,
  DocumentByIdDocument,
  DocumentTypesDocument,
  UpdateDocumentTypeDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { codeOf, documentRowCounts, upload } from './support';

const base64 = (text: string): string => Buffer.from(text).toString('base64');

describe('document types: a settings list edited by ADMIN and OWNER', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  const typeRows = async (): Promise<{ name: string; archived: boolean }[]> =>
    t.app.db.query('SELECT name, archived_at IS NOT NULL AS archived FROM document_types WHERE workspace_id = $1 ORDER BY name', [ws.workspaceId]);

  beforeAll(async () => {
    t = await startTestApp({ MAX_UPLOAD_BYTES: '2048' });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('MEMBER and MANAGER get FORBIDDEN on create, update and archive, and nothing is written', async () => {
    const { createDocumentType: type } = expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Invoice' } }, { token: ws.owner.token }));
    const before = await typeRows();
    for (const token of [ws.member.token, ws.manager.token]) {
      expect(codeOf(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Sneaky' } }, { token }))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(UpdateDocumentTypeDocument, { input: { id: type.id, name: 'Renamed' } }, { token }))).toBe('FORBIDDEN');
      expect(codeOf(await t.gql(ArchiveDocumentTypeDocument, { input: { id: type.id } }, { token }))).toBe('FORBIDDEN');
    }
    const readOnlyKey = await createApiKey(t, ws.owner.token, ['accounts:read']);
    expect(codeOf(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Keyed' } }, { token: readOnlyKey }))).toBe('FORBIDDEN');
    expect(await typeRows()).toEqual(before);
    // ...but everyone reads the list
    const { documentTypes } = expectData(await t.gql(DocumentTypesDocument, {}, { token: ws.member.token }));
    expect(documentTypes.map((row) => row.name)).toContain('Invoice');
  });

  it('ADMIN creates and renames, OWNER archives; names are unique per workspace ignoring case (CONFLICT) and validated', async () => {
    const { createDocumentType: created } = expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: '  Contract ' } }, { token: ws.admin.token }));
    expect(created).toMatchObject({ name: 'Contract', archivedAt: null });
    const twin = await t.gql(CreateDocumentTypeDocument, { input: { name: 'CONTRACT' } }, { token: ws.admin.token });
    expect(codeOf(twin)).toBe('CONFLICT');
    const blank = await t.gql(CreateDocumentTypeDocument, { input: { name: '   ' } }, { token: ws.admin.token });
    expect(blank.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.name' }] });
    const { updateDocumentType: renamed } = expectData(
      await t.gql(UpdateDocumentTypeDocument, { input: { id: created.id, name: 'Signed contract' } }, { token: ws.admin.token }),
    );
    expect(renamed.name).toBe('Signed contract');
    expect(codeOf(await t.gql(UpdateDocumentTypeDocument, { input: { id: created.id, name: 'invoice' } }, { token: ws.admin.token }))).toBe('CONFLICT');
    const { archiveDocumentType: archived } = expectData(await t.gql(ArchiveDocumentTypeDocument, { input: { id: created.id } }, { token: ws.owner.token }));
    expect(archived.archivedAt).not.toBeNull();
    const writeKey = await createApiKey(t, ws.owner.token, ['accounts:write']);
    expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Key made' } }, { token: writeKey }));
    expect(codeOf(await t.gql(UpdateDocumentTypeDocument, { input: { id: 'nope', name: 'X' } }, { token: ws.admin.token }))).toBe('NOT_FOUND');
  });

  it('an archived type cannot be used for new documents, but existing documents keep showing it', async () => {
    const account = await createAccount(t, ws.member.token);
    const { createDocumentType: type } = expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: 'ID copy' } }, { token: ws.admin.token }));
    const { attachDocument: document } = expectData(
      await t.gql(AttachDocumentDocument, { input: { recordId: account.id, typeId: type.id, fileName: 'id.txt', contentBase64: base64('id') } }, { token: ws.member.token }),
    );
    expectData(await t.gql(ArchiveDocumentTypeDocument, { input: { id: type.id } }, { token: ws.admin.token }));

    const before = await documentRowCounts(t);
    const overGraphql = await t.gql(
      AttachDocumentDocument,
      { input: { recordId: account.id, typeId: type.id, fileName: 'id2.txt', contentBase64: base64('id2') } },
      { token: ws.member.token },
    );
    expect(overGraphql.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.typeId' }] });
    const overHttp = await upload(t, ws.member.token, { recordId: account.id, typeId: type.id, file: { bytes: Buffer.from('id3'), name: 'id3.txt' } });
    expect(overHttp.status).toBe(400);
    expect(overHttp.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.typeId' }] });
    expect(await documentRowCounts(t)).toEqual(before);

    const { document: reread } = expectData(await t.gql(DocumentByIdDocument, { id: document.id }, { token: ws.member.token }));
    expect(reread.type).toMatchObject({ id: type.id, name: 'ID copy' });
    expect(reread.type?.archivedAt).not.toBeNull();
    const active = expectData(await t.gql(DocumentTypesDocument, {}, { token: ws.member.token })).documentTypes.map((row) => row.id);
    expect(active).not.toContain(type.id);
    const all = expectData(await t.gql(DocumentTypesDocument, { includeArchived: true }, { token: ws.member.token })).documentTypes.map((row) => row.id);
    expect(all).toContain(type.id);
  });
});
