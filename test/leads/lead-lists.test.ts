import { CloseLeadDocument, LeadDocument, LeadsDocument, SearchLeadsDocument, UpsertLeadsDocument, type LeadFilter, type LeadOrder } from '../generated/graphql';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createLead, leadCount, leadSourceId } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the leads list, upsertLeads and search', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Lists');
    other = await createWorkspace(t, 'Other');
    const webForm = await leadSourceId(t, ws.workspaceId, 'WEB_FORM');
    ids.alpha = (await createLead(t, ws.member.token, { title: 'Alpha solar', expectedValue: '300', currency: 'EUR', emails: ['buyer@alpha.example'] })).id;
    ids.beta = (await createLead(t, ws.member.token, { title: 'Beta wind', sourceId: webForm, expectedValue: '1200.5', currency: 'EUR' })).id;
    ids.gamma = (await createLead(t, ws.manager.token, { title: 'Gamma hydro', assigneeId: ws.ownMember.memberId, teamId: ws.teamId })).id;
    ids.delta = (await createLead(t, ws.member.token, { title: 'Délta Solar', phones: ['+34 699 11 22 33'] })).id;
    expectData(await t.gql(CloseLeadDocument, { input: { leadId: ids.delta, result: 'JUNK' } }, { token: ws.member.token }));
    await createLead(t, other.member.token, { title: 'Alpha solar elsewhere' });
  });
  afterAll(() => t.stop());

  const titles = async (filter: LeadFilter | null, orderBy: LeadOrder[] | null = [{ field: 'TITLE', direction: 'ASC' }]) => {
    const { leads } = expectData(await t.gql(LeadsDocument, { filter, orderBy, first: 100 }, { token: ws.owner.token }));
    expect(leads.totalCount).toBe(leads.nodes.length);
    return leads.nodes.map((lead) => lead.title);
  };

  it('filters by status, source, assignee (and unassigned), team, text, value and created range; another workspace never shows', async () => {
    expect(await titles(null)).toEqual(['Alpha solar', 'Beta wind', 'Délta Solar', 'Gamma hydro']);
    expect(await titles({ status: { eq: 'CLOSED' } })).toEqual(['Délta Solar']);
    expect(await titles({ status: { in: ['NEW', 'IN_PROGRESS'] }, closeResult: { eq: null } })).toEqual(['Alpha solar', 'Beta wind', 'Gamma hydro']);
    expect(await titles({ sourceId: { eq: await leadSourceId(t, ws.workspaceId, 'WEB_FORM') } })).toEqual(['Beta wind']);
    expect(await titles({ assigneeId: { eq: ws.ownMember.memberId } })).toEqual(['Gamma hydro']);
    expect(await titles({ assigneeId: { isNull: true } })).toEqual([]);
    expect(await titles({ teamId: { eq: ws.teamId } })).toEqual(['Gamma hydro']);
    expect(await titles({ text: 'solar' })).toEqual(['Alpha solar', 'Délta Solar']);
    expect(await titles({ text: 'delta' })).toEqual(['Délta Solar']); // accents ignored
    expect(await titles({ text: '699 11' })).toEqual([]); // digits are matched as stored: no spaces
    expect(await titles({ text: '6991122' })).toEqual(['Délta Solar']);
    expect(await titles({ email: { eq: 'buyer@alpha.example' } })).toEqual(['Alpha solar']);
    expect(await titles({ expectedValue: { gte: '1000' } })).toEqual(['Beta wind']);
    expect(await titles({ convertedById: { isNull: false } })).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await titles({ createdAt: { gte: '2000-01-01T00:00:00.000Z', lt: future } })).toHaveLength(4);
    expect(await titles({ createdAt: { gte: future } })).toEqual([]);
    expect(await titles({ or: [{ title: { startsWith: 'Alpha' } }, { title: { startsWith: 'Gamma' } }] })).toEqual(['Alpha solar', 'Gamma hydro']);
  });

  it('orders newest first by default, by expected value (none last descending), and pages by cursor', async () => {
    expect(await titles(null, null)).toEqual(['Délta Solar', 'Gamma hydro', 'Beta wind', 'Alpha solar']);
    expect(await titles(null, [{ field: 'EXPECTED_VALUE', direction: 'DESC' }, { field: 'TITLE', direction: 'ASC' }])).toEqual([
      'Beta wind',
      'Alpha solar',
      'Délta Solar',
      'Gamma hydro',
    ]);
    const first = expectData(await t.gql(LeadsDocument, { first: 2 }, { token: ws.owner.token })).leads;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = expectData(await t.gql(LeadsDocument, { first: 2, after: first.pageInfo.endCursor }, { token: ws.owner.token })).leads;
    expect(second.nodes.map((lead) => lead.title)).toEqual(['Beta wind', 'Alpha solar']);
  });

  it('bad filters are BAD_USER_INPUT naming their path', async () => {
    const answer = await t.gql(LeadsDocument, { filter: { assigneeId: { eq: 'nope' } } }, { token: ws.owner.token });
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'filter.assigneeId.eq', message: expect.any(String) }] });
  });

  it('upsertLeads creates, updates, leaves unchanged and reports bad rows, each in its place', async () => {
    const rows = [
      { externalId: 'CRM-1', companyName: 'Upserted One', expectedValue: '10', currency: 'usd' },
      { externalId: 'CRM-2', personName: 'Upserted Two', assigneeId: ws.ownMember.memberId },
      { externalId: 'CRM-3', notes: 'nothing to show' },
      { externalId: 'CRM-4', companyName: 'Bad source', sourceId: '00000000-0000-4000-8000-000000000000' },
    ];
    const created = expectData(await t.gql(UpsertLeadsDocument, { input: { rows } }, { token: ws.admin.token })).upsertLeads;
    expect(created.map((row) => row.status)).toEqual(['CREATED', 'CREATED', 'ERROR', 'ERROR']);
    expect(created[2].fields).toEqual(['input.rows.2.title']);
    expect(created[3].fields).toEqual(['input.rows.3.sourceId']);
    const one = expectData(await t.gql(LeadDocument, { id: created[0].id as string }, { token: ws.admin.token })).lead;
    // No assignee and no assignment rule: the member sending it.
    expect(one).toMatchObject({ title: 'Upserted One', currency: 'USD', source: { code: 'MANUAL' }, assignee: { id: ws.admin.memberId }, status: 'NEW' });
    const two = expectData(await t.gql(LeadDocument, { id: created[1].id as string }, { token: ws.owner.token })).lead;
    expect(two.assignee?.id).toBe(ws.ownMember.memberId);

    const again = expectData(
      await t.gql(UpsertLeadsDocument, { input: { rows: [{ ...rows[0], notes: 'changed' }, rows[1]] } }, { token: ws.admin.token }),
    ).upsertLeads;
    expect(again.map((row) => row.status)).toEqual(['UPDATED', 'UNCHANGED']);
    expect(expectData(await t.gql(LeadDocument, { id: created[0].id as string }, { token: ws.admin.token })).lead).toMatchObject({ notes: 'changed', version: 2 });
    // A TEAM-scope MANAGER outside the assignee's team cannot reach CRM-2: "already in use", nothing told.
    const unreachable = expectData(await t.gql(UpsertLeadsDocument, { input: { rows: [rows[1]] } }, { token: ws.manager.token })).upsertLeads;
    expect(unreachable[0]).toMatchObject({ status: 'ERROR', message: 'input.rows.0.externalId is already in use' });

    // A MEMBER may name only themselves; an OWN member cannot reach another's lead ("already in use").
    const member = expectData(
      await t.gql(UpsertLeadsDocument, { input: { rows: [{ externalId: 'CRM-5', companyName: 'Five', assigneeId: ws.ownMember.memberId }] } }, { token: ws.member.token }),
    ).upsertLeads;
    expect(member[0]).toMatchObject({ status: 'ERROR', fields: ['input.rows.0.assigneeId'] });
    const outOfReach = expectData(
      await t.gql(UpsertLeadsDocument, { input: { rows: [{ externalId: 'CRM-1', companyName: 'Hijack' }] } }, { token: ws.ownMember.token }),
    ).upsertLeads;
    expect(outOfReach[0]).toMatchObject({ status: 'ERROR', message: 'input.rows.0.externalId is already in use' });
  });

  it('upsertLeads leaves closed leads alone (an ERROR row) and refuses more than 1,000 rows, writing nothing', async () => {
    const lead = expectData(await t.gql(UpsertLeadsDocument, { input: { rows: [{ externalId: 'CRM-C', companyName: 'To close' }] } }, { token: ws.member.token }))
      .upsertLeads[0];
    expectData(await t.gql(CloseLeadDocument, { input: { leadId: lead.id as string, result: 'LOST' } }, { token: ws.member.token }));
    const closed = expectData(await t.gql(UpsertLeadsDocument, { input: { rows: [{ externalId: 'CRM-C', companyName: 'Reopen?' }] } }, { token: ws.member.token }))
      .upsertLeads;
    expect(closed[0]).toMatchObject({ status: 'ERROR', fields: ['input.rows.0.externalId'] });
    const before = await leadCount(t, ws.workspaceId);
    const tooMany = await t.gql(
      UpsertLeadsDocument,
      { input: { rows: Array.from({ length: 1001 }, (_, i) => ({ externalId: `BULK-${i}`, companyName: 'x' })) } },
      { token: ws.member.token },
    );
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await leadCount(t, ws.workspaceId)).toBe(before);
  });

  it('search finds leads by title (typo-tolerant), email and phone, within the caller\'s reach; keys need leads:read', async () => {
    const hits = expectData(await t.gql(SearchLeadsDocument, { query: 'alpah solar', types: ['LEAD'] }, { token: ws.owner.token })).search;
    expect(hits[0]).toMatchObject({ type: 'LEAD', id: ids.alpha, title: 'Alpha solar', lead: { id: ids.alpha, status: 'NEW' } });
    expect(hits.map((hit) => hit.id)).not.toContain(undefined);
    const byEmail = expectData(await t.gql(SearchLeadsDocument, { query: 'buyer@alpha.example' }, { token: ws.owner.token })).search;
    expect(byEmail[0]).toMatchObject({ type: 'LEAD', id: ids.alpha });
    const byPhone = expectData(await t.gql(SearchLeadsDocument, { query: '699 11 22 33' }, { token: ws.owner.token })).search;
    expect(byPhone.map((hit) => hit.id)).toContain(ids.delta);
    // OWN scope: only the lead assigned to them.
    const own = expectData(await t.gql(SearchLeadsDocument, { query: 'hydro', types: ['LEAD'] }, { token: ws.ownMember.token })).search;
    expect(own.map((hit) => hit.id)).toEqual([ids.gamma]);
    const none = expectData(await t.gql(SearchLeadsDocument, { query: 'solar', types: ['LEAD'] }, { token: ws.ownMember.token })).search;
    expect(none).toEqual([]);
    const accountsOnly = await createApiKey(t, ws.owner.token, ['accounts:read']);
    expect(expectData(await t.gql(SearchLeadsDocument, { query: 'alpha solar' }, { token: accountsOnly })).search).toEqual([]);
    const withLeads = await createApiKey(t, ws.owner.token, ['accounts:read', 'leads:read']);
    expect(expectData(await t.gql(SearchLeadsDocument, { query: 'alpha solar' }, { token: withLeads })).search[0]?.id).toBe(ids.alpha);
  });
});
