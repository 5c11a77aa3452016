import {
  AccountDocumentsDocument,
  AccountsWithDocumentsDocument,
  ArchiveDocumentTypeDocument,
  AttachDocumentDocument,
  ContactDocumentsDocument,
  CreateDocumentTypeDocument,
  DocumentByIdDocument,
  DocumentTypesDocument,
  RecordDocumentsDocument,
  RemoveDocumentDocument,
  UpdateDocumentTypeDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { addMember, createApiKey, createWorkspace, expectData, signUpOwner, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { codeOf, documentRowCounts, download, upload } from './support';

const base64 = (text: string): string => Buffer.from(text).toString('base64');

/**
 * Another workspace's owner and API key, and a MEMBER with OWN scope who owns none of these records, probe every
 * query, field, mutation and HTTP endpoint of documents: NOT_FOUND (404), nothing seen, nothing written.
 */
describe('documents: isolation between workspaces and portfolios', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let typeId: string;
  const records: Record<'account' | 'contact' | 'loose', string> = { account: '', contact: '', loose: '' };
  const documents: Record<'account' | 'contact' | 'loose', string> = { account: '', contact: '', loose: '' };
  const outsiders: { label: string; token: string }[] = [];
  let ownMember: { token: string; memberId: string };

  beforeAll(async () => {
    t = await startTestApp({ MAX_UPLOAD_BYTES: '2048' });
    ws = await createWorkspace(t);
    typeId = expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Contract' } }, { token: ws.admin.token })).createDocumentType.id;
    records.account = (await createAccount(t, ws.member.token)).id;
    records.contact = (await createContact(t, ws.member.token, { accountId: records.account })).id;
    records.loose = (await createContact(t, ws.member.token)).id;
    for (const key of ['account', 'contact', 'loose'] as const) {
      const { attachDocument } = expectData(
        await t.gql(AttachDocumentDocument, { input: { recordId: records[key], typeId, fileName: `${key}.txt`, contentBase64: base64(key) } }, { token: ws.member.token }),
      );
      documents[key] = attachDocument.id;
    }
    const other = await signUpOwner(t, 'Other Co');
    ownMember = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    outsiders.push(
      { label: 'other workspace owner', token: other.token },
      { label: 'other workspace API key', token: await createApiKey(t, other.token, ['accounts:write']) },
      { label: 'OWN member who owns none of them', token: ownMember.token },
    );
  });
  afterAll(() => t.stop());

  it('queries and fields: document, documents, Account.documents, Contact.documents, accounts list', async () => {
    for (const { label, token } of outsiders) {
      for (const key of ['account', 'contact', 'loose'] as const) {
        expect([label, key, codeOf(await t.gql(DocumentByIdDocument, { id: documents[key] }, { token }))]).toEqual([label, key, 'NOT_FOUND']);
        expect([label, key, codeOf(await t.gql(RecordDocumentsDocument, { recordId: records[key] }, { token }))]).toEqual([label, key, 'NOT_FOUND']);
      }
      expect([label, codeOf(await t.gql(AccountDocumentsDocument, { id: records.account }, { token }))]).toEqual([label, 'NOT_FOUND']);
      for (const key of ['contact', 'loose'] as const) {
        expect([label, key, codeOf(await t.gql(ContactDocumentsDocument, { id: records[key] }, { token }))]).toEqual([label, key, 'NOT_FOUND']);
      }
      const { accounts } = expectData(await t.gql(AccountsWithDocumentsDocument, { first: 500 }, { token }));
      const seen = accounts.nodes.flatMap((node) => [node.id, ...node.documents.map((d) => d.id)]);
      expect([label, seen.filter((id) => [...Object.values(records), ...Object.values(documents)].includes(id))]).toEqual([label, []]);
    }
  });

  it('mutations: attachDocument and removeDocument are NOT_FOUND and write nothing', async () => {
    const before = await documentRowCounts(t);
    for (const { label, token } of outsiders) {
      for (const key of ['account', 'contact', 'loose'] as const) {
        const attached = await t.gql(AttachDocumentDocument, { input: { recordId: records[key], fileName: 'x.txt', contentBase64: base64('x') } }, { token });
        expect([label, key, codeOf(attached)]).toEqual([label, key, 'NOT_FOUND']);
        expect([label, key, codeOf(await t.gql(RemoveDocumentDocument, { input: { id: documents[key] } }, { token }))]).toEqual([label, key, 'NOT_FOUND']);
      }
    }
    expect(await documentRowCounts(t)).toEqual(before);
  });

  it('HTTP: uploads to their records and downloads of their documents are 404 and write nothing', async () => {
    const before = await documentRowCounts(t);
    for (const { label, token } of outsiders) {
      for (const key of ['account', 'contact', 'loose'] as const) {
        const uploaded = await upload(t, token, { recordId: records[key], file: { bytes: Buffer.from('intruder'), name: 'x.txt' } });
        expect([label, key, uploaded.status, uploaded.json.errors?.[0].extensions?.code]).toEqual([label, key, 404, 'NOT_FOUND']);
        const fetched = await download(t, token, `/documents/${documents[key]}/content`);
        expect([label, key, fetched.status, fetched.json?.errors?.[0].extensions?.code]).toEqual([label, key, 404, 'NOT_FOUND']);
        expect(fetched.bytes.toString('utf8')).not.toContain(key);
      }
    }
    expect(await documentRowCounts(t)).toEqual(before);
  });

  it('document types stay within their workspace', async () => {
    const [otherOwner, otherKey] = outsiders;
    for (const { label, token } of [otherOwner, otherKey]) {
      const { documentTypes } = expectData(await t.gql(DocumentTypesDocument, { includeArchived: true }, { token }));
      // Only their own workspace's seeded types, none of this workspace's.
      expect([label, documentTypes.map((row) => row.name)]).toEqual([label, ['Collection letter', 'Supporting document']]);
      expect(documentTypes.map((row) => row.id)).not.toContain(typeId);
      expect([label, codeOf(await t.gql(UpdateDocumentTypeDocument, { input: { id: typeId, name: 'Hijacked' } }, { token }))]).toEqual([label, 'NOT_FOUND']);
      expect([label, codeOf(await t.gql(ArchiveDocumentTypeDocument, { input: { id: typeId } }, { token }))]).toEqual([label, 'NOT_FOUND']);
    }
    // Their own record, our type: the type is unknown to them.
    const theirAccount = await createAccount(t, otherOwner.token);
    const foreignType = await t.gql(
      AttachDocumentDocument,
      { input: { recordId: theirAccount.id, typeId, fileName: 'x.txt', contentBase64: base64('x') } },
      { token: otherOwner.token },
    );
    expect(foreignType.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.typeId' }] });
    const [{ name }] = await t.app.db.query('SELECT name, archived_at FROM document_types WHERE id = $1', [typeId]);
    expect(name).toBe('Contract');
  });

  it('the OWN member works normally on an account they own (the probes above are not false negatives)', async () => {
    const mine = await createAccount(t, ownMember.token);
    const uploaded = await upload(t, ownMember.token, { recordId: mine.id, typeId, file: { bytes: Buffer.from('mine'), name: 'mine.txt' } });
    expect(uploaded.status).toBe(201);
    const path = String(uploaded.json.document?.downloadUrl);
    expect((await download(t, ownMember.token, path)).bytes.toString()).toBe('mine');
    const { account } = expectData(await t.gql(AccountDocumentsDocument, { id: mine.id }, { token: ownMember.token }));
    expect(account.documents.map((d) => d.fileName)).toEqual(['mine.txt']);
    // ...and the workspace's other members see its documents according to their own scope
    expect((await download(t, ws.member.token, path)).status).toBe(200);
    expect(codeOf(await t.gql(DocumentByIdDocument, { id: String(uploaded.json.document?.id) }, { token: outsiders[0].token }))).toBe('NOT_FOUND');
  });
});
