import {
  ArchiveDealLostReasonDocument,
  CreateDealLostReasonDocument,
  DealAccountTimelineDocument,
  DealMovesDocument,
  LoseDealDocument,
  MoveDealDocument,
  ReopenDealDocument,
  UpdateAccountDocument,
  WinDealDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createDeal, createPipeline, stageNamed } from '../support/deal-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const extensionsOf = (answer: Answer) => answer.errors?.[0]?.extensions;

describe('moving deals through their pipeline', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let strict: Awaited<ReturnType<typeof createPipeline>>;
  let loose: Awaited<ReturnType<typeof createPipeline>>;
  let accountId: string;
  let contactId: string;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Moves');
    strict = await createPipeline(t, ws.admin.token, { strictOrder: true });
    loose = await createPipeline(t, ws.admin.token, { strictOrder: false });
    accountId = (await createAccount(t, ws.member.token)).id;
    contactId = (await createContact(t, ws.member.token, { accountId })).id;
  });
  afterAll(() => t.stop());

  const stage = (name: string) => stageNamed(strict, name);
  const move = (token: string, id: string, stageId: string, expectedVersion?: number) =>
    t.gql(MoveDealDocument, { input: { id, stageId, expectedVersion } }, { token });
  const historyRows = async (dealId: string): Promise<number> =>
    (await t.app.db.query('SELECT count(*)::int AS n FROM deal_stage_changes WHERE deal_id = $1', [dealId]))[0].n;
  /** A deal in the strict pipeline with everything every stage requires. */
  const readyDeal = () =>
    createDeal(t, ws.member.token, accountId, {
      pipelineId: strict.id,
      contactIds: [contactId],
      expectedCloseDate: '2031-06-30',
      lines: [{ name: 'Install', quantity: '1', unitPrice: '900', taxRate: '21' }],
    });

  it('strict order: skipping a stage is refused naming the allowed stages; the next one, back, and forward again are fine', async () => {
    const deal = await readyDeal();
    const skipped = await move(ws.member.token, deal.id, stage('Proposal'), 1);
    expect(extensionsOf(skipped)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'STAGE_ORDER',
      allowedStageIds: [stage('Qualified'), stage('Won'), stage('Lost')],
      missingFields: [],
      fields: [{ path: 'input.stageId' }],
    });
    expect(skipped.errors?.[0].message).toContain('"Qualified", "Won", "Lost"');
    expect(await historyRows(deal.id)).toBe(0);

    let moved = expectData(await move(ws.member.token, deal.id, stage('Qualified'), 1)).moveDeal;
    expect(moved).toMatchObject({ version: 2, status: 'OPEN', stage: { name: 'Qualified' } });
    moved = expectData(await move(ws.member.token, deal.id, stage('Lead in'), 2)).moveDeal;
    expect(moved.stage.name).toBe('Lead in');
    moved = expectData(await move(ws.member.token, deal.id, stage('Qualified'), 3)).moveDeal;
    moved = expectData(await move(ws.member.token, deal.id, stage('Proposal'), 4)).moveDeal;
    expect(moved.stageHistory.map((row) => [row.fromStage.name, row.toStage.name])).toEqual([
      ['Lead in', 'Qualified'],
      ['Qualified', 'Lead in'],
      ['Lead in', 'Qualified'],
      ['Qualified', 'Proposal'],
    ]);
    expect(moved.stageHistory.every((row) => row.actor.member?.id === ws.member.memberId)).toBe(true);
    const { account } = expectData(await t.gql(DealAccountTimelineDocument, { id: accountId }, { token: ws.member.token }));
    expect(account?.timeline.nodes.find((entry) => entry.recordId === deal.id && entry.kind === 'DEAL_MOVED')?.data).toMatchObject({
      fromStage: 'Qualified',
      toStage: 'Proposal',
      direction: 'FORWARD',
    });
  });

  it('strict order still allows winning or losing from any OPEN stage; without strict order any stage may be entered', async () => {
    const deal = await readyDeal();
    expect(expectData(await move(ws.member.token, deal.id, stage('Lost'))).moveDeal).toMatchObject({ status: 'LOST', lostAt: expect.any(String) });
    const free = await createDeal(t, ws.member.token, accountId, { pipelineId: loose.id, amount: '5', expectedCloseDate: '2031-01-01' });
    const jumped = expectData(await move(ws.member.token, free.id, stageNamed(loose, 'Proposal'))).moveDeal;
    expect(jumped.stage.name).toBe('Proposal');
  });

  it('a stage\'s requirements are checked on entry: refused with the missing fields, nothing written', async () => {
    const deal = await createDeal(t, ws.member.token, accountId, { pipelineId: loose.id });
    const refused = await move(ws.member.token, deal.id, stageNamed(loose, 'Negotiation'));
    expect(extensionsOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STAGE_REQUIREMENTS', missingFields: ['CONTACT', 'PRODUCT_LINE'], fields: [{ path: 'input.stageId' }] });
    const winning = await t.gql(WinDealDocument, { input: { id: deal.id } }, { token: ws.member.token });
    expect(extensionsOf(winning)).toMatchObject({ reason: 'STAGE_REQUIREMENTS', missingFields: ['AMOUNT'] });
    const read = expectData(await t.gql(DealMovesDocument, { id: deal.id }, { token: ws.member.token })).deal;
    expect(read).toMatchObject({ version: 1, status: 'OPEN', stageHistory: [] });
  });

  it('a stage of another pipeline is refused (BAD_USER_INPUT naming input.stageId)', async () => {
    const deal = await readyDeal();
    const refused = await move(ws.member.token, deal.id, stageNamed(loose, 'Qualified'));
    expect(extensionsOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STAGE_ORDER', fields: [{ path: 'input.stageId' }], allowedStageIds: [stage('Qualified'), stage('Won'), stage('Lost')] });
    expect(await historyRows(deal.id)).toBe(0);
  });

  it('stage history records the time spent in the stage left', async () => {
    const deal = await readyDeal();
    await t.app.db.query("UPDATE deals SET stage_entered_at = now() - interval '3 hours 5 seconds' WHERE id = $1", [deal.id]);
    const moved = expectData(await move(ws.member.token, deal.id, stage('Qualified'))).moveDeal;
    expect(moved.stageHistory).toHaveLength(1);
    expect(moved.stageHistory[0].secondsInFromStage).toBeGreaterThanOrEqual(3 * 3600 + 5);
    expect(moved.stageHistory[0].secondsInFromStage).toBeLessThan(3 * 3600 + 60);
    expect(Date.parse(moved.stageEnteredAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('20 concurrent moveDeal calls with the same expectedVersion: exactly one wins, one stage-history row', async () => {
    const deal = await readyDeal();
    const answers = await Promise.all(Array.from({ length: 20 }, () => move(ws.member.token, deal.id, stage('Qualified'), 1)));
    const won = answers.filter((answer) => !answer.errors);
    const conflicts = answers.filter((answer) => extensionsOf(answer)?.code === 'CONFLICT');
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    expect(conflicts.every((answer) => extensionsOf(answer)?.reason === 'VERSION_MISMATCH')).toBe(true);
    expect(await historyRows(deal.id)).toBe(1);
    expect(expectData(await t.gql(DealMovesDocument, { id: deal.id }, { token: ws.member.token })).deal).toMatchObject({ version: 2, stage: { name: 'Qualified' } });
  });

  it('the first won deal makes a PROSPECT account a CUSTOMER, on the account\'s timeline; later wins do not write it again', async () => {
    const prospect = (await createAccount(t, ws.member.token, { type: 'PROSPECT' })).id;
    const first = await createDeal(t, ws.member.token, prospect, { pipelineId: loose.id, amount: '100' });
    const won = expectData(await t.gql(WinDealDocument, { input: { id: first.id, expectedVersion: 1 } }, { token: ws.member.token })).winDeal;
    expect(won).toMatchObject({ status: 'WON', wonAt: expect.any(String), stage: { kind: 'WON' }, account: { type: 'CUSTOMER' } });
    const timeline = async () => expectData(await t.gql(DealAccountTimelineDocument, { id: prospect }, { token: ws.member.token })).account?.timeline.nodes ?? [];
    const promotions = async () => (await timeline()).filter((entry) => entry.kind === 'ACCOUNT_UPDATED');
    expect(await promotions()).toEqual([
      expect.objectContaining({ recordType: 'ACCOUNT', recordId: prospect, changes: [{ field: 'type', before: 'PROSPECT', after: 'CUSTOMER' }], data: expect.objectContaining({ reason: 'FIRST_DEAL_WON', dealId: first.id }) }),
    ]);
    // Written in the winning transaction (same time): both are the newest entries.
    expect((await timeline()).map((entry) => entry.kind).slice(0, 2).sort()).toEqual(['ACCOUNT_UPDATED', 'DEAL_WON']);
    // Set back to PROSPECT by hand: a second won deal is not the first one, so it stays.
    expectData(await t.gql(UpdateAccountDocument, { input: { id: prospect, type: 'PROSPECT' } }, { token: ws.member.token }));
    const second = await createDeal(t, ws.member.token, prospect, { pipelineId: loose.id, amount: '50' });
    expect(expectData(await t.gql(WinDealDocument, { input: { id: second.id } }, { token: ws.member.token })).winDeal.account?.type).toBe('PROSPECT');
  });

  it('a LEAD account is promoted too; an OTHER account is left as it is', async () => {
    const lead = (await createAccount(t, ws.member.token, { type: 'LEAD' })).id;
    const otherType = (await createAccount(t, ws.member.token, { type: 'OTHER' })).id;
    for (const [id, type] of [[lead, 'CUSTOMER'], [otherType, 'OTHER']] as const) {
      const deal = await createDeal(t, ws.member.token, id, { pipelineId: loose.id, amount: '1' });
      expect(expectData(await t.gql(WinDealDocument, { input: { id: deal.id } }, { token: ws.member.token })).winDeal.account?.type).toBe(type);
    }
  });

  it('loseDeal records the reason and note; an unknown or archived reason is refused', async () => {
    const reason = expectData(await t.gql(CreateDealLostReasonDocument, { input: { name: `Too late ${Date.now()}` } }, { token: ws.admin.token })).createDealLostReason;
    const retired = expectData(await t.gql(CreateDealLostReasonDocument, { input: { name: `Retired ${Date.now()}` } }, { token: ws.admin.token })).createDealLostReason;
    expectData(await t.gql(ArchiveDealLostReasonDocument, { input: { id: retired.id } }, { token: ws.admin.token }));
    const deal = await readyDeal();
    for (const reasonId of [retired.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await t.gql(LoseDealDocument, { input: { id: deal.id, reasonId } }, { token: ws.member.token });
      expect(extensionsOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.reasonId' }] });
    }
    const lost = expectData(await t.gql(LoseDealDocument, { input: { id: deal.id, expectedVersion: 1, reasonId: reason.id, note: 'Chose a competitor' } }, { token: ws.member.token })).loseDeal;
    expect(lost).toMatchObject({ status: 'LOST', lostReason: { id: reason.id }, lostNote: 'Chose a competitor', stage: { name: 'Lost' }, wonAt: null });
  });

  it('a closed deal moves only after reopenDeal, which returns it to the stage it was closed from', async () => {
    const deal = await readyDeal();
    expectData(await move(ws.member.token, deal.id, stage('Qualified')));
    const won = expectData(await t.gql(WinDealDocument, { input: { id: deal.id } }, { token: ws.member.token })).winDeal;
    const moving = await move(ws.member.token, deal.id, stage('Lead in'));
    expect(extensionsOf(moving)).toMatchObject({ reason: 'STAGE_ORDER', allowedStageIds: [] });
    expect(moving.errors?.[0].message).toContain('reopen it first');
    expect(extensionsOf(await t.gql(WinDealDocument, { input: { id: deal.id } }, { token: ws.member.token }))?.reason).toBe('STAGE_ORDER');
    const reopened = expectData(await t.gql(ReopenDealDocument, { input: { id: deal.id, expectedVersion: won.version } }, { token: ws.member.token })).reopenDeal;
    expect(reopened).toMatchObject({ status: 'OPEN', wonAt: null, lostAt: null, stage: { name: 'Qualified' } });
    expect(reopened.stageHistory.map((row) => row.toStage.name)).toEqual(['Qualified', 'Won', 'Qualified']);
    const again = await t.gql(ReopenDealDocument, { input: { id: deal.id } }, { token: ws.member.token });
    expect(extensionsOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    const intoWon = await t.gql(ReopenDealDocument, { input: { id: (await readyDeal()).id, stageId: stage('Won') } }, { token: ws.member.token });
    expect(extensionsOf(intoWon)?.code).toBe('BAD_USER_INPUT');
  });

  it('moves of a deal outside reach are NOT_FOUND', async () => {
    const deal = await readyDeal();
    for (const answer of [
      await move(ws.ownMember.token, deal.id, stage('Qualified')),
      await t.gql(WinDealDocument, { input: { id: deal.id } }, { token: ws.ownMember.token }),
      await t.gql(ReopenDealDocument, { input: { id: deal.id } }, { token: ws.ownMember.token }),
    ]) {
      expect(extensionsOf(answer)?.code).toBe('NOT_FOUND');
    }
    expect(await historyRows(deal.id)).toBe(0);
  });
});
