import {
  ArchiveLeadAssignmentRuleDocument,
  CreateLeadAssignmentRuleDocument,
  CreateLeadDocument,
  LeadAssignmentRulesDocument,
  LeadTimelineDocument,
  RemoveMemberDocument,
  UpdateLeadAssignmentRuleDocument,
  UpsertLeadsDocument,
} from '../generated/graphql';
import { addMember, createApiKey, createTeam, createWorkspace, expectData } from '../support/factories';
import { createLead, leadSourceId } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const fieldsOf = (answer: Answer) => (answer.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);

/** A workspace with a team of four sellers (MEMBER, OWN) and an API key that creates leads (its leads are routed). */
async function salesFloor(t: TestApp, name: string) {
  const ws = await createWorkspace(t, name);
  const sellers = await Promise.all(Array.from({ length: 4 }, () => addMember(t, ws.owner.token, 'MEMBER', 'OWN')));
  const team = await createTeam(t, ws.owner.token, 'Sellers', sellers.map((seller) => seller.memberId));
  const key = await createApiKey(t, ws.owner.token, ['leads:write']);
  return { ws, sellers, team, key, sellerIds: sellers.map((seller) => seller.memberId).sort() };
}

const countBy = (values: (string | null | undefined)[]): Record<string, number> =>
  values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [String(value)]: (counts[String(value)] ?? 0) + 1 }), {});

