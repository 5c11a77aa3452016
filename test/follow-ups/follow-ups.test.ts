import {
  AccountTimelineKindsDocument,
  CancelFollowUpDocument,
  CloseFollowUpDocument,
  ContinueFollowUpDocument,
  CreateFollowUpDocument,
  CreateFollowUpTypeDocument,
  FollowUpDocument,
  FollowUpsDocument,
  FollowUpStatesDocument,
  FollowUpTypesDocument,
  PostponeFollowUpDocument,
  SetDefaultPostponeHoursDocument,
  UpdateFollowUpDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createFollowUp, followUpTypeId } from '../support/follow-up-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const fieldsOf = (answer: Answer) => (answer.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);

/** The wall-clock time of an instant in an explicit IANA zone, "YYYY-MM-DD HH:mm". */
const wallClock = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));

describe('follow-ups', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let accountId: string;

  const rowCount = async (table: string) =>
    Number(((await t.app.db.query(`SELECT count(*) AS n FROM ${table} WHERE workspace_id = $1`, [ws.workspaceId])) as { n: string }[])[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Follow-ups');
    accountId = (await createAccount(t, ws.member.token, { name: 'Solar SL' })).id;
  }, 60_000);
  afterAll(() => t.stop());

  describe('settings', () => {
    it('a new workspace starts with a follow-up type per base kind and the default states', async () => {
      const { followUpTypes } = expectData(await t.gql(FollowUpTypesDocument, {}, { token: ws.member.token }));
      expect(followUpTypes.map((type) => type.kind).sort()).toEqual(['CALL', 'COLLECTION', 'EMAIL', 'MEETING', 'TASK', 'VISIT']);
      expect(followUpTypes.find((type) => type.kind === 'MEETING')?.defaultDurationMinutes).toBe(60);
      const { followUpStates } = expectData(await t.gql(FollowUpStatesDocument, {}, { token: ws.member.token }));
      expect(followUpStates.map((state) => state.name)).toContain('Pending');
    });

    it('an ADMIN adds a type; a MEMBER may not (FORBIDDEN)', async () => {
      const input = { name: 'Demo', kind: 'MEETING' as const, defaultDurationMinutes: 45 };
      expect(codeOf(await t.gql(CreateFollowUpTypeDocument, { input }, { token: ws.member.token }))).toBe('FORBIDDEN');
      const created = expectData(await t.gql(CreateFollowUpTypeDocument, { input }, { token: ws.admin.token })).createFollowUpType;
      expect(created).toMatchObject({ name: 'Demo', kind: 'MEETING', defaultDurationMinutes: 45 });
      const bad = await t.gql(CreateFollowUpTypeDocument, { input: { ...input, name: 'Long', defaultDurationMinutes: 0 } }, { token: ws.admin.token });
      expect(fieldsOf(bad)).toEqual(['input.defaultDurationMinutes']);
    });

    it('a follow-up takes its type\'s default duration unless told', async () => {
      const typeId = await followUpTypeId(t, ws.member.token, 'VISIT');
      expect((await createFollowUp(t, ws.member.token, accountId, { typeId })).durationMinutes).toBe(90);
      expect((await createFollowUp(t, ws.member.token, accountId, { typeId, durationMinutes: 20 })).durationMinutes).toBe(20);
    });

    it('only an ADMIN changes the default postpone hours (1 to 8760)', async () => {
      expect(codeOf(await t.gql(SetDefaultPostponeHoursDocument, { input: { defaultPostponeHours: 5 } }, { token: ws.member.token }))).toBe('FORBIDDEN');
      const bad = await t.gql(SetDefaultPostponeHoursDocument, { input: { defaultPostponeHours: 0 } }, { token: ws.admin.token });
      expect(fieldsOf(bad)).toEqual(['input.defaultPostponeHours']);
    });
  });

  describe('postponing', () => {
    it('by the workspace\'s default hours, crossing midnight in the workspace\'s zone (stored in UTC)', async () => {
      const settings = expectData(
        await t.gql(SetDefaultPostponeHoursDocument, { input: { defaultPostponeHours: 5, timeZone: 'America/Bogota' } }, { token: ws.admin.token }),
      ).updateWorkspaceSettings;
      expect(settings.defaultPostponeHours).toBe(5);
      const followUp = await createFollowUp(t, ws.member.token, accountId, { dueAt: '2026-06-10T22:30:00-05:00' });
      expect(followUp.dueAt).toBe('2026-06-11T03:30:00.000Z');
      const postponed = expectData(await t.gql(PostponeFollowUpDocument, { input: { id: followUp.id, reason: 'Customer travelling' } }, { token: ws.member.token }))
        .postponeFollowUp;
      expect(postponed.dueAt).toBe('2026-06-11T08:30:00.000Z');
      expect(wallClock(postponed.dueAt, 'America/Bogota')).toBe('2026-06-11 03:30');
      expect(postponed.postponements).toEqual([{ fromDueAt: '2026-06-11T03:30:00.000Z', toDueAt: '2026-06-11T08:30:00.000Z', hours: 5, reason: 'Customer travelling' }]);
      expect(postponed.version).toBe(followUp.version + 1);
    });

    it('by explicit hours across the spring DST change: 24 elapsed hours move the Madrid wall clock from 10:00 to 11:00', async () => {
      const followUp = await createFollowUp(t, ws.member.token, accountId, { dueAt: '2026-03-28T10:00:00+01:00' });
      const postponed = expectData(await t.gql(PostponeFollowUpDocument, { input: { id: followUp.id, hours: 24, reason: 'Weekend' } }, { token: ws.member.token }))
        .postponeFollowUp;
      expect(postponed.dueAt).toBe('2026-03-29T09:00:00.000Z');
      expect(wallClock(postponed.dueAt, 'Europe/Madrid')).toBe('2026-03-29 11:00');
    });

    it('by explicit hours across the autumn DST change (10:00 CEST + 24 h is 09:00 CET), every postponement recorded with its actor', async () => {
      const followUp = await createFollowUp(t, ws.member.token, accountId, { dueAt: '2026-10-24T10:00:00+02:00' });
      await t.gql(PostponeFollowUpDocument, { input: { id: followUp.id, hours: 24, reason: 'First' } }, { token: ws.member.token });
      expectData(await t.gql(PostponeFollowUpDocument, { input: { id: followUp.id, hours: 2, reason: 'Second' } }, { token: ws.member.token }));
      const { followUp: read } = expectData(await t.gql(FollowUpDocument, { id: followUp.id }, { token: ws.member.token }));
      expect(wallClock(read.postponements[0].toDueAt, 'Europe/Madrid')).toBe('2026-10-25 09:00');
      expect(read.postponements.map((p) => [p.hours, p.reason, p.actor.member?.id])).toEqual([
        [24, 'First', ws.member.memberId],
        [2, 'Second', ws.member.memberId],
      ]);
      expect(read.dueAt).toBe('2026-10-25T10:00:00.000Z');
    });
  });

  describe('chains and history', () => {
    it('continue closes the follow-up and opens the next in the same chain; the chain is the whole history from its root', async () => {
      const first = await createFollowUp(t, ws.member.token, accountId, { subject: 'First call' });
      const continueWith = (id: string, subject: string) =>
        t.gql(
          ContinueFollowUpDocument,
          { input: { id, outcome: 'FAILURE', note: 'No answer', next: { subject, typeId: first.type!.id, dueAt: '2026-07-01T09:00:00Z' } } },
          { token: ws.member.token },
        );
      const second = expectData(await continueWith(first.id, 'Second call')).continueFollowUp;
      const third = expectData(await continueWith(second.id, 'Third call')).continueFollowUp;
      expect(second).toMatchObject({ parentId: first.id, chainRootId: first.id, recordId: accountId, recordType: 'ACCOUNT', status: 'OPEN' });
      expect(third).toMatchObject({ parentId: second.id, chainRootId: first.id });
      const { followUp } = expectData(await t.gql(FollowUpDocument, { id: third.id }, { token: ws.member.token }));
      expect(followUp.chain).toEqual([
        { id: first.id, status: 'DONE', outcome: 'FAILURE', parentId: null },
        { id: second.id, status: 'DONE', outcome: 'FAILURE', parentId: first.id },
        { id: third.id, status: 'OPEN', outcome: null, parentId: second.id },
      ]);
      const { account } = expectData(await t.gql(AccountTimelineKindsDocument, { id: accountId }, { token: ws.member.token }));
      const mine = account.timeline.nodes.filter((entry) => [first.id, second.id, third.id].includes((entry.data as { followUpId?: string })?.followUpId ?? ''));
      expect(mine.map((entry) => entry.kind).sort()).toEqual(['FOLLOW_UP_CLOSED', 'FOLLOW_UP_CLOSED', 'FOLLOW_UP_CREATED', 'FOLLOW_UP_CREATED', 'FOLLOW_UP_CREATED']);
    });

    it('continue with a bad next follow-up changes nothing: the first stays OPEN and no follow-up is added', async () => {
      const first = await createFollowUp(t, ws.member.token, accountId);
      const before = await rowCount('follow_ups');
      const entries = await rowCount('timeline_entries');
      const answer = await t.gql(
        ContinueFollowUpDocument,
        { input: { id: first.id, outcome: 'SUCCESS', next: { subject: 'Next', typeId: '00000000-0000-4000-8000-000000000000', dueAt: '2026-07-01T09:00:00Z' } } },
        { token: ws.member.token },
      );
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(answer)).toEqual(['input.next.typeId']);
      const { followUp } = expectData(await t.gql(FollowUpDocument, { id: first.id }, { token: ws.member.token }));
      expect(followUp).toMatchObject({ status: 'OPEN', version: first.version, outcome: null });
      expect(await rowCount('follow_ups')).toBe(before);
      expect(await rowCount('timeline_entries')).toBe(entries);
    });

    it('cancel keeps the follow-up with its history; a cancelled one can no longer be postponed or closed', async () => {
      const followUp = await createFollowUp(t, ws.member.token, accountId, { subject: 'To cancel' });
      await t.gql(PostponeFollowUpDocument, { input: { id: followUp.id, hours: 3, reason: 'Later' } }, { token: ws.member.token });
      const cancelled = expectData(await t.gql(CancelFollowUpDocument, { input: { id: followUp.id, reason: 'Customer closed' } }, { token: ws.member.token }))
        .cancelFollowUp;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', outcomeNote: 'Customer closed' });
      expect(cancelled.closedAt).not.toBeNull();
      const { followUp: read } = expectData(await t.gql(FollowUpDocument, { id: followUp.id }, { token: ws.member.token }));
      expect(read.postponements).toHaveLength(1);
      const { followUps } = expectData(await t.gql(FollowUpsDocument, { filter: { status: { eq: 'CANCELLED' }, id: { eq: followUp.id } } }, { token: ws.member.token }));
      expect(followUps.nodes.map((node) => node.id)).toEqual([followUp.id]);
      const again = await t.gql(PostponeFollowUpDocument, { input: { id: followUp.id, reason: 'Again' } }, { token: ws.member.token });
      expect(fieldsOf(again)).toEqual(['input.id']);
      const close = await t.gql(CloseFollowUpDocument, { input: { id: followUp.id, outcome: 'SUCCESS' } }, { token: ws.member.token });
      expect(codeOf(close)).toBe('BAD_USER_INPUT');
    });

    it('close records the outcome and note and writes FOLLOW_UP_CLOSED on the account\'s timeline', async () => {
      const followUp = await createFollowUp(t, ws.member.token, accountId);
      const closed = expectData(await t.gql(CloseFollowUpDocument, { input: { id: followUp.id, outcome: 'SUCCESS', note: 'Order placed' } }, { token: ws.member.token }))
        .closeFollowUp;
      expect(closed).toMatchObject({ status: 'DONE', outcome: 'SUCCESS', outcomeNote: 'Order placed' });
      const { account } = expectData(await t.gql(AccountTimelineKindsDocument, { id: accountId }, { token: ws.member.token }));
      expect(account.timeline.nodes.find((entry) => (entry.data as { followUpId?: string }).followUpId === followUp.id && entry.kind === 'FOLLOW_UP_CLOSED'))
        .toBeDefined();
    });
  });

  describe('visibility', () => {
    it('an OWN-scope member sees a follow-up assigned to them on an account outside their portfolio, and not the others there', async () => {
      const theirs = await createFollowUp(t, ws.member.token, accountId, { subject: 'For own member', assigneeId: ws.ownMember.memberId });
      const others = await createFollowUp(t, ws.member.token, accountId, { subject: 'For member' });
      expect(theirs.assignee?.id).toBe(ws.ownMember.memberId);
      expect(expectData(await t.gql(FollowUpDocument, { id: theirs.id }, { token: ws.ownMember.token })).followUp.subject).toBe('For own member');
      expect(codeOf(await t.gql(FollowUpDocument, { id: others.id }, { token: ws.ownMember.token }))).toBe('NOT_FOUND');
      const { followUps } = expectData(await t.gql(FollowUpsDocument, { first: 500 }, { token: ws.ownMember.token }));
      const ids = followUps.nodes.map((node) => node.id);
      expect(ids).toContain(theirs.id);
      expect(ids).not.toContain(others.id);
      expect(followUps.totalCount).toBe(ids.length);
      // The assignee works it (postpones it), though the account is not theirs.
      expect(expectData(await t.gql(PostponeFollowUpDocument, { input: { id: theirs.id, hours: 1, reason: 'Busy' } }, { token: ws.ownMember.token })).postponeFollowUp.status).toBe('OPEN');
    });

    it('an OWN-scope member cannot open a follow-up on an account outside their portfolio (NOT_FOUND, nothing written)', async () => {
      const before = await rowCount('follow_ups');
      const typeId = await followUpTypeId(t, ws.ownMember.token);
      const answer = await t.gql(
        CreateFollowUpDocument,
        { input: { subject: 'Sneak', typeId, targetType: 'ACCOUNT', targetId: accountId, dueAt: '2026-07-01T09:00:00Z' } },
        { token: ws.ownMember.token },
      );
      expect(codeOf(answer)).toBe('NOT_FOUND');
      expect(await rowCount('follow_ups')).toBe(before);
    });
  });

  describe('bad input', () => {
    it('invalid fields are BAD_USER_INPUT with their paths, all at once, and nothing is written', async () => {
      const before = await rowCount('follow_ups');
      const typeId = await followUpTypeId(t, ws.member.token);
      const answer = await t.gql(
        CreateFollowUpDocument,
        { input: { subject: ' ', typeId, targetType: 'ACCOUNT', targetId: accountId, dueAt: '2026-07-01T09:00:00Z', durationMinutes: 0 } },
        { token: ws.member.token },
      );
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(answer)?.sort()).toEqual(['input.durationMinutes', 'input.subject']);
      const missing = await t.gql(CreateFollowUpDocument, { input: { subject: 'x', typeId, dueAt: '2026-07-01T09:00:00Z' } }, { token: ws.member.token });
      expect(fieldsOf(missing)).toEqual(['input.targetType']);
      const inactive = await t.gql(
        CreateFollowUpDocument,
        { input: { subject: 'x', typeId, targetType: 'ACCOUNT', targetId: accountId, dueAt: '2026-07-01T09:00:00Z', assigneeId: '00000000-0000-4000-8000-000000000000' } },
        { token: ws.member.token },
      );
      expect(fieldsOf(inactive)).toEqual(['input.assigneeId']);
      expect(await rowCount('follow_ups')).toBe(before);
    });

    it('a target of another kind than targetType is NOT_FOUND', async () => {
      const typeId = await followUpTypeId(t, ws.member.token);
      const answer = await t.gql(
        CreateFollowUpDocument,
        { input: { subject: 'x', typeId, targetType: 'DEAL', targetId: accountId, dueAt: '2026-07-01T09:00:00Z' } },
        { token: ws.member.token },
      );
      expect(codeOf(answer)).toBe('NOT_FOUND');
    });

    it('postponing by 0 hours is BAD_USER_INPUT; a stale expectedVersion is CONFLICT; neither writes', async () => {
      const followUp = await createFollowUp(t, ws.member.token, accountId);
      const postponements = await rowCount('follow_up_postponements');
      const zero = await t.gql(PostponeFollowUpDocument, { input: { id: followUp.id, hours: 0, reason: 'x' } }, { token: ws.member.token });
      expect(fieldsOf(zero)).toEqual(['input.hours']);
      const noReason = await t.gql(PostponeFollowUpDocument, { input: { id: followUp.id, reason: '' } }, { token: ws.member.token });
      expect(fieldsOf(noReason)).toEqual(['input.reason']);
      const stale = await t.gql(UpdateFollowUpDocument, { input: { id: followUp.id, subject: 'New', expectedVersion: followUp.version + 5 } }, { token: ws.member.token });
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(await rowCount('follow_up_postponements')).toBe(postponements);
      const { followUp: read } = expectData(await t.gql(FollowUpDocument, { id: followUp.id }, { token: ws.member.token }));
      expect(read).toMatchObject({ version: followUp.version, subject: followUp.subject, dueAt: followUp.dueAt });
    });
  });

  describe('updates and API keys', () => {
    it('an update writes FOLLOW_UP_UPDATED with its changes on the account\'s timeline; nothing changed writes nothing', async () => {
      const followUp = await createFollowUp(t, ws.member.token, accountId, { subject: 'Before' });
      const updated = expectData(await t.gql(UpdateFollowUpDocument, { input: { id: followUp.id, subject: 'After', expectedVersion: followUp.version } }, { token: ws.member.token }))
        .updateFollowUp;
      expect(updated).toMatchObject({ subject: 'After', version: followUp.version + 1 });
      const entries = await rowCount('timeline_entries');
      const same = expectData(await t.gql(UpdateFollowUpDocument, { input: { id: followUp.id, subject: 'After' } }, { token: ws.member.token })).updateFollowUp;
      expect(same.version).toBe(updated.version);
      expect(await rowCount('timeline_entries')).toBe(entries);
      const { account } = expectData(await t.gql(AccountTimelineKindsDocument, { id: accountId }, { token: ws.member.token }));
      expect(account.timeline.nodes.filter((entry) => (entry.data as { followUpId?: string }).followUpId === followUp.id).map((entry) => entry.kind)).toEqual([
        'FOLLOW_UP_UPDATED',
        'FOLLOW_UP_CREATED',
      ]);
    });

    it('an API key needs followups:write to open one (then nobody is assigned unless told); followups:read only reads', async () => {
      const reader = await createApiKey(t, ws.owner.token, ['followups:read']);
      const writer = await createApiKey(t, ws.owner.token, ['followups:write']);
      const typeId = await followUpTypeId(t, ws.member.token);
      const input = { subject: 'From the ERP', typeId, targetType: 'ACCOUNT' as const, targetId: accountId, dueAt: '2031-01-01T09:00:00Z' };
      expect(codeOf(await t.gql(CreateFollowUpDocument, { input }, { token: reader }))).toBe('FORBIDDEN');
      const created = expectData(await t.gql(CreateFollowUpDocument, { input }, { token: writer })).createFollowUp;
      expect(created.assignee).toBeNull();
      expect(created.createdBy.kind).toBe('API_KEY');
      expect(expectData(await t.gql(FollowUpDocument, { id: created.id }, { token: reader })).followUp.id).toBe(created.id);
    });
  });

  describe('lists', () => {
    it('filters by due range, assignee and overdue, soonest first', async () => {
      const account = (await createAccount(t, ws.member.token, { name: 'Filters SA' })).id;
      const past = await createFollowUp(t, ws.member.token, account, { subject: 'Past', dueAt: '2020-01-01T09:00:00Z' });
      const soon = await createFollowUp(t, ws.member.token, account, { subject: 'Soon', dueAt: '2099-01-01T09:00:00Z', assigneeId: ws.manager.memberId });
      const later = await createFollowUp(t, ws.member.token, account, { subject: 'Later', dueAt: '2099-06-01T09:00:00Z' });
      const list = async (filter: object) =>
        expectData(await t.gql(FollowUpsDocument, { filter: { accountId: { eq: account }, ...filter } }, { token: ws.member.token })).followUps.nodes.map((n) => n.id);
      expect(await list({})).toEqual([past.id, soon.id, later.id]);
      expect(await list({ overdue: true })).toEqual([past.id]);
      expect(await list({ dueAt: { gte: '2098-12-31T23:00:00-01:00', lt: '2099-02-01T00:00:00Z' } })).toEqual([soon.id]);
      expect(await list({ assigneeId: { eq: ws.manager.memberId } })).toEqual([soon.id]);
      const desc = expectData(
        await t.gql(FollowUpsDocument, { filter: { accountId: { eq: account } }, orderBy: [{ field: 'DUE_AT', direction: 'DESC' }] }, { token: ws.member.token }),
      ).followUps.nodes.map((n) => n.id);
      expect(desc).toEqual([later.id, soon.id, past.id]);
    });
  });
});
