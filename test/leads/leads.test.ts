import {
  ArchiveLeadCloseReasonDocument,
  ArchiveLeadSourceDocument,
  CloseLeadDocument,
  CreateLeadCloseReasonDocument,
  CreateLeadDocument,
  CreateLeadSourceDocument,
  LeadDocument,
  LeadSourcesDocument,
  LeadTimelineDocument,
  UpdateLeadDocument,
} from '../generated/graphql';
import { createApiKey, createWorkspace, expectData, signUpOwner, type TestWorkspace } from '../support/factories';
import { createLead, leadCount, leadSourceId } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const fieldsOf = (answer: Answer) => (answer.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);

describe('leads: capture, change, close', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Leads');
  });
  afterAll(() => t.stop());

  it('every new workspace starts with the eight seeded sources, by code', async () => {
    const owner = await signUpOwner(t, 'Fresh');
    const { leadSources } = expectData(await t.gql(LeadSourcesDocument, {}, { token: owner.token }));
    expect(leadSources.map((source) => source.code).sort()).toEqual(['API', 'CALL', 'EMAIL', 'IMPORT', 'MAILING', 'MANUAL', 'REFERRAL', 'WEB_FORM']);
    expect(leadSources.find((source) => source.code === 'WEB_FORM')?.name).toBe('Web form');
  });

  it('a member\'s lead is NEW, from MANUAL, assigned to them, titled by its company; phones E.164, emails lower case', async () => {
    const lead = await createLead(t, ws.member.token, {
      companyName: 'Quetzal Logística',
      personName: 'Ana Ruiz',
      emails: ['Ana@Quetzal.Example', 'ana@quetzal.example'],
      phones: ['+34 612 34 56 78'],
      website: 'quetzal.example',
    });
    expect(lead).toMatchObject({
      title: 'Quetzal Logística',
      status: 'NEW',
      source: { code: 'MANUAL' },
      assignee: { id: ws.member.memberId },
      emails: ['ana@quetzal.example'],
      phones: ['+34612345678'],
      website: 'https://quetzal.example',
      version: 1,
      createdBy: { kind: 'MEMBER', member: { id: ws.member.memberId } },
    });
    expect(lead.assignedAt).toEqual(expect.any(String));
  });

  it('keeps the expected value exactly, with its currency upper-cased, and the source details typed', async () => {
    const lead = await createLead(t, ws.member.token, {
      expectedValue: '1500.50',
      currency: 'eur',
      sourceId: await leadSourceId(t, ws.workspaceId, 'WEB_FORM'),
      sourceDetails: { formId: 'contact-us', utm: { source: 'newsletter', campaign: 'spring' }, callerNumber: '+34 911 23 45 67' },
    });
    expect(lead).toMatchObject({
      expectedValue: '1500.50',
      currency: 'EUR',
      source: { code: 'WEB_FORM' },
      sourceDetails: { formId: 'contact-us', utm: { source: 'newsletter', medium: null, campaign: 'spring' }, callerNumber: '+34911234567', messageId: null },
    });
    const [stored] = await t.app.db.query('SELECT expected_value::text AS value FROM leads WHERE id = $1', [lead.id]);
    expect(stored.value).toBe('1500.50');
  });

  it('an API key\'s lead comes from the API source and stays unassigned', async () => {
    const key = await createApiKey(t, ws.owner.token, ['leads:write']);
    const lead = await createLead(t, key, { personName: 'Integrator lead' });
    expect(lead).toMatchObject({ source: { code: 'API' }, assignee: null, assignedAt: null, createdBy: { kind: 'API_KEY' } });
  });

  it('bad input is BAD_USER_INPUT naming every field, and writes nothing', async () => {
    const before = await leadCount(t, ws.workspaceId);
    const nothing = await t.gql(CreateLeadDocument, { input: { notes: 'no one to call' } }, { token: ws.member.token });
    expect(codeOf(nothing)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(nothing)).toEqual(['input.title']);
    const bad = await t.gql(
      CreateLeadDocument,
      { input: { companyName: 'X', emails: ['not-an-email'], phones: ['12'], expectedValue: '-3', currency: 'XXQ', website: 'http://' } },
      { token: ws.member.token },
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['input.emails.0', 'input.phones.0', 'input.expectedValue', 'input.currency', 'input.website']));
    const halfValue = await t.gql(CreateLeadDocument, { input: { companyName: 'X', expectedValue: '10' } }, { token: ws.member.token });
    expect(fieldsOf(halfValue)).toEqual(['input.currency']);
    const foreign = await t.gql(
      CreateLeadDocument,
      { input: { companyName: 'X', sourceId: '00000000-0000-4000-8000-000000000000', teamId: '00000000-0000-4000-8000-000000000001' } },
      { token: ws.manager.token },
    );
    expect(fieldsOf(foreign)).toEqual(['input.sourceId']);
    const strangers = await t.gql(
      CreateLeadDocument,
      { input: { companyName: 'X', assigneeId: '00000000-0000-4000-8000-000000000000', teamId: '00000000-0000-4000-8000-000000000001' } },
      { token: ws.manager.token },
    );
    expect(fieldsOf(strangers)).toEqual(['input.assigneeId', 'input.teamId']);
    expect(await leadCount(t, ws.workspaceId)).toBe(before);
  });

  it('a MEMBER may not give a new lead to someone else (FORBIDDEN); a MANAGER may', async () => {
    const refused = await t.gql(CreateLeadDocument, { input: { companyName: 'X', assigneeId: ws.ownMember.memberId } }, { token: ws.member.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const given = await createLead(t, ws.manager.token, { assigneeId: ws.ownMember.memberId, teamId: ws.teamId });
    expect(given).toMatchObject({ assignee: { id: ws.ownMember.memberId }, team: { id: ws.teamId } });
  });

  it('updateLead changes what is given, derives the title again on null, moves to IN_PROGRESS, and refuses a stale version', async () => {
    const lead = await createLead(t, ws.member.token, { title: 'Big deal', companyName: 'Acme' });
    const updated = expectData(
      await t.gql(UpdateLeadDocument, { input: { id: lead.id, expectedVersion: 1, status: 'IN_PROGRESS', title: null, personName: 'Bo' } }, { token: ws.member.token }),
    ).updateLead;
    expect(updated).toMatchObject({ status: 'IN_PROGRESS', title: 'Acme', personName: 'Bo', companyName: 'Acme', version: 2 });
    const stale = await t.gql(UpdateLeadDocument, { input: { id: lead.id, expectedVersion: 1, notes: 'late' } }, { token: ws.member.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH', currentVersion: 2 });
    const closing = await t.gql(UpdateLeadDocument, { input: { id: lead.id, status: 'CLOSED' } }, { token: ws.member.token });
    expect(codeOf(closing)).toBe('BAD_USER_INPUT');
    const same = expectData(await t.gql(UpdateLeadDocument, { input: { id: lead.id, personName: 'Bo' } }, { token: ws.member.token })).updateLead;
    expect(same.version).toBe(2); // nothing changed, nothing written
    const { lead: history } = expectData(await t.gql(LeadTimelineDocument, { id: lead.id }, { token: ws.member.token }));
    expect(history.timeline.nodes.map((entry) => entry.kind)).toEqual(['LEAD_UPDATED', 'LEAD_CREATED']);
    expect(history.timeline.nodes[0].changes?.map((change) => change.field).sort()).toEqual(['personName', 'status', 'title']);
  });

  it('closeLead records the result, reason and note; a closed lead no longer changes (CONFLICT LEAD_CLOSED)', async () => {
    const { createLeadCloseReason: reason } = expectData(
      await t.gql(CreateLeadCloseReasonDocument, { input: { name: 'No budget' } }, { token: ws.admin.token }),
    );
    const lead = await createLead(t, ws.member.token);
    const closed = expectData(
      await t.gql(CloseLeadDocument, { input: { leadId: lead.id, result: 'DISQUALIFIED', reasonId: reason.id, note: 'Maybe next year' } }, { token: ws.member.token }),
    ).closeLead;
    expect(closed).toMatchObject({ status: 'CLOSED', closeResult: 'DISQUALIFIED', closeReason: { name: 'No budget' }, closeNote: 'Maybe next year' });
    expect(closed.closedAt).toEqual(expect.any(String));
    for (const again of [
      await t.gql(CloseLeadDocument, { input: { leadId: lead.id, result: 'LOST' } }, { token: ws.member.token }),
      await t.gql(UpdateLeadDocument, { input: { id: lead.id, notes: 'x' } }, { token: ws.member.token }),
    ]) {
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'LEAD_CLOSED', status: 'CLOSED' });
    }
    const { lead: history } = expectData(await t.gql(LeadTimelineDocument, { id: lead.id }, { token: ws.member.token }));
    expect(history.timeline.nodes[0]).toMatchObject({ kind: 'LEAD_CLOSED', data: { result: 'DISQUALIFIED', reason: 'No budget', note: 'Maybe next year' } });
  });

  it('an archived close reason or source cannot be used by new closings or leads', async () => {
    const { createLeadCloseReason: reason } = expectData(await t.gql(CreateLeadCloseReasonDocument, { input: { name: 'Old reason' } }, { token: ws.admin.token }));
    expectData(await t.gql(ArchiveLeadCloseReasonDocument, { input: { id: reason.id } }, { token: ws.admin.token }));
    const lead = await createLead(t, ws.member.token);
    const refused = await t.gql(CloseLeadDocument, { input: { leadId: lead.id, result: 'LOST', reasonId: reason.id } }, { token: ws.member.token });
    expect(fieldsOf(refused)).toEqual(['input.reasonId']);
    expect(expectData(await t.gql(LeadDocument, { id: lead.id }, { token: ws.member.token })).lead.status).toBe('NEW');

    const { createLeadSource: source } = expectData(await t.gql(CreateLeadSourceDocument, { input: { name: 'Trade fair' } }, { token: ws.admin.token }));
    expect(source.code).toBeNull();
    expectData(await t.gql(ArchiveLeadSourceDocument, { input: { id: source.id } }, { token: ws.admin.token }));
    const archived = await t.gql(CreateLeadDocument, { input: { companyName: 'X', sourceId: source.id } }, { token: ws.member.token });
    expect(fieldsOf(archived)).toEqual(['input.sourceId']);
  });

  it('lead settings lists are edited by ADMIN and above (FORBIDDEN for a MANAGER), read by any member', async () => {
    const refused = await t.gql(CreateLeadSourceDocument, { input: { name: 'Manager source' } }, { token: ws.manager.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const taken = await t.gql(CreateLeadSourceDocument, { input: { name: 'manual' } }, { token: ws.admin.token });
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NAME_TAKEN' });
    const { leadSources } = expectData(await t.gql(LeadSourcesDocument, {}, { token: ws.ownMember.token }));
    expect(leadSources.length).toBeGreaterThanOrEqual(8);
  });

  it('a key with leads:read only reads; accounts:write cannot write leads', async () => {
    const reader = await createApiKey(t, ws.owner.token, ['leads:read']);
    const wrongDomain = await createApiKey(t, ws.owner.token, ['accounts:write']);
    const lead = await createLead(t, ws.member.token);
    expect(expectData(await t.gql(LeadDocument, { id: lead.id }, { token: reader })).lead.id).toBe(lead.id);
    for (const token of [reader, wrongDomain]) {
      const refused = await t.gql(CreateLeadDocument, { input: { companyName: 'X' } }, { token });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_REQUIRED' });
    }
  });
});
