import { AttachDocumentDocument, CreateContactDocument, DocumentByIdDocument, UpdateContactDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { addMember, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('documents follow the record they are attached to', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('when a contact moves to an account of another seller, its documents become visible to the new owner only', async () => {
    const first = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const second = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const from = await createAccount(t, first.token);
    const to = await createAccount(t, second.token);
    const { createContact } = expectData(await t.gql(CreateContactDocument, { input: { accountId: from.id, firstName: 'Ana' } }, { token: first.token }));
    const { attachDocument } = expectData(
      await t.gql(
        AttachDocumentDocument,
        { input: { recordId: createContact.id, fileName: 'note.txt', contentBase64: Buffer.from('hola').toString('base64') } },
        { token: first.token },
      ),
    );
    expectData(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: first.token }));
    // An admin (scope ALL) moves the contact to the second seller's account.
    expectData(await t.gql(UpdateContactDocument, { input: { id: createContact.id, accountId: to.id } }, { token: ws.admin.token }));
    expect((await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: first.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expectData(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: second.token }));
    const download = await fetch(`${t.url}/documents/${attachDocument.id}/content`, { headers: { authorization: `Bearer ${first.token}` } });
    expect(download.status).toBe(404);
  });
});
