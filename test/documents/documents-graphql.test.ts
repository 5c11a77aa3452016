import {
  AccountDocumentsDocument,
  AccountsWithDocumentsDocument,
  AccountTimelineDocument,
  AttachDocumentDocument,
  ContactDocumentsDocument,
  CreateDocumentTypeDocument,
  DocumentByIdDocument,
  RecordDocumentsDocument,
  RemoveDocumentDocument,
  UpsertAccountsDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createApiKey, createWorkspace, expectData, signUpOwner, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { codeOf, documentRowCounts, download, sha256, tinyPng } from './support';

const LIMIT = 2048;

describe('documents over GraphQL', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let typeId: string;
  const attach = async (token: string, recordId: string, bytes: Buffer, fileName = 'file.bin') =>
    expectData(
      await t.gql(AttachDocumentDocument, { input: { recordId, typeId, fileName, contentBase64: bytes.toString('base64') } }, { token }),
    ).attachDocument;

  beforeAll(async () => {
    t = await startTestApp({ MAX_UPLOAD_BYTES: String(LIMIT) });
    ws = await createWorkspace(t);
    typeId = expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Contract' } }, { token: ws.owner.token })).createDocumentType.id;
  });
  afterAll(() => t.stop());

  it('attachDocument takes base64, sniffs the type, and the bytes download over HTTP', async () => {
    const account = await createAccount(t, ws.member.token);
    const png = tinyPng();
    const document = await attach(ws.member.token, account.id, png, 'C:\\Users\\me\\scan.pdf');
    expect(document).toMatchObject({
      recordType: 'ACCOUNT',
      recordId: account.id,
      fileName: 'scan.pdf',
      contentType: 'image/png',
      sizeBytes: png.length,
      sha256: sha256(png),
      downloadUrl: `/documents/${document.id}/content`,
      type: { id: typeId, name: 'Contract' },
      createdBy: { kind: 'MEMBER', member: { id: ws.member.memberId } },
    });
    const fetched = await download(t, ws.admin.token, document.downloadUrl);
    expect(fetched.bytes.equals(png)).toBe(true);
  });

  it('invalid base64 is BAD_USER_INPUT, too large is PAYLOAD_TOO_LARGE, and neither writes anything', async () => {
    const account = await createAccount(t, ws.member.token);
    const before = await documentRowCounts(t);
    const input = { recordId: account.id, fileName: 'x.txt' };
    const invalid = await t.gql(AttachDocumentDocument, { input: { ...input, contentBase64: 'not base64!' } }, { token: ws.member.token });
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.contentBase64' }] });
    const tooLarge = await t.gql(
      AttachDocumentDocument,
      { input: { ...input, contentBase64: Buffer.alloc(LIMIT + 1, 'a').toString('base64') } },
      { token: ws.member.token },
    );
    expect(codeOf(tooLarge)).toBe('PAYLOAD_TOO_LARGE');
    const readOnlyKey = await createApiKey(t, ws.owner.token, ['accounts:read']);
    const refused = await t.gql(AttachDocumentDocument, { input: { ...input, contentBase64: 'eA==' } }, { token: readOnlyKey });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(await documentRowCounts(t)).toEqual(before);
  });

  it('the account timeline shows DOCUMENT_ATTACHED of a document attached to its contact; Contact.documents lists it', async () => {
    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: account.id });
    const document = await attach(ws.member.token, contact.id, Buffer.from('minutes'), 'minutes.txt');
    expect(document).toMatchObject({ recordType: 'CONTACT', recordId: contact.id, contentType: 'text/plain' });

    const { account: withTimeline } = expectData(
      await t.gql(AccountTimelineDocument, { id: account.id, kinds: ['DOCUMENT_ATTACHED'] }, { token: ws.member.token }),
    );
    expect(withTimeline.timeline.nodes).toEqual([
      expect.objectContaining({
        kind: 'DOCUMENT_ATTACHED',
        recordType: 'CONTACT',
        recordId: contact.id,
        accountId: account.id,
        data: { documentId: document.id, fileName: 'minutes.txt', contentType: 'text/plain', sizeBytes: 7, sha256: sha256(Buffer.from('minutes')) },
        actor: expect.objectContaining({ kind: 'MEMBER', member: { id: ws.member.memberId } }),
      }),
    ]);
    const { contact: withDocuments } = expectData(await t.gql(ContactDocumentsDocument, { id: contact.id }, { token: ws.member.token }));
    expect(withDocuments.documents.map((d) => d.id)).toEqual([document.id]);
    const { account: accountDocuments } = expectData(await t.gql(AccountDocumentsDocument, { id: account.id }, { token: ws.member.token }));
    expect(accountDocuments.documents).toEqual([]); // the account's own documents; the contact's are on the contact
  });

  it('documents(recordId) pages newest first; removeDocument deletes the bytes and leaves DOCUMENT_REMOVED', async () => {
    const account = await createAccount(t, ws.member.token);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await attach(ws.member.token, account.id, Buffer.from(`doc ${i}`), `doc${i}.txt`)).id);
    const first = expectData(await t.gql(RecordDocumentsDocument, { recordId: account.id, first: 2 }, { token: ws.member.token })).documents;
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((d) => d.id)).toEqual([ids[2], ids[1]]);
    const next = expectData(
      await t.gql(RecordDocumentsDocument, { recordId: account.id, first: 2, after: first.pageInfo.endCursor }, { token: ws.member.token }),
    ).documents;
    expect(next.nodes.map((d) => d.id)).toEqual([ids[0]]);
    expect(next.pageInfo.hasNextPage).toBe(false);

    expectData(await t.gql(RemoveDocumentDocument, { input: { id: ids[1] } }, { token: ws.member.token }));
    expect(codeOf(await t.gql(DocumentByIdDocument, { id: ids[1] }, { token: ws.member.token }))).toBe('NOT_FOUND');
    expect((await download(t, ws.member.token, `/documents/${ids[1]}/content`)).status).toBe(404);
    const [{ n }] = await t.app.db.query('SELECT count(*)::int AS n FROM document_contents WHERE document_id = $1', [ids[1]]);
    expect(n).toBe(0);
    const { account: withTimeline } = expectData(
      await t.gql(AccountTimelineDocument, { id: account.id, kinds: ['DOCUMENT_REMOVED'] }, { token: ws.member.token }),
    );
    expect(withTimeline.timeline.nodes).toEqual([expect.objectContaining({ recordId: account.id, data: expect.objectContaining({ documentId: ids[1], fileName: 'doc1.txt' }) })]);
    const { account: listed } = expectData(await t.gql(AccountDocumentsDocument, { id: account.id }, { token: ws.member.token }));
    expect(listed.documents.map((d) => d.id)).toEqual([ids[2], ids[0]]);
  });

  it('accounts { documents { type } } runs the same number of SQL statements for 5 and 50 accounts', async () => {
    const owner = await signUpOwner(t, 'Many documents');
    const manyTypeId = expectData(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Offer' } }, { token: owner.token })).createDocumentType.id;
    const rows = Array.from({ length: 50 }, (_, i) => ({ externalId: `N1-${i}`, name: `Account ${i}`, type: 'CUSTOMER' as const }));
    const created = expectData(await t.gql(UpsertAccountsDocument, { input: { rows } }, { token: owner.token })).upsertAccounts;
    for (const [i, row] of created.entries()) {
      expectData(
        await t.gql(
          AttachDocumentDocument,
          { input: { recordId: String(row.id), typeId: manyTypeId, fileName: `offer${i}.txt`, contentBase64: Buffer.from(`offer ${i}`).toString('base64') } },
          { token: owner.token },
        ),
      );
    }
    const run = async (first: number) => {
      let nodes: { documents: { type?: { name: string } | null }[] }[] = [];
      const statements = await t.countStatements(async () => {
        nodes = expectData(await t.gql(AccountsWithDocumentsDocument, { first }, { token: owner.token })).accounts.nodes;
      });
      expect(nodes).toHaveLength(first);
      for (const node of nodes) expect(node.documents).toEqual([{ id: expect.any(String), type: { name: 'Offer' } }]);
      return statements;
    };
    expect(await run(50)).toBe(await run(5));
  });
});