describe('lead routing: assignment rules per workspace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: '10' });
  });
  afterAll(() => t.stop());

  it('rules are ADMIN+ settings whose kind needs its team or assignee, of this workspace', async () => {
    const { ws, team } = await salesFloor(t, 'Rules');
    const other = await createWorkspace(t, 'Other rules');
    const refused = await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: 'R', kind: 'ROUND_ROBIN', teamId: team } }, { token: ws.manager.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    expect(fieldsOf(await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: 'R', kind: 'ROUND_ROBIN' } }, { token: ws.admin.token }))).toEqual(['input.teamId']);
    expect(fieldsOf(await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: 'F', kind: 'FIXED' } }, { token: ws.admin.token }))).toEqual(['input.assigneeId']);
    const foreign = await t.gql(
      CreateLeadAssignmentRuleDocument,
      { input: { name: 'X', kind: 'FIXED', assigneeId: other.member.memberId, teamId: other.teamId, sourceId: await leadSourceId(t, other.workspaceId, 'API') } },
      { token: ws.admin.token },
    );
    expect(fieldsOf(foreign)?.sort()).toEqual(['input.assigneeId', 'input.sourceId', 'input.teamId']);
    const rule = expectData(await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: 'Everyone', kind: 'ROUND_ROBIN', teamId: team } }, { token: ws.admin.token }))
      .createLeadAssignmentRule;
    expect(rule).toMatchObject({ kind: 'ROUND_ROBIN', team: { id: team }, source: null, position: 0, archivedAt: null });
    const unusable = await t.gql(UpdateLeadAssignmentRuleDocument, { input: { id: rule.id, kind: 'FIXED' } }, { token: ws.admin.token });
    expect(fieldsOf(unusable)).toEqual(['input.assigneeId']);
    expect(expectData(await t.gql(LeadAssignmentRulesDocument, {}, { token: ws.ownMember.token })).leadAssignmentRules.map((r) => r.id)).toEqual([rule.id]);
  });

  it('round robin hands new leads to the team\'s active members in turn, whoever creates them; a given assignee takes no turn', async () => {
    const { ws, team, key, sellerIds } = await salesFloor(t, 'Turns');
    const { createLeadAssignmentRule: rule } = expectData(
      await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: 'Sellers', kind: 'ROUND_ROBIN', teamId: team } }, { token: ws.admin.token }),
    );
    const assignees: (string | undefined)[] = [];
    for (let i = 0; i < 8; i += 1) assignees.push((await createLead(t, i % 2 ? key : ws.member.token)).assignee?.id);
    expect(assignees).toEqual([...sellerIds, ...sellerIds]);
    expect((await createLead(t, ws.manager.token, { assigneeId: ws.manager.memberId })).assignee?.id).toBe(ws.manager.memberId);
    const next = await createLead(t, key);
    expect(next).toMatchObject({ assignee: { id: sellerIds[0] }, team: { id: team } });
    const { lead: history } = expectData(await t.gql(LeadTimelineDocument, { id: next.id }, { token: ws.owner.token }));
    expect(history.timeline.nodes[0]).toMatchObject({ kind: 'LEAD_CREATED', data: { assigneeId: sellerIds[0], ruleId: rule.id } });

    // A bulk upsert takes its turns in one go, continuing the rotation.
    const rows = Array.from({ length: 6 }, (_, i) => ({ externalId: `U-${i}`, companyName: `Upserted ${i}` }));
    const results = expectData(await t.gql(UpsertLeadsDocument, { input: { rows } }, { token: key })).upsertLeads;
    const ids = results.map((row) => row.id as string);
    const stored = (await t.app.db.query('SELECT id, assignee_membership_id AS assignee FROM leads WHERE id = ANY($1)', [ids])) as { id: string; assignee: string }[];
    const byId = new Map(stored.map((row) => [row.id, row.assignee]));
    expect(ids.map((id) => byId.get(id))).toEqual([sellerIds[1], sellerIds[2], sellerIds[3], sellerIds[0], sellerIds[1], sellerIds[2]]);

    // A removed member leaves the rotation.
    expectData(await t.gql(RemoveMemberDocument, { input: { memberId: sellerIds[3] } }, { token: ws.owner.token }));
    const after = [];
    for (let i = 0; i < 3; i += 1) after.push((await createLead(t, key)).assignee?.id);
    expect(after.sort()).toEqual(sellerIds.slice(0, 3));
  });

  it('is exact under concurrency: 100 leads created in parallel across a team of 4 give each exactly 25', async () => {
    const { ws, team, key, sellerIds } = await salesFloor(t, 'Rush');
    expectData(await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: 'Rush', kind: 'ROUND_ROBIN', teamId: team } }, { token: ws.admin.token }));
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => t.gql(CreateLeadDocument, { input: { companyName: `Rush ${i}` } }, { token: i % 2 ? key : ws.member.token })),
    );
    const assignees = answers.map((answer) => expectData(answer).createLead.assignee?.id);
    expect(countBy(assignees)).toEqual(Object.fromEntries(sellerIds.map((id) => [id, 25])));
  }, 60_000);

  it('a rule for the lead\'s source comes before rules for any source; a FIXED rule gives its routing team', async () => {
    const { ws, team, key, sellerIds } = await salesFloor(t, 'Sources');
    const webForm = await leadSourceId(t, ws.workspaceId, 'WEB_FORM');
    expectData(await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: 'Any', kind: 'ROUND_ROBIN', teamId: team, position: -5 } }, { token: ws.admin.token }));
    expectData(
      await t.gql(
        CreateLeadAssignmentRuleDocument,
        { input: { name: 'Forms', kind: 'FIXED', assigneeId: ws.member.memberId, teamId: ws.teamId, sourceId: webForm, position: 10 } },
        { token: ws.admin.token },
      ),
    );
    const fromForm = await createLead(t, key, { sourceId: webForm });
    expect(fromForm).toMatchObject({ assignee: { id: ws.member.memberId }, team: { id: ws.teamId } });
    expect((await createLead(t, key)).assignee?.id).toBe(sellerIds[0]);
  });

  it('an archived rule no longer applies: a member\'s lead is theirs, an API key\'s stays unassigned', async () => {
    const { ws, team, key } = await salesFloor(t, 'Archive');
    const { createLeadAssignmentRule: rule } = expectData(
      await t.gql(CreateLeadAssignmentRuleDocument, { input: { name: 'Gone', kind: 'ROUND_ROBIN', teamId: team } }, { token: ws.admin.token }),
    );
    expectData(await t.gql(ArchiveLeadAssignmentRuleDocument, { input: { id: rule.id } }, { token: ws.admin.token }));
    expect((await createLead(t, ws.member.token)).assignee?.id).toBe(ws.member.memberId);
    expect((await createLead(t, key)).assignee).toBeNull();
  });
});
