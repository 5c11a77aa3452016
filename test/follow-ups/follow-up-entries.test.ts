import {
  AccountTimelineKindsDocument,
  AddObservationDocument,
  AgendaDocument,
  ArchiveFollowUpActivityDefinitionDocument,
  CloseFollowUpDocument,
  CreateFollowUpActivityDefinitionDocument,
  DocumentTypesDocument,
  FollowUpActivityDefinitionsDocument,
  FollowUpEntriesDocument,
  FollowUpSettingsDocument,
  LogFollowUpActivityDocument,
  SetMemberTimeZoneDocument,
  SetWorkingHoursDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createFollowUp } from '../support/follow-up-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const fieldsOf = (answer: Answer) => (answer.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);

describe('follow-up observations, activities, settings and time zones', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let accountId: string;

  const definitionNamed = async (token: string, name: string) => {
    const { followUpActivityDefinitions } = expectData(await t.gql(FollowUpActivityDefinitionsDocument, {}, { token }));
    const found = followUpActivityDefinitions.find((definition) => definition.name === name);
    if (!found) throw new Error(`no activity definition ${name}`);
    return found;
  };
  const entryCount = async (table: string) =>
    Number(((await t.app.db.query(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = $1`, [ws.workspaceId])) as { n: string }[])[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Entries');
    accountId = (await createAccount(t, ws.member.token, { name: 'Entries SL' })).id;
  }, 60_000);
  afterAll(() => t.stop());

  it('a new workspace starts with progress and regress activity definitions; an ADMIN adds one, a MEMBER may not', async () => {
    const { followUpActivityDefinitions } = expectData(await t.gql(FollowUpActivityDefinitionsDocument, {}, { token: ws.member.token }));
    expect(followUpActivityDefinitions.map((d) => [d.name, d.effect])).toEqual([
      ['Commitment obtained', 'PROGRESS'],
      ['Customer answered', 'PROGRESS'],
      ['Customer asked to wait', 'REGRESS'],
      ['No answer', 'REGRESS'],
      ['Proposal sent', 'PROGRESS'],
    ]);
    const created = expectData(await t.gql(CreateFollowUpActivityDefinitionDocument, { input: { name: 'Visit done', effect: 'PROGRESS' } }, { token: ws.admin.token }));
    expect(created.createFollowUpActivityDefinition).toMatchObject({ name: 'Visit done', effect: 'PROGRESS' });
    expect(codeOf(await t.gql(CreateFollowUpActivityDefinitionDocument, { input: { name: 'Mine', effect: 'REGRESS' } }, { token: ws.member.token }))).toBe('FORBIDDEN');
  });

  it('a new workspace has document types for a follow-up\'s supporting documents', async () => {
    const { documentTypes } = expectData(await t.gql(DocumentTypesDocument, {}, { token: ws.member.token }));
    expect(documentTypes.map((type) => type.name)).toEqual(['Collection letter', 'Supporting document']);
  });

  it('an observation lands on the follow-up (newest first), bumps its version and writes the account\'s timeline', async () => {
    const followUp = await createFollowUp(t, ws.member.token, accountId);
    const first = expectData(await t.gql(AddObservationDocument, { input: { followUpId: followUp.id, text: 'Asked for a quote', expectedVersion: followUp.version } }, { token: ws.member.token }));
    expect(first.addObservation.followUp.version).toBe(followUp.version + 1);
    expect(first.addObservation.observation).toMatchObject({ text: 'Asked for a quote', author: { kind: 'MEMBER', member: { id: ws.member.memberId } } });
    await t.gql(AddObservationDocument, { input: { followUpId: followUp.id, text: '  Prefers mornings  ' } }, { token: ws.admin.token });
    const { followUp: read } = expectData(await t.gql(FollowUpEntriesDocument, { id: followUp.id }, { token: ws.member.token }));
    expect(read.version).toBe(followUp.version + 2);
    expect(read.observations).toEqual({ totalCount: 2, nodes: [expect.objectContaining({ text: 'Prefers mornings' }), expect.objectContaining({ text: 'Asked for a quote' })] });
    const kinds = expectData(await t.gql(AccountTimelineKindsDocument, { id: accountId }, { token: ws.member.token }));
    expect(JSON.stringify(kinds)).toContain('FOLLOW_UP_OBSERVATION_ADDED');
  });

  it('an activity is logged against a definition, with when it happened; a closed follow-up takes entries too', async () => {
    const followUp = await createFollowUp(t, ws.member.token, accountId);
    const noAnswer = await definitionNamed(ws.member.token, 'No answer');
    const answered = await definitionNamed(ws.member.token, 'Customer answered');
    await t.gql(LogFollowUpActivityDocument, { input: { followUpId: followUp.id, definitionId: noAnswer.id, occurredAt: '2026-01-05T09:00:00+01:00' } }, { token: ws.member.token });
    const closed = expectData(await t.gql(CloseFollowUpDocument, { input: { id: followUp.id, outcome: 'SUCCESS' } }, { token: ws.member.token })).closeFollowUp;
    const logged = expectData(
      await t.gql(LogFollowUpActivityDocument, { input: { followUpId: followUp.id, definitionId: answered.id, note: 'Called back later' } }, { token: ws.member.token }),
    ).logFollowUpActivity;
    expect(logged.followUp.version).toBe(closed.version + 1);
    expect(logged.activity).toMatchObject({ note: 'Called back later', definition: { name: 'Customer answered', effect: 'PROGRESS' }, loggedBy: { kind: 'MEMBER' } });
    const { followUp: read } = expectData(await t.gql(FollowUpEntriesDocument, { id: followUp.id }, { token: ws.member.token }));
    expect(read.activities.nodes.map((a) => [a.definition?.name, a.occurredAt])).toEqual([
      ['Customer answered', logged.activity.occurredAt],
      ['No answer', '2026-01-05T08:00:00.000Z'],
    ]);
    const kinds = expectData(await t.gql(AccountTimelineKindsDocument, { id: accountId }, { token: ws.member.token }));
    expect(JSON.stringify(kinds)).toContain('FOLLOW_UP_ACTIVITY_LOGGED');
  });

  it('an archived or unknown definition, a future occurredAt and an empty text are BAD_USER_INPUT; a stale version is CONFLICT; none writes', async () => {
    const followUp = await createFollowUp(t, ws.member.token, accountId);
    const archived = expectData(await t.gql(CreateFollowUpActivityDefinitionDocument, { input: { name: 'Old way', effect: 'REGRESS' } }, { token: ws.admin.token }))
      .createFollowUpActivityDefinition;
    expectData(await t.gql(ArchiveFollowUpActivityDefinitionDocument, { input: { id: archived.id } }, { token: ws.admin.token }));
    const [observations, activities] = [await entryCount('follow_up_observations'), await entryCount('follow_up_activities')];
    const log = (input: Record<string, unknown>) => t.gql(LogFollowUpActivityDocument, { input: { followUpId: followUp.id, ...input } as never }, { token: ws.member.token });
    expect(fieldsOf(await log({ definitionId: archived.id }))).toEqual(['input.definitionId']);
    expect(fieldsOf(await log({ definitionId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['input.definitionId']);
    const answered = await definitionNamed(ws.member.token, 'Customer answered');
    expect(fieldsOf(await log({ definitionId: answered.id, occurredAt: new Date(Date.now() + 86_400_000).toISOString() }))).toEqual(['input.occurredAt']);
    expect(fieldsOf(await t.gql(AddObservationDocument, { input: { followUpId: followUp.id, text: '   ' } }, { token: ws.member.token }))).toEqual(['input.text']);
    const stale = await t.gql(AddObservationDocument, { input: { followUpId: followUp.id, text: 'Late', expectedVersion: followUp.version + 5 } }, { token: ws.member.token });
    expect(codeOf(stale)).toBe('CONFLICT');
    expect([await entryCount('follow_up_observations'), await entryCount('follow_up_activities')]).toEqual([observations, activities]);
  });

  it('whoever sees the follow-up writes on it: an OWN member outside the account\'s portfolio gets NOT_FOUND, unless it is assigned to them', async () => {
    const followUp = await createFollowUp(t, ws.member.token, accountId);
    const outside = await t.gql(AddObservationDocument, { input: { followUpId: followUp.id, text: 'Peek' } }, { token: ws.ownMember.token });
    expect(codeOf(outside)).toBe('NOT_FOUND');
    const answered = await definitionNamed(ws.member.token, 'Customer answered');
    const logOutside = await t.gql(LogFollowUpActivityDocument, { input: { followUpId: followUp.id, definitionId: answered.id } }, { token: ws.ownMember.token });
    expect(codeOf(logOutside)).toBe('NOT_FOUND');
    const assigned = await createFollowUp(t, ws.member.token, accountId, { assigneeId: ws.ownMember.memberId });
    expectData(await t.gql(AddObservationDocument, { input: { followUpId: assigned.id, text: 'On it' } }, { token: ws.ownMember.token }));
    const other = await createWorkspace(t, 'Entries elsewhere');
    expect(codeOf(await t.gql(AddObservationDocument, { input: { followUpId: followUp.id, text: 'Cross' } }, { token: other.owner.token }))).toBe('NOT_FOUND');
    const readKey = await createApiKey(t, ws.admin.token, ['followups:read']);
    expect(codeOf(await t.gql(AddObservationDocument, { input: { followUpId: followUp.id, text: 'Key' } }, { token: readKey }))).toBe('FORBIDDEN');
  });

  it('followUpSettings gives the lists and the parameters; working hours are validated', async () => {
    const fresh = await createWorkspace(t, 'Settings read');
    const changed = expectData(
      await t.gql(SetWorkingHoursDocument, { input: { workingHoursStart: '08:30', workingHoursEnd: '17:00', workingDays: [6, 1, 2] } }, { token: fresh.admin.token }),
    ).updateWorkspaceSettings;
    expect(changed).toMatchObject({ workingHoursStart: '08:30', workingHoursEnd: '17:00', workingDays: [1, 2, 6] });
    const { followUpSettings } = expectData(await t.gql(FollowUpSettingsDocument, {}, { token: fresh.member.token }));
    expect(followUpSettings.types).toHaveLength(6);
    expect(followUpSettings.states.map((s) => s.name)).toContain('Pending');
    expect(followUpSettings.activityDefinitions).toHaveLength(5);
    expect(followUpSettings.parameters).toEqual({ timeZone: 'UTC', defaultPostponeHours: 24, workingHoursStart: '08:30', workingHoursEnd: '17:00', workingDays: [1, 2, 6] });
    const backwards = await t.gql(SetWorkingHoursDocument, { input: { workingHoursEnd: '08:00' } }, { token: fresh.admin.token });
    expect(fieldsOf(backwards)).toEqual(['input.workingHoursEnd']);
    const bad = await t.gql(SetWorkingHoursDocument, { input: { workingHoursStart: '25:00', workingDays: [1, 1] } }, { token: fresh.admin.token });
    expect(fieldsOf(bad)?.sort()).toEqual(['input.workingDays', 'input.workingHoursStart']);
    expect(codeOf(await t.gql(SetWorkingHoursDocument, { input: { workingHoursStart: '07:00' } }, { token: fresh.member.token }))).toBe('FORBIDDEN');
  });

  it('a member sets their own time zone (an ADMIN anyone\'s); their agenda days are in it, else the workspace\'s', async () => {
    const fresh = await createWorkspace(t, 'Zones');
    const account = (await createAccount(t, fresh.member.token, { name: 'Zoned' })).id;
    // 02:00 UTC on 3 May is still 2 May in Bogotá (UTC-5).
    await createFollowUp(t, fresh.member.token, account, { dueAt: '2031-05-03T02:00:00Z' });
    const days = async () =>
      expectData(await t.gql(AgendaDocument, { from: '2031-05-01T00:00:00Z', to: '2031-05-05T00:00:00Z' }, { token: fresh.member.token })).agenda.map((d) => d.date);
    expect(await days()).toEqual(['2031-05-03']);
    const set = expectData(await t.gql(SetMemberTimeZoneDocument, { input: { timeZone: 'America/Bogota' } }, { token: fresh.member.token }));
    expect(set.setMemberTimeZone).toEqual({ id: fresh.member.memberId, timeZone: 'America/Bogota' });
    expect(await days()).toEqual(['2031-05-02']);
    expect(codeOf(await t.gql(SetMemberTimeZoneDocument, { input: { memberId: fresh.admin.memberId, timeZone: 'UTC' } }, { token: fresh.member.token }))).toBe('FORBIDDEN');
    expectData(await t.gql(SetMemberTimeZoneDocument, { input: { memberId: fresh.member.memberId, timeZone: null } }, { token: fresh.admin.token }));
    expect(await days()).toEqual(['2031-05-03']);
    expect(fieldsOf(await t.gql(SetMemberTimeZoneDocument, { input: { timeZone: 'Mars/Olympus' } }, { token: fresh.member.token }))).toEqual(['input.timeZone']);
    expect(codeOf(await t.gql(SetMemberTimeZoneDocument, { input: { memberId: ws.member.memberId, timeZone: 'UTC' } }, { token: fresh.admin.token }))).toBe('NOT_FOUND');
  });
});
