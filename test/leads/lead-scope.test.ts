import {
  AssignLeadDocument,
  AttachDocumentDocument,
  DocumentByIdDocument,
  LeadDocument,
  LeadDocumentsDocument,
  LeadsDocument,
  LeadTimelineDocument,
  RecordDocumentsDocument,
} from '../generated/graphql';
import { addMember, createApiKey, createTeam, createWorkspace, expectData, type Actor, type TestWorkspace } from '../support/factories';
import { createLead } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;

/**
 * Who sees which lead. The workspace (factories): OWNER and ADMIN (ALL), MANAGER (TEAM, alone in team T),
 * MEMBER (ALL), MEMBER (OWN). Added here: a TEAM-scope member in T, an OWN-scope member of the pool team P, and a
 * member in no team.
 */
describe('lead visibility: assignee, routing team, MANAGER+ for unassigned leads', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let teamMate: Actor; // MEMBER, TEAM scope, in team T (with the MANAGER)
  let poolMember: Actor; // MEMBER, OWN scope, in team P
  let loner: Actor; // MEMBER, OWN scope, in no team
  let poolTeam: string;
  const leads: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Scopes');
    teamMate = await addMember(t, ws.owner.token, 'MEMBER', 'TEAM', [ws.teamId]);
    poolMember = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    loner = await addMember(t, ws.owner.token, 'MEMBER', 'OWN');
    poolTeam = await createTeam(t, ws.owner.token, 'Pool', [poolMember.memberId]);
    const key = await createApiKey(t, ws.owner.token, ['leads:write']);
    const make = async (name: string, input: { assigneeId?: string; teamId?: string }) => {
      leads[name] = (await createLead(t, input.assigneeId ? ws.owner.token : key, { title: name, ...input })).id;
    };
    await make('ofOwnMember', { assigneeId: ws.ownMember.memberId });
    await make('ofTeamMate', { assigneeId: teamMate.memberId });
    await make('unassignedInPool', { teamId: poolTeam });
    await make('ofLonerRoutedToT', { assigneeId: loner.memberId, teamId: ws.teamId });
    await make('unassignedNoTeam', {});
  });
  afterAll(() => t.stop());

  const visibleTo = async (actor: { token: string }): Promise<string[]> => {
    const { leads: page } = expectData(await t.gql(LeadsDocument, { first: 500 }, { token: actor.token }));
    const names = Object.fromEntries(Object.entries(leads).map(([name, id]) => [id, name]));
    return page.nodes.map((lead) => names[lead.id]).filter(Boolean).sort();
  };

  it.each([
    ['the OWNER (ALL)', () => ws.owner, ['ofLonerRoutedToT', 'ofOwnMember', 'ofTeamMate', 'unassignedInPool', 'unassignedNoTeam']],
    ['a MEMBER with ALL scope', () => ws.member, ['ofLonerRoutedToT', 'ofOwnMember', 'ofTeamMate', 'unassignedInPool', 'unassignedNoTeam']],
    // TEAM: their teammate's and what is routed to T; as MANAGER, every unassigned lead.
    ['a MANAGER with TEAM scope', () => ws.manager, ['ofLonerRoutedToT', 'ofTeamMate', 'unassignedInPool', 'unassignedNoTeam']],
    ['a MEMBER with TEAM scope', () => teamMate, ['ofLonerRoutedToT', 'ofTeamMate']],
    ['a MEMBER with OWN scope', () => ws.ownMember, ['ofOwnMember']],
    ['an OWN member of the pool team (its unassigned leads)', () => poolMember, ['unassignedInPool']],
    ['an OWN member assigned a lead routed to another team', () => loner, ['ofLonerRoutedToT']],
  ])('%s sees exactly its leads, in lists and by id (NOT_FOUND otherwise)', async (_who, actor, expected) => {
    expect(await visibleTo(actor())).toEqual(expected);
    for (const [name, id] of Object.entries(leads)) {
      const answer = await t.gql(LeadDocument, { id }, { token: actor().token });
      expect({ name, code: codeOf(answer) ?? 'OK' }).toEqual({ name, code: expected.includes(name) ? 'OK' : 'NOT_FOUND' });
    }
  });

  it('a pool member claims an unassigned lead of their team; another member cannot see it to claim it', async () => {
    const lead = await createLead(t, ws.manager.token, { title: 'To claim', teamId: poolTeam, assigneeId: ws.manager.memberId });
    // Back to the pool (MANAGER+ may unassign).
    expectData(await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: null } }, { token: ws.manager.token }));
    const outsider = await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: ws.ownMember.memberId } }, { token: ws.ownMember.token });
    expect(codeOf(outsider)).toBe('NOT_FOUND');
    const claimed = expectData(await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: poolMember.memberId } }, { token: poolMember.token })).assignLead;
    expect(claimed).toMatchObject({ assignee: { id: poolMember.memberId }, team: { id: poolTeam } });
    // Theirs now: a MEMBER with ALL scope sees it, but may not take it from them.
    const taken = await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: ws.member.memberId } }, { token: ws.member.token });
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const handOver = await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: loner.memberId } }, { token: poolMember.token });
    expect(handOver.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const { lead: history } = expectData(await t.gql(LeadTimelineDocument, { id: lead.id }, { token: poolMember.token }));
    expect(history.timeline.nodes[0]).toMatchObject({
      kind: 'LEAD_ASSIGNED',
      changes: [{ field: 'assigneeId', before: null, after: poolMember.memberId }],
    });
  });

  it('reassigning moves visibility: the old OWN assignee loses the lead, the new one gets it', async () => {
    const lead = await createLead(t, ws.owner.token, { title: 'Moving', assigneeId: ws.ownMember.memberId });
    expectData(await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: loner.memberId, expectedVersion: 1 } }, { token: ws.admin.token }));
    expect(codeOf(await t.gql(LeadDocument, { id: lead.id }, { token: ws.ownMember.token }))).toBe('NOT_FOUND');
    expect(expectData(await t.gql(LeadDocument, { id: lead.id }, { token: loner.token })).lead.assignee?.id).toBe(loner.memberId);
    const stale = await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: ws.member.memberId, expectedVersion: 1 } }, { token: ws.admin.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH' });
    const stranger = await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: '00000000-0000-4000-8000-000000000000' } }, { token: ws.admin.token });
    expect(stranger.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.assigneeId', message: expect.any(String) }] });
  });

  it('a lead\'s documents are visible exactly when the lead is (an unassigned pool lead\'s too)', async () => {
    const lead = await createLead(t, ws.manager.token, { title: 'With a file', teamId: poolTeam });
    expectData(await t.gql(AssignLeadDocument, { input: { leadId: lead.id, assigneeId: null } }, { token: ws.manager.token }));
    const { attachDocument } = expectData(
      await t.gql(AttachDocumentDocument, { input: { recordId: lead.id, fileName: 'brief.txt', contentBase64: Buffer.from('hi').toString('base64') } }, { token: ws.manager.token }),
    );
    for (const actor of [ws.manager, poolMember, ws.owner]) {
      expect(expectData(await t.gql(LeadDocumentsDocument, { id: lead.id }, { token: actor.token })).lead.documents.map((d) => d.id)).toEqual([attachDocument.id]);
      expect(expectData(await t.gql(RecordDocumentsDocument, { recordId: lead.id }, { token: actor.token })).documents.totalCount).toBe(1);
      expect(expectData(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: actor.token })).document.id).toBe(attachDocument.id);
    }
    for (const actor of [ws.ownMember, teamMate, loner]) {
      expect(codeOf(await t.gql(DocumentByIdDocument, { id: attachDocument.id }, { token: actor.token }))).toBe('NOT_FOUND');
      expect(codeOf(await t.gql(RecordDocumentsDocument, { recordId: lead.id }, { token: actor.token }))).toBe('NOT_FOUND');
    }
  });
});
