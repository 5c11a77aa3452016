import {
  CreateDealDocument,
  DealAccountTimelineDocument,
  DealDocument,
  DealsDocument,
  UpdateDealDocument,
  UpdatePipelineDocument,
  type CreateDealInput,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createDeal, createPipeline, stageNamed, STANDARD_STAGES } from '../support/deal-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const fieldsOf = (answer: Answer): string[] => ((answer.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

describe('deals', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let account: { id: string };
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Deals');
    other = await createWorkspace(t, 'Elsewhere');
    account = await createAccount(t, ws.member.token, { name: 'Acme Iberia' });
  });
  afterAll(() => t.stop());

  const dealRows = async (workspaceId: string): Promise<number> =>
    (await t.app.db.query('SELECT count(*)::int AS n FROM deals WHERE workspace_id = $1', [workspaceId]))[0].n;

  it('a MEMBER creates a deal: the default pipeline\'s first stage, owned by them, on the account\'s timeline', async () => {
    const contact = await createContact(t, ws.member.token, { accountId: account.id, firstName: 'Ana' });
    const deal = await createDeal(t, ws.member.token, account.id, { title: 'Solar roof', contactIds: [contact.id], amount: '1500.00', expectedCloseDate: '2031-03-31' });
    expect(deal).toMatchObject({
      title: 'Solar roof',
      account: { id: account.id, name: 'Acme Iberia' },
      contacts: [{ id: contact.id, firstName: 'Ana' }],
      stage: { name: 'Qualification', kind: 'OPEN' },
      owner: { id: ws.member.memberId },
      currency: 'EUR',
      manualAmount: '1500.00',
      amount: '1500.00',
      lineCount: 0,
      expectedCloseDate: '2031-03-31',
      status: 'OPEN',
      wonAt: null,
      sourceLeadId: null,
      version: 1,
    });
    const { account: read } = expectData(await t.gql(DealAccountTimelineDocument, { id: account.id }, { token: ws.member.token }));
    expect(read?.timeline.nodes[0]).toMatchObject({ kind: 'DEAL_CREATED', recordType: 'DEAL', recordId: deal.id, accountId: account.id, data: { title: 'Solar roof', stage: 'Qualification' } });
  });

  it('a deal is visible exactly when its account is: a MEMBER with OWN scope cannot see another seller\'s deal', async () => {
    const deal = await createDeal(t, ws.member.token, account.id);
    const hidden = await t.gql(DealDocument, { id: deal.id }, { token: ws.ownMember.token });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const listed = expectData(await t.gql(DealsDocument, { filter: { id: { eq: deal.id } } }, { token: ws.ownMember.token })).deals;
    expect(listed.totalCount).toBe(0);
    expect((await t.gql(DealDocument, { id: deal.id }, { token: other.owner.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Nor create one on that account.
    const before = await dealRows(ws.workspaceId);
    const refused = await t.gql(CreateDealDocument, { input: { title: 'Mine now', accountId: account.id, currency: 'EUR' } }, { token: ws.ownMember.token });
    expect(refused.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await dealRows(ws.workspaceId)).toBe(before);
  });

  it.each<[string, string, Partial<CreateDealInput>]>([
    ['an unknown currency', 'input.currency', { currency: 'XXY' }],
    ['an amount with more decimals than the currency has (JPY)', 'input.amount', { currency: 'JPY', amount: '10.5' }],
    ['a negative amount', 'input.amount', { amount: '-5' }],
    ['an empty title', 'input.title', { title: '  ' }],
    ['an owner who is not a member here', 'input.ownerId', { ownerId: '00000000-0000-4000-8000-000000000001' }],
    ['a pipeline of another workspace', 'input.pipelineId', {}],
  ])('refuses %s (BAD_USER_INPUT naming %s) and writes nothing', async (label, path, overrides) => {
    const input = { title: 'Bad', accountId: account.id, currency: 'EUR', ...overrides };
    if (label.includes('another workspace')) input.pipelineId = (await createPipeline(t, other.admin.token)).id;
    const before = await dealRows(ws.workspaceId);
    const answer = await t.gql(CreateDealDocument, { input }, { token: ws.member.token });
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(fieldsOf(answer)).toContain(path);
    expect(await dealRows(ws.workspaceId)).toBe(before);
  });

  it('refuses contacts of another account, a stage of another pipeline and a closing stage', async () => {
    const elsewhere = await createAccount(t, ws.member.token);
    const stranger = await createContact(t, ws.member.token, { accountId: elsewhere.id });
    const pipeline = await createPipeline(t, ws.admin.token);
    const another = await createPipeline(t, ws.admin.token);
    const before = await dealRows(ws.workspaceId);
    const cases: [Partial<CreateDealInput>, string][] = [
      [{ contactIds: [stranger.id] }, 'input.contactIds.0'],
      [{ pipelineId: pipeline.id, stageId: another.stages[0].id }, 'input.stageId'],
      [{ pipelineId: pipeline.id, stageId: stageNamed(pipeline, 'Won') }, 'input.stageId'],
    ];
    for (const [overrides, path] of cases) {
      const answer = await t.gql(CreateDealDocument, { input: { title: 'Bad', accountId: account.id, currency: 'EUR', ...overrides } }, { token: ws.member.token });
      expect({ path, code: answer.errors?.[0].extensions?.code, fields: fieldsOf(answer) }).toEqual({ path, code: 'BAD_USER_INPUT', fields: [path] });
    }
    expect(await dealRows(ws.workspaceId)).toBe(before);
  });

  it('a deal created in a stage must meet its requirements (STAGE_REQUIREMENTS naming the missing fields)', async () => {
    const pipeline = await createPipeline(t, ws.admin.token);
    const proposal = stageNamed(pipeline, 'Proposal');
    const answer = await t.gql(CreateDealDocument, { input: { title: 'Early', accountId: account.id, currency: 'EUR', pipelineId: pipeline.id, stageId: proposal } }, { token: ws.member.token });
    expect(answer.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'STAGE_REQUIREMENTS',
      missingFields: ['AMOUNT', 'EXPECTED_CLOSE_DATE'],
      fields: [{ path: 'input.amount' }, { path: 'input.expectedCloseDate' }],
    });
    const ok = await createDeal(t, ws.member.token, account.id, { pipelineId: pipeline.id, stageId: proposal, amount: '10', expectedCloseDate: '2031-01-01' });
    expect(ok.stage.name).toBe('Proposal');
  });

  it('updateDeal changes fields with expectedVersion; a stale version is CONFLICT; what the stage requires cannot be removed', async () => {
    const pipeline = await createPipeline(t, ws.admin.token);
    const deal = await createDeal(t, ws.member.token, account.id, { pipelineId: pipeline.id, stageId: stageNamed(pipeline, 'Proposal'), amount: '100', expectedCloseDate: '2031-01-01' });
    const updated = expectData(await t.gql(UpdateDealDocument, { input: { id: deal.id, expectedVersion: 1, title: 'Renamed', amount: '250.50' } }, { token: ws.member.token })).updateDeal;
    expect(updated).toMatchObject({ title: 'Renamed', amount: '250.50', manualAmount: '250.50', version: 2 });
    const stale = await t.gql(UpdateDealDocument, { input: { id: deal.id, expectedVersion: 1, title: 'Late' } }, { token: ws.member.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH', currentVersion: 2 });
    const cleared = await t.gql(UpdateDealDocument, { input: { id: deal.id, amount: null } }, { token: ws.member.token });
    expect(cleared.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STAGE_REQUIREMENTS', missingFields: ['AMOUNT'], fields: [{ path: 'input.amount' }] });
    const read = expectData(await t.gql(DealDocument, { id: deal.id }, { token: ws.member.token })).deal;
    expect(read).toMatchObject({ title: 'Renamed', amount: '250.50', version: 2 });
    const { account: history } = expectData(await t.gql(DealAccountTimelineDocument, { id: account.id }, { token: ws.member.token }));
    expect(history?.timeline.nodes[0]).toMatchObject({ kind: 'DEAL_UPDATED', recordId: deal.id, changes: [{ field: 'title', after: 'Renamed' }, { field: 'manualAmount', after: '250.50' }, { field: 'amount', after: '250.50' }] });
  });

  it('moving a deal to another account needs contacts of that account; its documents and history follow it', async () => {
    const from = await createAccount(t, ws.member.token);
    const to = await createAccount(t, ws.member.token);
    const fromContact = await createContact(t, ws.member.token, { accountId: from.id });
    const toContact = await createContact(t, ws.member.token, { accountId: to.id });
    const deal = await createDeal(t, ws.member.token, from.id, { contactIds: [fromContact.id] });
    const kept = await t.gql(UpdateDealDocument, { input: { id: deal.id, accountId: to.id } }, { token: ws.member.token });
    expect(kept.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.contactIds.0' }] });
    const moved = expectData(await t.gql(UpdateDealDocument, { input: { id: deal.id, accountId: to.id, contactIds: [toContact.id] } }, { token: ws.member.token })).updateDeal;
    expect(moved).toMatchObject({ accountId: to.id, contacts: [{ id: toContact.id }], version: 2 });
    const { account: history } = expectData(await t.gql(DealAccountTimelineDocument, { id: to.id }, { token: ws.member.token }));
    expect(history?.timeline.nodes[0]).toMatchObject({ kind: 'DEAL_UPDATED', recordId: deal.id, changes: [{ field: 'accountId', before: from.id, after: to.id }, { field: 'contactIds' }] });
    // Another workspace's account is NOT_FOUND, as for createDeal.
    const away = await createAccount(t, other.member.token);
    expect((await t.gql(UpdateDealDocument, { input: { id: deal.id, accountId: away.id } }, { token: ws.member.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('the currency cannot change while the deal has lines; a manual amount must fit the new currency', async () => {
    const withLines = await createDeal(t, ws.member.token, account.id, { lines: [{ name: 'X', quantity: '1', unitPrice: '1', taxRate: '0' }] });
    const refused = await t.gql(UpdateDealDocument, { input: { id: withLines.id, currency: 'USD' } }, { token: ws.member.token });
    expect(fieldsOf(refused)).toEqual(['input.currency']);
    const manual = await createDeal(t, ws.member.token, account.id, { amount: '10.50' });
    expect(fieldsOf(await t.gql(UpdateDealDocument, { input: { id: manual.id, currency: 'JPY' } }, { token: ws.member.token }))).toEqual(['input.currency']);
    expect(expectData(await t.gql(UpdateDealDocument, { input: { id: manual.id, currency: 'JPY', amount: '11' } }, { token: ws.member.token })).updateDeal).toMatchObject({ currency: 'JPY', amount: '11' });
  });

  it('API keys: deals:read lists deals, deals:write creates them (without an owner)', async () => {
    const readKey = await createApiKey(t, ws.admin.token, ['deals:read']);
    const refused = await t.gql(CreateDealDocument, { input: { title: 'Key deal', accountId: account.id, currency: 'EUR' } }, { token: readKey });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_REQUIRED' });
    expect(expectData(await t.gql(DealsDocument, {}, { token: readKey })).deals.totalCount).toBeGreaterThan(0);
    const writeKey = await createApiKey(t, ws.admin.token, ['deals:write']);
    const created = expectData(await t.gql(CreateDealDocument, { input: { title: 'Key deal', accountId: account.id, currency: 'usd' } }, { token: writeKey })).createDeal;
    expect(created).toMatchObject({ owner: null, currency: 'USD', createdBy: { kind: 'API_KEY' } });
  });

  it('filters by pipeline, stage, status, owner, account, amount and close-date ranges, created range; orders by amount and close date', async () => {
    const fresh = await createAccount(t, ws.member.token, { name: 'Filters Ltd' });
    const pipeline = await createPipeline(t, ws.admin.token, { stages: STANDARD_STAGES });
    const base = { pipelineId: pipeline.id };
    const small = await createDeal(t, ws.member.token, fresh.id, { ...base, amount: '10', expectedCloseDate: '2031-05-01' });
    const large = await createDeal(t, ws.member.token, fresh.id, { ...base, amount: '5000', expectedCloseDate: '2031-02-01', ownerId: ws.admin.memberId });
    const none = await createDeal(t, ws.member.token, fresh.id, { ...base, stageId: stageNamed(pipeline, 'Qualified') });
    const ids = async (filter: object, orderBy?: object[]) =>
      expectData(await t.gql(DealsDocument, { filter: { accountId: { eq: fresh.id }, ...filter }, orderBy: orderBy as never }, { token: ws.member.token })).deals.nodes.map((d) => d.id);
    expect(await ids({ pipelineId: { eq: pipeline.id } }, [{ field: 'TITLE' }])).toHaveLength(3);
    expect(await ids({ stageId: { eq: stageNamed(pipeline, 'Qualified') } })).toEqual([none.id]);
    expect(await ids({ status: { eq: 'OPEN' } })).toHaveLength(3);
    expect(await ids({ status: { in: ['WON', 'LOST'] } })).toEqual([]);
    expect(await ids({ ownerId: { eq: ws.admin.memberId } })).toEqual([large.id]);
    expect(await ids({ amount: { gte: '10', lt: '5000' } })).toEqual([small.id]);
    expect(await ids({ amount: { isNull: true } })).toEqual([none.id]);
    expect(await ids({ expectedCloseDate: { lte: '2031-03-01' } })).toEqual([large.id]);
    expect(await ids({ createdAt: { gte: new Date(Date.now() - 60_000).toISOString() } })).toHaveLength(3);
    expect(await ids({}, [{ field: 'AMOUNT', direction: 'DESC' }])).toEqual([large.id, small.id, none.id]);
    expect(await ids({}, [{ field: 'EXPECTED_CLOSE_DATE' }])).toEqual([large.id, small.id, none.id]);
    const bad = await t.gql(DealsDocument, { filter: { stageId: { eq: 'not-a-uuid' } } }, { token: ws.member.token });
    expect(fieldsOf(bad)).toEqual(['filter.stageId.eq']);
  });

  it('pages through deals with keyset cursors bound to their order', async () => {
    const fresh = await createAccount(t, ws.member.token, { name: 'Pages Ltd' });
    for (let i = 0; i < 5; i += 1) await createDeal(t, ws.member.token, fresh.id, { amount: String(i * 10) });
    const orderBy = [{ field: 'AMOUNT' as const }];
    const first = expectData(await t.gql(DealsDocument, { filter: { accountId: { eq: fresh.id } }, orderBy, first: 2 }, { token: ws.member.token })).deals;
    expect(first.nodes.map((d) => d.amount)).toEqual(['0', '10']);
    const next = expectData(await t.gql(DealsDocument, { filter: { accountId: { eq: fresh.id } }, orderBy, first: 2, after: first.pageInfo.endCursor }, { token: ws.member.token })).deals;
    expect(next.nodes.map((d) => d.amount)).toEqual(['20', '30']);
  });

  it('a stage that still has deals can be neither removed from its pipeline nor change kind', async () => {
    const pipeline = await createPipeline(t, ws.admin.token);
    await createDeal(t, ws.member.token, account.id, { pipelineId: pipeline.id, stageId: stageNamed(pipeline, 'Qualified') });
    const [leadIn, qualified, , , won, lost] = pipeline.stages;
    const keep = (stage: typeof leadIn, kind = stage.kind) => ({ id: stage.id, name: stage.name, probability: stage.probability, kind });
    const removing = await t.gql(UpdatePipelineDocument, { input: { id: pipeline.id, stages: [keep(leadIn), keep(won), keep(lost)] } }, { token: ws.admin.token });
    expect(removing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.stages' }] });
    const rekinding = await t.gql(UpdatePipelineDocument, { input: { id: pipeline.id, stages: [keep(leadIn), keep(qualified, 'WON'), keep(won), keep(lost)] } }, { token: ws.admin.token });
    expect(fieldsOf(rekinding)).toContain('input.stages.1.kind');
    // Removing the empty ones is fine.
    const fine = expectData(await t.gql(UpdatePipelineDocument, { input: { id: pipeline.id, stages: [keep(leadIn), keep(qualified), keep(won), keep(lost)] } }, { token: ws.admin.token }));
    expect(fine.updatePipeline.stages.map((s) => s.name)).toEqual(['Lead in', 'Qualified', 'Won', 'Lost']);
  });
});
