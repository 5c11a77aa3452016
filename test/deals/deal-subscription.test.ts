import {
  AddDealLineDocument,
  DealChangedDocument,
  LoseDealDocument,
  MoveDealDocument,
  ReopenDealDocument,
  UpdateDealDocument,
  WinDealDocument,
  DealLostReasonsDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createDeal, createPipeline, stageNamed } from '../support/deal-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { subscribe } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';

describe('dealChanged: live pipeline boards over graphql-ws', () => {
  let t: TestApp;
  let second: TestApp; // another server instance on the same database
  let ws: TestWorkspace;
  let pipeline: Awaited<ReturnType<typeof createPipeline>>;
  let accountId: string;
  beforeAll(async () => {
    t = await startTestApp();
    second = await startTestApp({ DATABASE_URL: t.databaseUrl });
    ws = await createWorkspace(t, 'Boards');
    pipeline = await createPipeline(t, ws.admin.token, { strictOrder: true });
    accountId = (await createAccount(t, ws.member.token)).id;
  });
  afterAll(async () => {
    await second.stop();
    await t.stop();
  });

  /** A harmless change of a probe deal, to find out when a subscription is live. */
  const touch = (token: string, dealId: string) => () => t.gql(UpdateDealDocument, { input: { id: dealId, title: `Probe ${Math.random()}` } }, { token });

  it('pushes every kind of change of the pipeline\'s deals to a subscriber on another instance, after commit', async () => {
    const probe = await createDeal(t, ws.member.token, accountId, { pipelineId: pipeline.id });
    const live = subscribe(second.ws(ws.member.token), DealChangedDocument, { pipelineId: pipeline.id });
    await live.waitUntilLive(touch(ws.member.token, probe.id));
    const next = async () => (await live.next()).data?.dealChanged;

    const deal = await createDeal(t, ws.member.token, accountId, { pipelineId: pipeline.id, title: 'Board deal', amount: '10' });
    expect(await next()).toMatchObject({ kind: 'CREATED', deal: { id: deal.id, title: 'Board deal', stage: { name: 'Lead in' } } });
    expectData(await t.gql(UpdateDealDocument, { input: { id: deal.id, title: 'Board deal v2' } }, { token: ws.admin.token }));
    expect(await next()).toMatchObject({ kind: 'CHANGED', deal: { id: deal.id, title: 'Board deal v2' } });
    expectData(await t.gql(AddDealLineDocument, { input: { dealId: deal.id, line: { name: 'Item', quantity: '2', unitPrice: '5', taxRate: '0' } } }, { token: ws.member.token }));
    expect(await next()).toMatchObject({ kind: 'CHANGED', deal: { id: deal.id, amount: '10.00' } });
    expectData(await t.gql(MoveDealDocument, { input: { id: deal.id, stageId: stageNamed(pipeline, 'Qualified') } }, { token: ws.member.token }));
    expect(await next()).toMatchObject({ kind: 'MOVED', deal: { id: deal.id, stage: { name: 'Qualified' } } });
    expectData(await t.gql(WinDealDocument, { input: { id: deal.id } }, { token: ws.member.token }));
    expect(await next()).toMatchObject({ kind: 'WON', deal: { id: deal.id, status: 'WON' } });
    expectData(await t.gql(ReopenDealDocument, { input: { id: deal.id } }, { token: ws.member.token }));
    expect(await next()).toMatchObject({ kind: 'REOPENED', deal: { id: deal.id, status: 'OPEN', stage: { name: 'Qualified' } } });
    const [reason] = expectData(await t.gql(DealLostReasonsDocument, {}, { token: ws.member.token })).dealLostReasons;
    expectData(await t.gql(LoseDealDocument, { input: { id: deal.id, reasonId: reason.id } }, { token: ws.member.token }));
    expect(await next()).toMatchObject({ kind: 'LOST', deal: { id: deal.id, status: 'LOST' } });

    // A refused move (strict order) is rolled back: nothing is announced. Nor are deals of other pipelines.
    const refused = await t.gql(MoveDealDocument, { input: { id: probe.id, stageId: stageNamed(pipeline, 'Negotiation') } }, { token: ws.member.token });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const elsewhere = await createPipeline(t, ws.admin.token);
    await createDeal(t, ws.member.token, accountId, { pipelineId: elsewhere.id });
    expect(await live.staysQuiet(400)).toBe(true);
    live.close();
  });

  it('does not reach a subscriber whose portfolio lacks the deal\'s account (but does reach them for their own)', async () => {
    const probe = await createDeal(t, ws.member.token, accountId, { pipelineId: pipeline.id });
    const ownAccount = (await createAccount(t, ws.ownMember.token)).id;
    const ownDeal = await createDeal(t, ws.ownMember.token, ownAccount, { pipelineId: pipeline.id });
    const outsider = subscribe(second.ws(ws.ownMember.token), DealChangedDocument, { pipelineId: pipeline.id });
    await outsider.waitUntilLive(touch(ws.ownMember.token, ownDeal.id));
    const insider = subscribe(t.ws(ws.member.token), DealChangedDocument, { pipelineId: pipeline.id });
    await insider.waitUntilLive(touch(ws.member.token, probe.id));

    expectData(await t.gql(UpdateDealDocument, { input: { id: probe.id, title: 'Not for the outsider' } }, { token: ws.member.token }));
    expect((await insider.next()).data?.dealChanged).toMatchObject({ kind: 'CHANGED', deal: { id: probe.id } });
    expect(await outsider.staysQuiet(500)).toBe(true);
    expectData(await t.gql(UpdateDealDocument, { input: { id: ownDeal.id, title: 'Mine' } }, { token: ws.ownMember.token }));
    expect((await outsider.next()).data?.dealChanged).toMatchObject({ kind: 'CHANGED', deal: { id: ownDeal.id, title: 'Mine' } });
    outsider.close();
    insider.close();
  });

  it('is NOT_FOUND for a pipeline of another workspace, and FORBIDDEN for an API key without deals:read', async () => {
    const other = await createWorkspace(t, 'Other');
    const away = subscribe(t.ws(other.owner.token), DealChangedDocument, { pipelineId: pipeline.id });
    const message = await away.next();
    expect(message.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(message.data ?? null).toBeNull();
    const accountsKey = await createApiKey(t, ws.admin.token, ['accounts:read']);
    const keyed = subscribe(t.ws(accountsKey), DealChangedDocument, { pipelineId: pipeline.id });
    expect((await keyed.next()).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
