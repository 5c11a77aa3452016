import {
  AddCommentDocument,
  AttachDocumentDocument,
  ContinueFollowUpDocument,
  DocumentByIdDocument,
  DocumentTypesDocument,
  FollowUpChainDocumentsDocument,
  FollowUpDocumentsDocument,
  RecordDocumentsDocument,
  TimelineEventAddedDocument,
  UpdateContactDocument,
  UpdateFollowUpDocument,
} from '../generated/graphql';
import { codeOf, documentRowCounts, download, upload } from '../documents/support';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { addMember, createApiKey, createWorkspace, expectData, signUpOwner, type Actor, type TestWorkspace } from '../support/factories';
import { createFollowUp, followUpTypeId } from '../support/follow-up-factories';
import { createLead } from '../support/lead-factories';
import { subscribe } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';

const base64 = (text: string): string => Buffer.from(text).toString('base64');

/**
 * Follow-ups are a record kind: documents (collection letters, supporting documents) and comments attach to
 * them, and they are exactly as visible as the follow-up: its target's portfolio, and always its assignee.
 */
describe('documents on follow-ups', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  /** Owns the account (MEMBER, OWN scope): sees it through the target. */
  let seller: Actor;
  /** The follow-ups' assignee (MEMBER, OWN scope, owns nothing): sees them only as their assignee. */
  let assignee: Actor;
  /** MEMBER, OWN scope, neither owner nor assignee. */
  let outsider: Actor;
  let collectionLetter: string;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    seller = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    assignee = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    outsider = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    const types = expectData(await t.gql(DocumentTypesDocument, {}, { token: seller.token })).documentTypes;
    collectionLetter = types.find((type) => type.name === 'Collection letter')!.id;
    accountId = (await createAccount(t, seller.token)).id;
  });
  afterAll(() => t.stop());

  const followUpOn = (targetId: string, targetType: 'ACCOUNT' | 'LEAD' | 'CONTACT' = 'ACCOUNT') =>
    createFollowUp(t, seller.token, targetId, { targetType, assigneeId: assignee.memberId, subject: 'Collect invoice 42' });

  const attach = (token: string, recordId: string, fileName = 'letter.txt') =>
    t.gql(AttachDocumentDocument, { input: { recordId, typeId: collectionLetter, fileName, contentBase64: base64('Dear customer') } }, { token });

  const documentsOf = async (token: string, followUpId: string) =>
    expectData(await t.gql(FollowUpDocumentsDocument, { id: followUpId }, { token })).followUp.documents.map((d) => d.fileName);

  it('a collection letter attached over GraphQL is the follow-up\'s, of the seeded type, for the target\'s owner and the assignee', async () => {
    const followUp = await followUpOn(accountId);
    const { attachDocument } = expectData(await attach(seller.token, followUp.id));
    expect(attachDocument).toMatchObject({ recordType: 'FOLLOW_UP', recordId: followUp.id, type: { name: 'Collection letter' } });

    for (const reader of [seller, assignee, ws.owner]) {
      expect(await documentsOf(reader.token, followUp.id)).toEqual(['letter.txt']);
      const page = expectData(await t.gql(RecordDocumentsDocument, { recordId: followUp.id }, { token: reader.token })).documents;
      expect(page.nodes.map((d) => d.id)).toEqual([attachDocument.id]);
      expect(expectData(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: reader.token })).document.id).toBe(attachDocument.id);
      const file = await download(t, reader.token, attachDocument.downloadUrl);
      expect([file.status, file.bytes.toString()]).toEqual([200, 'Dear customer']);
    }
  });

  it('the assignee, outside the target\'s portfolio, uploads over POST /documents and the target\'s owner reads it', async () => {
    const followUp = await followUpOn(accountId);
    const sent = await upload(t, assignee.token, {
      recordId: followUp.id,
      typeId: collectionLetter,
      file: { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), name: 'reminder.pdf' },
    });
    expect(sent.status).toBe(201);
    expect(sent.json.document).toMatchObject({ recordType: 'FOLLOW_UP', recordId: followUp.id });
    expect(await documentsOf(seller.token, followUp.id)).toEqual(['reminder.pdf']);
    expect(await documentsOf(assignee.token, followUp.id)).toEqual(['reminder.pdf']);
  });

  it('another workspace and an out-of-scope member get NOT_FOUND (list, document, download, attach) and write nothing', async () => {
    const followUp = await followUpOn(accountId);
    const { attachDocument } = expectData(await attach(seller.token, followUp.id));
    const other = await signUpOwner(t, 'Other Co');
    const probes = [
      { label: 'out-of-scope member', token: outsider.token },
      { label: 'TEAM manager', token: ws.manager.token },
      { label: 'other workspace owner', token: other.token },
      { label: 'other workspace API key', token: await createApiKey(t, other.token, ['accounts:write', 'followups:read', 'followups:write']) },
    ];
    const before = await documentRowCounts(t);
    for (const { label, token } of probes) {
      expect([label, codeOf(await t.gql(FollowUpDocumentsDocument, { id: followUp.id }, { token }))]).toEqual([label, 'NOT_FOUND']);
      expect([label, codeOf(await t.gql(RecordDocumentsDocument, { recordId: followUp.id }, { token }))]).toEqual([label, 'NOT_FOUND']);
      expect([label, codeOf(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token }))]).toEqual([label, 'NOT_FOUND']);
      expect([label, (await download(t, token, attachDocument.downloadUrl)).status]).toEqual([label, 404]);
      expect([label, codeOf(await attach(token, followUp.id))]).toEqual([label, 'NOT_FOUND']);
      const sent = await upload(t, token, { recordId: followUp.id, file: { bytes: Buffer.from('x'), name: 'x.txt' } });
      expect([label, sent.status, sent.json.errors?.[0]?.extensions.code]).toEqual([label, 404, 'NOT_FOUND']);
    }
    expect(await documentRowCounts(t)).toEqual(before);
  });

  it('on a lead: the lead\'s assignee and the follow-up\'s assignee see its documents, an out-of-scope member does not', async () => {
    const lead = await createLead(t, seller.token, { assigneeId: seller.memberId });
    const followUp = await followUpOn(lead.id, 'LEAD');
    const { attachDocument } = expectData(await attach(assignee.token, followUp.id, 'lead-letter.txt'));
    expect(await documentsOf(seller.token, followUp.id)).toEqual(['lead-letter.txt']);
    expect(await documentsOf(assignee.token, followUp.id)).toEqual(['lead-letter.txt']);
    expect(codeOf(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: outsider.token }))).toBe('NOT_FOUND');
    expect((await download(t, outsider.token, attachDocument.downloadUrl)).status).toBe(404);
  });

  it('the documents follow the follow-up: a former assignee no longer sees them, the new one does', async () => {
    const followUp = await followUpOn(accountId);
    const { attachDocument } = expectData(await attach(seller.token, followUp.id));
    expectData(await t.gql(UpdateFollowUpDocument, { input: { id: followUp.id, assigneeId: outsider.memberId } }, { token: seller.token }));
    expect(codeOf(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: assignee.token }))).toBe('NOT_FOUND');
    expect((await download(t, assignee.token, attachDocument.downloadUrl)).status).toBe(404);
    expect(expectData(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: outsider.token })).document.id).toBe(attachDocument.id);
  });

  it('continuing a follow-up starts the next step without documents; the closed step keeps its own', async () => {
    const first = await followUpOn(accountId);
    expectData(await attach(seller.token, first.id, 'first-letter.txt'));
    const { continueFollowUp: next } = expectData(
      await t.gql(
        ContinueFollowUpDocument,
        { input: { id: first.id, outcome: 'FAILURE', note: 'No answer', next: { subject: 'Second notice', typeId: await followUpTypeId(t, seller.token), dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(), assigneeId: assignee.memberId } } },
        { token: seller.token },
      ),
    );
    expect(await documentsOf(seller.token, next.id)).toEqual([]);
    const chain = expectData(await t.gql(FollowUpChainDocumentsDocument, { id: next.id }, { token: assignee.token })).followUp.chain;
    expect(chain.map((step) => [step.id, step.status, step.documents.map((d) => d.fileName)])).toEqual([
      [first.id, 'DONE', ['first-letter.txt']],
      [next.id, 'OPEN', []],
    ]);
  });

  it('when its target moves to another account, a follow-up\'s documents take the new anchor in the same command', async () => {
    const contact = await createContact(t, seller.token, { accountId });
    const followUp = await followUpOn(contact.id, 'CONTACT');
    const { attachDocument } = expectData(await attach(seller.token, followUp.id));
    const target = (await createAccount(t, seller.token)).id;
    expectData(await t.gql(UpdateContactDocument, { input: { id: contact.id, accountId: target } }, { token: seller.token }));
    const [row] = (await t.app.db.query('SELECT account_id FROM documents WHERE id = $1', [attachDocument.id])) as { account_id: string }[];
    expect(row.account_id).toBe(target);
    expect(await documentsOf(seller.token, followUp.id)).toEqual(['letter.txt']);
    expect(await documentsOf(assignee.token, followUp.id)).toEqual(['letter.txt']);
  });

  it('comments land on the follow-up and reach a timelineEventAdded subscriber of the follow-up (the assignee)', async () => {
    const followUp = await followUpOn(accountId);
    const live = subscribe(t.ws(assignee.token), TimelineEventAddedDocument, { recordId: followUp.id });
    const comment = () => t.gql(AddCommentDocument, { input: { recordId: followUp.id, body: 'Called, promised to pay Friday' } }, { token: seller.token });
    await live.waitUntilLive(comment);
    expectData(await comment());
    const pushed = await live.next();
    expect(pushed.data?.timelineEventAdded).toMatchObject({ kind: 'COMMENT_ADDED', recordType: 'FOLLOW_UP', recordId: followUp.id });
    expectData(await attach(assignee.token, followUp.id));
    expect((await live.next()).data?.timelineEventAdded).toMatchObject({ kind: 'DOCUMENT_ATTACHED', recordId: followUp.id });
    live.close();
    const closed = subscribe(t.ws(outsider.token), TimelineEventAddedDocument, { recordId: followUp.id });
    expect(codeOf(await closed.next())).toBe('NOT_FOUND');
    closed.close();
    expect(codeOf(await t.gql(AddCommentDocument, { input: { recordId: followUp.id, body: 'x' } }, { token: outsider.token }))).toBe('NOT_FOUND');
  });
});
