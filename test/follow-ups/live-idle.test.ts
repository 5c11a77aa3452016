import {
  ArchiveAccountDocument,
  CancelFollowUpDocument,
  CloseFollowUpDocument,
  ContinueFollowUpDocument,
  DealLostReasonsDocument,
  IdleCountersChangedDocument,
  LoseDealDocument,
  ReopenDealDocument,
  RestoreAccountDocument,
  SetAccountOwnersDocument,
  SetMemberTimeZoneDocument,
  UpdateDealDocument,
  UpdateMemberDocument,
  UpdateWorkspaceSettingsDocument,
  UpsertAccountsDocument,
  WinDealDocument,
  type IdleCountersChangedSubscription,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createDeal } from '../support/deal-factories';
import { addMember, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createFollowUp, followUpTypeId } from '../support/follow-up-factories';
import { subscribe, type LiveSubscription } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';
import { tapActivity } from '../support/activity-tap';
import type { EventBus } from '../../src/platform/events/event-bus';

type Counters = IdleCountersChangedSubscription['activityCountersChanged'];
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** The pushes of a live counters subscription, read until one matches (each within 5 seconds). */
async function pushUntil(live: LiveSubscription<IdleCountersChangedSubscription>, wanted: (counters: Counters) => boolean): Promise<Counters> {
  for (let i = 0; i < 10; i += 1) {
    const message = await live.next(5000);
    const counters = message.data?.activityCountersChanged;
    if (!counters) throw new Error(`no counters pushed: ${JSON.stringify(message.errors)}`);
    if (wanted(counters)) return counters;
  }
  throw new Error('the expected counters were never pushed');
}

/**
 * IDLE (owned accounts and open deals with no OPEN follow-up) and DUE_TODAY move with changes that are not the
 * member's follow-ups: each source below reaches activityCountersChanged (issue 10). Mutations on instance A,
 * subscribers on instance B; each test in a workspace of its own, so counts are exact.
 */
