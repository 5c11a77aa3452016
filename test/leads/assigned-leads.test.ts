import { MemberAssignedLeadsDocument, MemberAssignedLeadsTwiceDocument, UpdateLeadDocument } from '../generated/graphql';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createLead } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('Member.assignedLeads: the leads in a member\'s activity, as the viewer may see them', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let leadIds: string[];
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    leadIds = [];
    for (const title of ['First', 'Second', 'Third']) leadIds.push((await createLead(t, ws.manager.token, { title, assigneeId: ws.manager.memberId })).id);
    // Someone else's lead is not the manager's.
    await createLead(t, ws.member.token, { title: 'Not the manager\'s' });
    const second = leadIds[1];
    expectData(await t.gql(UpdateLeadDocument, { input: { id: second, status: 'IN_PROGRESS' } }, { token: ws.manager.token }));
  });
  afterAll(() => t.stop());

  it('lists the member\'s leads newest first, with a total, to a viewer who sees them', async () => {
    const { member } = expectData(await t.gql(MemberAssignedLeadsDocument, { id: ws.manager.memberId, first: 2 }, { token: ws.owner.token }));
    expect(member.assignedLeads?.totalCount).toBe(3);
    expect(member.assignedLeads?.nodes.map((lead) => lead.title)).toEqual(['Third', 'Second']);
  });

  it('filters (two different filters in one request give their own answers)', async () => {
    const { member } = expectData(await t.gql(MemberAssignedLeadsDocument, { id: ws.manager.memberId, filter: { status: { eq: 'IN_PROGRESS' } } }, { token: ws.manager.token }));
    expect(member.assignedLeads?.nodes.map((lead) => lead.id)).toEqual([leadIds[1]]);
    const twice = expectData(await t.gql(MemberAssignedLeadsTwiceDocument, { id: ws.manager.memberId }, { token: ws.owner.token }));
    expect(twice.member).toMatchObject({ fresh: { totalCount: 2 }, worked: { totalCount: 1 } });
  });

  it('shows only what the viewer may see: an OWN member sees none of another member\'s leads', async () => {
    const { member } = expectData(await t.gql(MemberAssignedLeadsDocument, { id: ws.manager.memberId }, { token: ws.ownMember.token }));
    expect(member.assignedLeads).toEqual({ totalCount: 0, nodes: [] });
  });

  it('is null with FORBIDDEN for an API key without leads:read', async () => {
    const identityOnly = await createApiKey(t, ws.owner.token, ['identity:read']);
    const result = await t.gql(MemberAssignedLeadsDocument, { id: ws.manager.memberId }, { token: identityOnly });
    expect(result.data?.member?.assignedLeads).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withLeads = await createApiKey(t, ws.owner.token, ['identity:read', 'leads:read']);
    const { member } = expectData(await t.gql(MemberAssignedLeadsDocument, { id: ws.manager.memberId }, { token: withLeads }));
    expect(member.assignedLeads?.totalCount).toBe(3);
  });
});
