import { InboundAccountTimelineDocument, InboundContactDocument, InboundLeadDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createLead, leadCount } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { codeOf, fieldsOf, inboundRowCounts, newMessageId, postEmail, rfc822 } from './support';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const UPLOAD_LIMIT = 4096;
const EMAIL_LIMIT = 16_384;

describe('POST /inbound/email: a raw RFC 822 message is filed on its sender or creates a lead', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT), INBOUND_EMAIL_MAX_BYTES: String(EMAIL_LIMIT) });
    ws = await createWorkspace(t);
    key = await createApiKey(t, ws.owner.token, ['leads:write', 'accounts:read']);
  });
  afterAll(() => t.stop());

  it('an unknown sender creates a lead (source EMAIL, subject, sender, text, message id) with the attachment as its document', async () => {
    const messageId = newMessageId();
    const raw = rfc822({
      from: '"Laura Gómez" <Laura.Gomez@Prospect.example.test>',
      subject: 'Quote for 20 licences',
      text: 'Hello,\r\nWe would like a quote.\r\nLaura',
      messageId,
      attachments: [{ name: 'requirements.pdf', type: 'application/pdf', bytes: pdf }],
    });
    const answer = await postEmail(t, key, raw);
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ duplicate: false, messageId, outcome: 'LEAD_CREATED', record: { type: 'LEAD', accountId: null } });
    const leadId = (answer.json.lead as { id: string }).id;
    expect((answer.json.record as { id: string }).id).toBe(leadId);
    expect(answer.json.documents).toEqual([expect.objectContaining({ fileName: 'requirements.pdf', contentType: 'application/pdf', sizeBytes: pdf.length })]);

    const { lead } = expectData(await t.gql(InboundLeadDocument, { id: leadId }, { token: ws.owner.token }));
    expect(lead).toMatchObject({
      title: 'Quote for 20 licences',
      personName: 'Laura Gómez',
      emails: ['laura.gomez@prospect.example.test'],
      status: 'NEW',
      source: { code: 'EMAIL' },
      sourceDetails: { messageId, callerNumber: null },
      // An API key's lead with no assignment rule stays unassigned, for the managers to take.
      assignee: null,
    });
    expect(lead.notes).toBe('Hello,\nWe would like a quote.\nLaura');
    expect(lead.documents).toEqual([expect.objectContaining({ fileName: 'requirements.pdf', contentType: 'application/pdf' })]);
    expect(lead.timeline.nodes.map((entry) => entry.kind).sort()).toEqual(['DOCUMENT_ATTACHED', 'EMAIL_RECEIVED', 'LEAD_CREATED']);
    const received = lead.timeline.nodes.find((entry) => entry.kind === 'EMAIL_RECEIVED');
    expect(received?.data).toMatchObject({
      messageId,
      subject: 'Quote for 20 licences',
      from: 'laura.gomez@prospect.example.test',
      fromName: 'Laura Gómez',
      to: ['sales@acme.example.test'],
      date: '2026-12-02T09:15:00.000Z',
      excerpt: 'Hello,\nWe would like a quote.\nLaura',
      documentIds: [lead.documents[0].id],
    });

    const download = await fetch(`${t.url}/documents/${lead.documents[0].id}/content`, { headers: { authorization: `Bearer ${ws.owner.token}` } });
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('a known contact (email matched ignoring case) gets an EMAIL_RECEIVED entry and the document, shown on its account too', async () => {
    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: account.id, emails: ['ana@client.example.test'] });
    const leadsBefore = await leadCount(t, ws.workspaceId);
    const answer = await postEmail(
      t,
      key,
      rfc822({ from: 'Ana <ANA@Client.Example.test>', subject: 'Invoice question', attachments: [{ name: 'invoice.pdf', type: 'application/pdf', bytes: pdf }] }),
    );
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ outcome: 'LINKED', record: { type: 'CONTACT', id: contact.id, accountId: account.id }, lead: null });
    expect(await leadCount(t, ws.workspaceId)).toBe(leadsBefore);

    const { contact: seen } = expectData(await t.gql(InboundContactDocument, { id: contact.id }, { token: ws.member.token }));
    expect(seen.documents).toEqual([expect.objectContaining({ fileName: 'invoice.pdf', contentType: 'application/pdf' })]);
    const received = seen.timeline.nodes.find((entry) => entry.kind === 'EMAIL_RECEIVED');
    expect(received).toMatchObject({ recordType: 'CONTACT', accountId: account.id, data: expect.objectContaining({ subject: 'Invoice question', from: 'ana@client.example.test' }) });

    const { account: onAccount } = expectData(await t.gql(InboundAccountTimelineDocument, { id: account.id }, { token: ws.member.token }));
    expect(onAccount.timeline.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'EMAIL_RECEIVED', recordId: contact.id })]));
  });

  it('a known lead gets the entry; no second lead', async () => {
    const lead = await createLead(t, ws.manager.token, { personName: 'Pablo', emails: ['pablo@lead.example.test'] });
    const leadsBefore = await leadCount(t, ws.workspaceId);
    const answer = await postEmail(t, key, rfc822({ from: 'pablo@lead.example.test', subject: 'Re: our call' }));
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ outcome: 'LINKED', record: { type: 'LEAD', id: lead.id }, lead: null, documents: [] });
    expect(await leadCount(t, ws.workspaceId)).toBe(leadsBefore);
    const { lead: seen } = expectData(await t.gql(InboundLeadDocument, { id: lead.id }, { token: ws.manager.token }));
    expect(seen.timeline.nodes.filter((entry) => entry.kind === 'EMAIL_RECEIVED')).toHaveLength(1);
  });

  it('the same Message-ID posted again (and concurrently) is filed once; the repeat answers 200 with duplicate: true', async () => {
    const raw = rfc822({ from: 'repeat@prospect.example.test', messageId: newMessageId(), attachments: [{ name: 'a.pdf', type: 'application/pdf', bytes: pdf }] });
    const before = await inboundRowCounts(t, ws.workspaceId);
    const answers = await Promise.all([postEmail(t, key, raw), postEmail(t, key, raw), postEmail(t, key, raw)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 201]);
    const first = answers.find((answer) => answer.status === 201);
    for (const repeat of answers.filter((answer) => answer.status === 200)) {
      expect(repeat.json).toMatchObject({ duplicate: true, outcome: 'LEAD_CREATED', record: first?.json.record });
    }
    const again = await postEmail(t, key, raw);
    expect(again.status).toBe(200);
    const after = await inboundRowCounts(t, ws.workspaceId);
    // One lead, one document, three entries (created, attached, received), one claimed message.
    expect(after).toEqual({ leads: before.leads + 1, documents: before.documents + 1, entries: before.entries + 3, messages: before.messages + 1 });
  });

  it('two different messages from one unknown sender arriving together create one lead', async () => {
    const from = 'twice@prospect.example.test';
    const before = await leadCount(t, ws.workspaceId);
    const answers = await Promise.all([postEmail(t, key, rfc822({ from, subject: 'One' })), postEmail(t, key, rfc822({ from, subject: 'Two' }))]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(answers.map((answer) => answer.json.outcome).sort()).toEqual(['LEAD_CREATED', 'LINKED']);
    expect(await leadCount(t, ws.workspaceId)).toBe(before + 1);
  });

  it('a message without Message-ID is keyed on its bytes: the same bytes twice are one lead', async () => {
    const raw = rfc822({ from: 'noid@prospect.example.test', messageId: null });
    const before = await leadCount(t, ws.workspaceId);
    expect((await postEmail(t, key, raw)).status).toBe(201);
    expect((await postEmail(t, key, raw)).json).toMatchObject({ duplicate: true, messageId: null });
    expect(await leadCount(t, ws.workspaceId)).toBe(before + 1);
  });

  it('what is not a message is BAD_USER_INPUT naming the field, and nothing is written', async () => {
    const before = await inboundRowCounts(t, ws.workspaceId);
    const notMail = await postEmail(t, key, 'just some text, no headers\r\n');
    expect(notMail.status).toBe(400);
    expect(codeOf(notMail)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(notMail)).toEqual([expect.objectContaining({ path: 'input.message' })]);

    const noFrom = await postEmail(t, key, rfc822({ from: null }));
    expect(fieldsOf(noFrom)).toEqual([{ path: 'input.from', message: 'is required: the message has no From address' }]);
    const badFrom = await postEmail(t, key, rfc822({ from: 'Nobody <not-an-address>' }));
    expect(fieldsOf(badFrom)).toEqual([expect.objectContaining({ path: 'input.from' })]);

    const empty = await postEmail(t, key, '');
    expect(fieldsOf(empty)).toEqual([expect.objectContaining({ path: 'input.message' })]);
    const json = await postEmail(t, key, JSON.stringify({ from: 'x@example.test' }), 'application/json');
    expect(json.status).toBe(400);
    expect(fieldsOf(json)).toEqual([expect.objectContaining({ path: 'input.message' })]);
    expect(await inboundRowCounts(t, ws.workspaceId)).toEqual(before);
  });

  it('a body over INBOUND_EMAIL_MAX_BYTES is 413 PAYLOAD_TOO_LARGE; an attachment over the document limit fails the whole message', async () => {
    const before = await inboundRowCounts(t, ws.workspaceId);
    const huge = rfc822({ from: 'big@prospect.example.test', text: 'x'.repeat(EMAIL_LIMIT + 1) });
    const tooLarge = await postEmail(t, key, huge);
    expect(tooLarge.status).toBe(413);
    expect(codeOf(tooLarge)).toBe('PAYLOAD_TOO_LARGE');
    // Without a Content-Length (chunked), the body is refused once it passes the limit.
    const chunked = await fetch(`${t.url}/inbound/email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'message/rfc822' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(huge));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    // Fits the message limit, but its attachment is larger than a document may be: no lead, no entry, no claim.
    const bigFile = rfc822({ from: 'bigfile@prospect.example.test', attachments: [{ name: 'scan.pdf', type: 'application/pdf', bytes: Buffer.alloc(UPLOAD_LIMIT + 1, 0x41) }] });
    const refused = await postEmail(t, key, bigFile);
    expect(refused.status).toBe(413);
    expect(await inboundRowCounts(t, ws.workspaceId)).toEqual(before);
    // Nothing was claimed: once fixed, the same message goes through.
  });

  it('needs a credential (401) with leads:write (403); any member may post, matching within their portfolio', async () => {
    const raw = rfc822({ from: 'auth@prospect.example.test' });
    const anonymous = await postEmail(t, null, raw);
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const readOnly = await postEmail(t, await createApiKey(t, ws.owner.token, ['leads:read']), raw);
    expect(readOnly.status).toBe(403);
    expect(codeOf(readOnly)).toBe('FORBIDDEN');
    const wrongDomain = await postEmail(t, await createApiKey(t, ws.owner.token, ['accounts:write']), raw);
    expect(wrongDomain.status).toBe(403);

    // An OWN member does not see the ALL member's contact: the email creates a lead of their own instead.
    const account = await createAccount(t, ws.member.token);
    await createContact(t, ws.member.token, { accountId: account.id, emails: ['hidden@client.example.test'] });
    const byOwn = await postEmail(t, ws.ownMember.token, rfc822({ from: 'hidden@client.example.test' }));
    expect(byOwn.status).toBe(201);
    expect(byOwn.json).toMatchObject({ outcome: 'LEAD_CREATED', lead: { assigneeId: ws.ownMember.memberId } });
  });

  it('an API key without accounts:read matches leads only (contacts are another API domain)', async () => {
    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: account.id, emails: ['leadsonly@client.example.test'] });
    const leadsOnly = await createApiKey(t, ws.owner.token, ['leads:write']);
    const answer = await postEmail(t, leadsOnly, rfc822({ from: 'leadsonly@client.example.test' }));
    expect(answer.json).toMatchObject({ outcome: 'LEAD_CREATED' });
    const { contact: seen } = expectData(await t.gql(InboundContactDocument, { id: contact.id }, { token: ws.owner.token }));
    expect(seen.timeline.nodes.some((entry) => entry.kind === 'EMAIL_RECEIVED')).toBe(false);
  });

  it('another workspace\'s key never attaches to this workspace\'s records: it gets a lead of its own', async () => {
    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: account.id, emails: ['shared@client.example.test'] });
    const lead = await createLead(t, ws.owner.token, { emails: ['shared-lead@client.example.test'] });
    const other = await createWorkspace(t, 'Other');
    const otherKey = await createApiKey(t, other.owner.token, ['leads:write', 'accounts:read']);
    const before = await inboundRowCounts(t, ws.workspaceId);
    const messageId = newMessageId();
    for (const from of ['shared@client.example.test', 'shared-lead@client.example.test']) {
      const answer = await postEmail(t, otherKey, rfc822({ from, messageId: from === 'shared@client.example.test' ? messageId : undefined }));
      expect(answer.json).toMatchObject({ outcome: 'LEAD_CREATED' });
      expect((answer.json.record as { id: string }).id).not.toBe(contact.id);
      expect((answer.json.record as { id: string }).id).not.toBe(lead.id);
    }
    expect(await inboundRowCounts(t, ws.workspaceId)).toEqual(before);
    expect(await leadCount(t, other.workspaceId)).toBe(2);
    // The same Message-ID in this workspace is a message of its own (keys are per workspace).
    const here = await postEmail(t, key, rfc822({ from: 'shared@client.example.test', messageId }));
    expect(here.json).toMatchObject({ duplicate: false, outcome: 'LINKED', record: { id: contact.id } });
  });
});
