import { InboundAccountTimelineDocument, InboundContactDocument, InboundLeadDocument, UpdateWorkspaceSettingsDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createLead, leadCount } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { codeOf, fieldsOf, inboundRowCounts, postCall } from './support';

const OUR_LINE = '+34910000000';
let minute = 0;
/** A call report, each one at a start time of its own unless told otherwise. */
const callOf = (overrides: Record<string, unknown> = {}) => ({
  callerNumber: '+34612000001',
  calledNumber: OUR_LINE,
  startedAt: `2026-12-02T10:${String(minute++ % 60).padStart(2, '0')}:00+01:00`,
  durationSeconds: 95,
  direction: 'INBOUND',
  recordingUrl: 'https://pbx.example.test/recordings/1.mp3',
  ...overrides,
});

describe('POST /inbound/calls: a call is filed on the contact or lead of its number, or creates a lead', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    // Numbers without +country are read as Spanish ones.
    expectData(await t.gql(UpdateWorkspaceSettingsDocument, { input: { defaultCountry: 'ES' } }, { token: ws.owner.token }));
    key = await createApiKey(t, ws.owner.token, ['leads:write', 'accounts:read']);
  });
  afterAll(() => t.stop());

  it('an unknown number (national format) creates a lead with source CALL, the caller number and a CALL entry', async () => {
    const answer = await postCall(t, key, callOf({ callerNumber: '612 34 56 78', startedAt: '2026-12-02T18:30:00-05:00' }));
    expect(answer.status).toBe(201);
    const call = {
      direction: 'INBOUND',
      callerNumber: '+34612345678',
      calledNumber: OUR_LINE,
      startedAt: '2026-12-02T23:30:00.000Z',
      durationSeconds: 95,
      recordingUrl: 'https://pbx.example.test/recordings/1.mp3',
    };
    expect(answer.json).toMatchObject({ duplicate: false, outcome: 'LEAD_CREATED', call, record: { type: 'LEAD', accountId: null } });
    const leadId = (answer.json.lead as { id: string }).id;
    const { lead } = expectData(await t.gql(InboundLeadDocument, { id: leadId }, { token: ws.owner.token }));
    expect(lead).toMatchObject({
      title: 'Call from +34612345678',
      phones: ['+34612345678'],
      source: { code: 'CALL' },
      sourceDetails: { callerNumber: '+34612345678', messageId: null },
    });
    expect(lead.timeline.nodes.map((entry) => entry.kind).sort()).toEqual(['CALL', 'LEAD_CREATED']);
    expect(lead.timeline.nodes.find((entry) => entry.kind === 'CALL')?.data).toEqual(call);
  });

  it('a contact\'s number gets a CALL entry on the contact (and its account); an outbound call matches the called number', async () => {
    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: account.id, phones: ['+34 611 22 33 44'] });
    const leadsBefore = await leadCount(t, ws.workspaceId);
    const inbound = await postCall(t, key, callOf({ callerNumber: '611223344' }));
    expect(inbound.status).toBe(201);
    expect(inbound.json).toMatchObject({ outcome: 'LINKED', record: { type: 'CONTACT', id: contact.id, accountId: account.id }, lead: null });
    const outbound = await postCall(t, key, callOf({ direction: 'OUTBOUND', callerNumber: OUR_LINE, calledNumber: '+34611223344', recordingUrl: null }));
    expect(outbound.json).toMatchObject({ outcome: 'LINKED', record: { id: contact.id }, call: { direction: 'OUTBOUND', recordingUrl: null } });
    expect(await leadCount(t, ws.workspaceId)).toBe(leadsBefore);

    const { contact: seen } = expectData(await t.gql(InboundContactDocument, { id: contact.id }, { token: ws.member.token }));
    expect(seen.timeline.nodes.filter((entry) => entry.kind === 'CALL')).toHaveLength(2);
    const { account: onAccount } = expectData(await t.gql(InboundAccountTimelineDocument, { id: account.id }, { token: ws.member.token }));
    expect(onAccount.timeline.nodes.filter((entry) => entry.kind === 'CALL' && entry.recordId === contact.id)).toHaveLength(2);
  });

  it('a lead\'s number gets the CALL entry; no second lead', async () => {
    const lead = await createLead(t, ws.owner.token, { phones: ['+34633000111'] });
    const leadsBefore = await leadCount(t, ws.workspaceId);
    const answer = await postCall(t, key, callOf({ callerNumber: '+34 633 000 111', durationSeconds: 0, recordingUrl: undefined }));
    expect(answer.json).toMatchObject({ outcome: 'LINKED', record: { type: 'LEAD', id: lead.id } });
    expect(await leadCount(t, ws.workspaceId)).toBe(leadsBefore);
  });

  it('the same call reported twice is filed once (200, duplicate: true)', async () => {
    const report = callOf({ callerNumber: '+34644000222' });
    const before = await inboundRowCounts(t, ws.workspaceId);
    const answers = await Promise.all([postCall(t, key, report), postCall(t, key, report)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(answers.find((answer) => answer.status === 200)?.json).toMatchObject({ duplicate: true, outcome: 'LEAD_CREATED' });
    const after = await inboundRowCounts(t, ws.workspaceId);
    expect(after).toEqual({ ...before, leads: before.leads + 1, entries: before.entries + 2, messages: before.messages + 1 });
  });

  it('invalid reports are BAD_USER_INPUT listing every field, and nothing is written', async () => {
    const before = await inboundRowCounts(t, ws.workspaceId);
    const bad = await postCall(t, key, {
      callerNumber: '',
      startedAt: '2026-12-02T10:00:00',
      durationSeconds: -1,
      direction: 'SIDEWAYS',
      recordingUrl: 'ftp://pbx.example.test/1.mp3',
    });
    expect(bad.status).toBe(400);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const paths = (fieldsOf(bad) as { path: string }[]).map((problem) => problem.path).sort();
    expect(paths).toEqual(['input.calledNumber', 'input.callerNumber', 'input.direction', 'input.durationSeconds', 'input.recordingUrl', 'input.startedAt']);

    const badNumbers = await postCall(t, key, callOf({ callerNumber: '12', calledNumber: 'not a number' }));
    expect(fieldsOf(badNumbers)).toEqual([
      { path: 'input.callerNumber', message: 'is not a valid phone number' },
      { path: 'input.calledNumber', message: 'is not a valid phone number' },
    ]);
    const fractional = await postCall(t, key, callOf({ durationSeconds: 1.5 }));
    expect(fieldsOf(fractional)).toEqual([expect.objectContaining({ path: 'input.durationSeconds' })]);
    const javascriptUrl = await postCall(t, key, callOf({ recordingUrl: 'javascript:alert(1)' }));
    expect(fieldsOf(javascriptUrl)).toEqual([{ path: 'input.recordingUrl', message: 'must be an http or https URL' }]);

    const notJson = await postCall(t, key, '{"callerNumber": ', 'application/json');
    expect(notJson.status).toBe(400);
    const form = await postCall(t, key, 'callerNumber=%2B34612000001', 'application/x-www-form-urlencoded');
    expect(fieldsOf(form)).toEqual([expect.objectContaining({ path: 'input' })]);
    const list = await postCall(t, key, [callOf()]);
    expect(fieldsOf(list)).toEqual([expect.objectContaining({ path: 'input' })]);
    expect(await inboundRowCounts(t, ws.workspaceId)).toEqual(before);
  });

  it('needs a credential (401) with leads:write (403); another workspace\'s key never reaches this workspace\'s records', async () => {
    expect((await postCall(t, null, callOf())).status).toBe(401);
    const readOnly = await postCall(t, await createApiKey(t, ws.owner.token, ['leads:read', 'accounts:write']), callOf());
    expect(readOnly.status).toBe(403);
    expect(codeOf(readOnly)).toBe('FORBIDDEN');

    const account = await createAccount(t, ws.member.token);
    const contact = await createContact(t, ws.member.token, { accountId: account.id, phones: ['+34655000333'] });
    const other = await createWorkspace(t, 'Other');
    const otherKey = await createApiKey(t, other.owner.token, ['leads:write', 'accounts:read']);
    const before = await inboundRowCounts(t, ws.workspaceId);
    const answer = await postCall(t, otherKey, callOf({ callerNumber: '+34655000333' }));
    expect(answer.json).toMatchObject({ outcome: 'LEAD_CREATED' });
    expect((answer.json.record as { id: string }).id).not.toBe(contact.id);
    expect(await inboundRowCounts(t, ws.workspaceId)).toEqual(before);
    expect(await leadCount(t, other.workspaceId)).toBe(1);
  });

  it('answers 405 to other methods', async () => {
    const response = await fetch(`${t.url}/inbound/calls`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