describe('live IDLE and time-zone counters', () => {
  let a: TestApp;
  let b: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ DATABASE_URL: a.databaseUrl });
  });
  beforeEach(async () => {
    ws = await createWorkspace(a, 'Idle');
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  /** The member's live counters, after the first (current) push. */
  async function liveCountersOf(token: string, variables: { timeZone?: string } = { timeZone: 'UTC' }) {
    const live = subscribe(b.ws(token), IdleCountersChangedDocument, variables);
    const first = (await live.next()).data?.activityCountersChanged;
    if (!first) throw new Error('no first push');
    return { live, first };
  }

  describe('accounts', () => {
    it('a member\'s IDLE count is pushed when an account is given to them, and the previous owner\'s when it leaves them', async () => {
      const account = await createAccount(a, ws.admin.token);
      const mine = await liveCountersOf(ws.member.token);
      const admins = await liveCountersOf(ws.admin.token);
      expect(mine.first).toMatchObject({ idleAccounts: 0 });
      expect(admins.first).toMatchObject({ idleAccounts: 1 });

      expectData(await a.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.member.memberId } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 1)).toMatchObject({ idle: 1, idleAccounts: 1 });
      expect(await pushUntil(admins.live, (c) => c.idleAccounts === 0)).toMatchObject({ idle: 0 });
      mine.live.close();
      admins.live.close();
    });

    it('a member\'s IDLE count is pushed when a colleague creates an account for them', async () => {
      const mine = await liveCountersOf(ws.member.token);
      await createAccount(a, ws.admin.token, { primaryOwnerId: ws.member.memberId });
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 1)).toMatchObject({ idle: 1 });
      mine.live.close();
    });

    it('a member\'s IDLE count is pushed when upsertAccounts creates accounts they own', async () => {
      const mine = await liveCountersOf(ws.member.token);
      const rows = [1, 2].map((n) => ({ externalId: `IDLE-${n}-${ws.workspaceId}`, name: `Imported ${n}`, type: 'PROSPECT' as const, primaryOwnerId: ws.member.memberId }));
      const results = expectData(await a.gql(UpsertAccountsDocument, { input: { rows } }, { token: ws.admin.token })).upsertAccounts;
      expect(results.map((row) => row.status)).toEqual(['CREATED', 'CREATED']);
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 2)).toMatchObject({ idle: 2 });
      mine.live.close();
    });

    it('an archived account leaves its owner\'s IDLE count, a restored one comes back, both pushed', async () => {
      const account = await createAccount(a, ws.member.token);
      const mine = await liveCountersOf(ws.member.token);
      expect(mine.first.idleAccounts).toBe(1);
      const archived = expectData(await a.gql(ArchiveAccountDocument, { input: { id: account.id } }, { token: ws.admin.token })).archiveAccount;
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 0)).toMatchObject({ idle: 0 });
      expectData(await a.gql(RestoreAccountDocument, { input: { id: account.id, expectedVersion: archived.version } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 1)).toMatchObject({ idle: 1 });
      mine.live.close();
    });

    it('a rolled-back owner change pushes nothing: an inactive secondary owner, then a stale expectedVersion', async () => {
      const account = await createAccount(a, ws.admin.token);
      const mine = await liveCountersOf(ws.member.token);
      const tap = tapActivity(b.app.services.events as EventBus, ws.workspaceId);

      const invalid = await a.gql(
        SetAccountOwnersDocument,
        { input: { accountId: account.id, primaryOwnerId: ws.member.memberId, secondaryOwnerIds: ['00000000-0000-4000-8000-000000000000'] } },
        { token: ws.admin.token },
      );
      expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const stale = await a.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.member.memberId, expectedVersion: account.version + 5 } }, { token: ws.admin.token });
      expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await mine.live.staysQuiet(500)).toBe(true);
      expect(tap.received).toEqual([]);

      // The bus is live all along: the next committed change is the first thing announced.
      expectData(await a.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: ws.member.memberId } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 1)).toMatchObject({ idle: 1 });
      expect(tap.received.map((event) => [...event.memberIds].sort())).toEqual([[ws.admin.memberId, ws.member.memberId].sort()]);
      await tap.stop();
      mine.live.close();
    });
  });

  describe('deals', () => {
    it('a member\'s IDLE count is pushed when a deal is created for them, and when it is won and reopened', async () => {
      const account = await createAccount(a, ws.admin.token);
      const mine = await liveCountersOf(ws.member.token);
      expect(mine.first.idleDeals).toBe(0);
      const deal = await createDeal(a, ws.admin.token, account.id, { ownerId: ws.member.memberId, amount: '100' });
      expect(await pushUntil(mine.live, (c) => c.idleDeals === 1)).toMatchObject({ idle: 1, idleAccounts: 0 });

      expectData(await a.gql(WinDealDocument, { input: { id: deal.id } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleDeals === 0)).toMatchObject({ idle: 0 });
      expectData(await a.gql(ReopenDealDocument, { input: { id: deal.id } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleDeals === 1)).toMatchObject({ idle: 1 });
      mine.live.close();
    });

    it('a lost deal leaves its owner\'s IDLE count, pushed', async () => {
      const account = await createAccount(a, ws.admin.token);
      const deal = await createDeal(a, ws.admin.token, account.id, { ownerId: ws.member.memberId });
      const mine = await liveCountersOf(ws.member.token);
      expect(mine.first.idleDeals).toBe(1);
      const [reason] = expectData(await a.gql(DealLostReasonsDocument, {}, { token: ws.admin.token })).dealLostReasons;
      expectData(await a.gql(LoseDealDocument, { input: { id: deal.id, reasonId: reason.id } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleDeals === 0)).toMatchObject({ idle: 0 });
      mine.live.close();
    });

    it('a deal given to another member moves the count from the old owner to the new one; a stale update moves nothing', async () => {
      const account = await createAccount(a, ws.admin.token);
      const deal = await createDeal(a, ws.admin.token, account.id, { ownerId: ws.member.memberId });
      const mine = await liveCountersOf(ws.member.token);
      const owners = await liveCountersOf(ws.owner.token);
      expect([mine.first.idleDeals, owners.first.idleDeals]).toEqual([1, 0]);

      const stale = await a.gql(UpdateDealDocument, { input: { id: deal.id, ownerId: ws.owner.memberId, expectedVersion: deal.version + 5 } }, { token: ws.admin.token });
      expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await owners.live.staysQuiet(400)).toBe(true);

      expectData(await a.gql(UpdateDealDocument, { input: { id: deal.id, ownerId: ws.owner.memberId } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleDeals === 0)).toMatchObject({ idle: 0 });
      expect(await pushUntil(owners.live, (c) => c.idleDeals === 1)).toMatchObject({ idleDeals: 1 });
      mine.live.close();
      owners.live.close();
    });
  });

  describe('follow-ups on a target another member owns', () => {
    it('a member\'s IDLE count is pushed when a colleague opens a follow-up on their account, and when it is closed', async () => {
      const account = await createAccount(a, ws.member.token);
      const mine = await liveCountersOf(ws.member.token);
      expect(mine.first.idleAccounts).toBe(1);
      const followUp = await createFollowUp(a, ws.admin.token, account.id, { dueAt: inHours(48) }); // assigned to the admin
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 0)).toMatchObject({ idle: 0 });
      expectData(await a.gql(CloseFollowUpDocument, { input: { id: followUp.id, outcome: 'SUCCESS' } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 1)).toMatchObject({ idle: 1 });
      mine.live.close();
    });

    it('a member\'s IDLE count is pushed when a colleague\'s follow-up on their deal is cancelled', async () => {
      const account = await createAccount(a, ws.admin.token);
      const deal = await createDeal(a, ws.admin.token, account.id, { ownerId: ws.member.memberId });
      const followUp = await createFollowUp(a, ws.admin.token, deal.id, { dueAt: inHours(48), targetType: 'DEAL' });
      const mine = await liveCountersOf(ws.member.token);
      expect(mine.first.idleDeals).toBe(0);
      expectData(await a.gql(CancelFollowUpDocument, { input: { id: followUp.id, reason: 'not needed' } }, { token: ws.admin.token }));
      expect(await pushUntil(mine.live, (c) => c.idleDeals === 1)).toMatchObject({ idle: 1 });
      mine.live.close();
    });

    it('a colleague continuing a follow-up onto another target moves the IDLE counts of both targets\' owners', async () => {
      const mineAccount = await createAccount(a, ws.member.token);
      const ownersAccount = await createAccount(a, ws.owner.token);
      const followUp = await createFollowUp(a, ws.admin.token, mineAccount.id, { dueAt: inHours(48) });
      const mine = await liveCountersOf(ws.member.token);
      const owners = await liveCountersOf(ws.owner.token);
      expect([mine.first.idleAccounts, owners.first.idleAccounts]).toEqual([0, 1]);
      expectData(
        await a.gql(
          ContinueFollowUpDocument,
          { input: { id: followUp.id, outcome: 'SUCCESS', next: { subject: 'Next', typeId: await followUpTypeId(a, ws.admin.token), dueAt: inHours(72), targetType: 'ACCOUNT', targetId: ownersAccount.id } } },
          { token: ws.admin.token },
        ),
      );
      expect(await pushUntil(mine.live, (c) => c.idleAccounts === 1)).toMatchObject({ idle: 1 });
      expect(await pushUntil(owners.live, (c) => c.idleAccounts === 0)).toMatchObject({ idle: 0 });
      mine.live.close();
      owners.live.close();
    });
  });

  describe('time zones', () => {
    it('a member\'s counters are pushed with the new zone when they change their time zone', async () => {
      const mine = await liveCountersOf(ws.member.token, {});
      expect(mine.first.timeZone).not.toBe('Asia/Tokyo');
      expectData(await a.gql(SetMemberTimeZoneDocument, { input: { timeZone: 'Asia/Tokyo' } }, { token: ws.member.token }));
      expect(await pushUntil(mine.live, (c) => c.timeZone === 'Asia/Tokyo')).toMatchObject({ memberId: ws.member.memberId });
      mine.live.close();
    });

    it('a workspace time-zone change pushes members without their own zone, and announces no member with one', async () => {
      expectData(await a.gql(SetMemberTimeZoneDocument, { input: { timeZone: 'Europe/Madrid' } }, { token: ws.admin.token }));
      const mine = await liveCountersOf(ws.member.token, {});
      const admins = await liveCountersOf(ws.admin.token, {});
      expect(admins.first.timeZone).toBe('Europe/Madrid');
      const tap = tapActivity(b.app.services.events as EventBus, ws.workspaceId);

      expectData(await a.gql(UpdateWorkspaceSettingsDocument, { input: { timeZone: 'America/Lima' } }, { token: ws.owner.token }));
      expect(await pushUntil(mine.live, (c) => c.timeZone === 'America/Lima')).toMatchObject({ memberId: ws.member.memberId });
      expect(await admins.live.staysQuiet(300)).toBe(true);
      const announced = tap.received.flatMap((event) => event.memberIds);
      expect(announced).toEqual(expect.arrayContaining([ws.owner.memberId, ws.manager.memberId, ws.member.memberId, ws.ownMember.memberId]));
      expect(announced).not.toContain(ws.admin.memberId);
      await tap.stop();
      mine.live.close();
      admins.live.close();
    });
  });

  describe('viewer rights', () => {
    it('a MANAGER watching a team member\'s counters gets them recounted when their own access scope narrows to OWN', async () => {
      const seller = await addMember(a, ws.owner.token, 'MEMBER', 'ALL', [ws.teamId]);
      const account = await createAccount(a, ws.admin.token);
      expectData(await a.gql(SetAccountOwnersDocument, { input: { accountId: account.id, primaryOwnerId: seller.memberId } }, { token: ws.admin.token }));
      const live = subscribe(b.ws(ws.manager.token), IdleCountersChangedDocument, { memberId: seller.memberId, timeZone: 'UTC' });
      expect((await live.next()).data?.activityCountersChanged).toMatchObject({ memberId: seller.memberId, idleAccounts: 1 });

      // No event on the activity topic: only the manager's own rights changed (TEAM -> OWN: the seller's account is out of reach).
      expectData(await a.gql(UpdateMemberDocument, { input: { memberId: ws.manager.memberId, accessScope: 'OWN' } }, { token: ws.owner.token }));
      expect(await pushUntil(live, (c) => c.idleAccounts === 0)).toMatchObject({ idle: 0, idleAccounts: 0 });
      live.close();
    });
  });
});

