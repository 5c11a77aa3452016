import {
  AccountDealsDocument,
  AddCommentDocument,
  AddDealLineDocument,
  AttachDocumentDocument,
  DealDocument,
  DealTimelineDocument,
  MoveDealDocument,
  PipelinesDocument,
  SearchDealsDocument,
  UpsertDealsDocument,
  type UpsertDealRow,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createDeal, createPipeline, stageNamed } from '../support/deal-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('deals as records: Account.deals, timelines, comments and documents, search, upsertDeals', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Records');
    other = await createWorkspace(t, 'Elsewhere');
  });
  afterAll(() => t.stop());

  it('Account.deals lists the account\'s deals newest first, with pages; a key without deals:read gets null and FORBIDDEN', async () => {
    const account = await createAccount(t, ws.member.token);
    const titles = ['First', 'Second', 'Third'];
    for (const title of titles) await createDeal(t, ws.member.token, account.id, { title });
    const page = expectData(await t.gql(AccountDealsDocument, { id: account.id, first: 2 }, { token: ws.member.token })).account?.deals;
    expect(page?.nodes.map((d) => d.title)).toEqual(['Third', 'Second']);
    expect(page?.totalCount).toBe(3);
    const rest = expectData(await t.gql(AccountDealsDocument, { id: account.id, first: 2, after: page?.pageInfo.endCursor }, { token: ws.member.token })).account?.deals;
    expect(rest?.nodes.map((d) => d.title)).toEqual(['First']);
    const accountsKey = await createApiKey(t, ws.admin.token, ['accounts:read']);
    const answer = await t.gql(AccountDealsDocument, { id: account.id }, { token: accountsKey });
    expect(answer.data?.account).toMatchObject({ id: account.id, deals: null });
    expect(answer.errors?.[0]).toMatchObject({ path: ['account', 'deals'], extensions: { code: 'FORBIDDEN' } });
  });

  it('the deal\'s timeline has its own history, comments and documents (the record registry knows deals)', async () => {
    const account = await createAccount(t, ws.member.token);
    const pipeline = await createPipeline(t, ws.admin.token);
    const deal = await createDeal(t, ws.member.token, account.id, { pipelineId: pipeline.id });
    expectData(await t.gql(AddDealLineDocument, { input: { dealId: deal.id, line: { name: 'Audit', quantity: '1', unitPrice: '300', taxRate: '21' } } }, { token: ws.member.token }));
    expectData(await t.gql(MoveDealDocument, { input: { id: deal.id, stageId: stageNamed(pipeline, 'Qualified') } }, { token: ws.member.token }));
    expectData(await t.gql(AddCommentDocument, { input: { recordId: deal.id, body: 'Call back on Monday' } }, { token: ws.member.token }));
    const attached = expectData(
      await t.gql(AttachDocumentDocument, { input: { recordId: deal.id, fileName: 'offer.txt', contentBase64: Buffer.from('offer').toString('base64') } }, { token: ws.member.token }),
    ).attachDocument;
    expect(attached).toMatchObject({ fileName: 'offer.txt' });
    const timeline = expectData(await t.gql(DealTimelineDocument, { id: deal.id }, { token: ws.member.token })).deal.timeline;
    expect(timeline.nodes.map((entry) => entry.kind)).toEqual(['DOCUMENT_ATTACHED', 'COMMENT_ADDED', 'DEAL_MOVED', 'DEAL_LINES_CHANGED', 'DEAL_CREATED']);
    expect(timeline.nodes.every((entry) => entry.recordType === 'DEAL' && entry.recordId === deal.id && entry.accountId === account.id)).toBe(true);
    const hidden = await t.gql(AddCommentDocument, { input: { recordId: deal.id, body: 'x' } }, { token: ws.ownMember.token });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('search finds deals by title, typo-tolerant, within the portfolio; an API key needs deals:read for them', async () => {
    const account = await createAccount(t, ws.member.token, { name: 'Quetzal Energía' });
    const deal = await createDeal(t, ws.member.token, account.id, { title: 'Photovoltaic retrofit Zaragoza' });
    const hits = expectData(await t.gql(SearchDealsDocument, { query: 'photovoltaik retrofit' }, { token: ws.member.token })).search;
    expect(hits[0]).toMatchObject({ type: 'DEAL', id: deal.id, title: 'Photovoltaic retrofit Zaragoza', subtitle: 'Quetzal Energía · OPEN', deal: { id: deal.id, status: 'OPEN' } });
    expect(expectData(await t.gql(SearchDealsDocument, { query: 'retrofit zaragoza', types: ['ACCOUNT'] }, { token: ws.member.token })).search).toEqual([]);
    expect(expectData(await t.gql(SearchDealsDocument, { query: 'retrofit zaragoza' }, { token: ws.ownMember.token })).search).toEqual([]);
    expect(expectData(await t.gql(SearchDealsDocument, { query: 'retrofit zaragoza' }, { token: other.owner.token })).search).toEqual([]);
    const accountsKey = await createApiKey(t, ws.admin.token, ['accounts:read']);
    expect(expectData(await t.gql(SearchDealsDocument, { query: 'retrofit zaragoza' }, { token: accountsKey })).search).toEqual([]);
    const bothKey = await createApiKey(t, ws.admin.token, ['accounts:read', 'deals:read']);
    expect(expectData(await t.gql(SearchDealsDocument, { query: 'retrofit zaragoza' }, { token: bothKey })).search.map((hit) => hit.id)).toEqual([deal.id]);
  });

  describe('upsertDeals', () => {
    const upsert = async (rows: UpsertDealRow[], token = ws.member.token) => expectData(await t.gql(UpsertDealsDocument, { input: { rows } }, { token })).upsertDeals;

    it('creates by externalId (account by id or externalId), updates, leaves unchanged rows alone, and reports bad rows', async () => {
      const account = await createAccount(t, ws.member.token, { externalId: `ERP-ACC-${Date.now()}` });
      const foreign = await createAccount(t, other.member.token);
      const [sales] = expectData(await t.gql(PipelinesDocument, {}, { token: ws.member.token })).pipelines;
      const base = { currency: 'EUR', accountId: account.id };
      const created = await upsert([
        { ...base, externalId: 'ERP-D1', title: 'Maintenance 2031', amount: '1200.00' },
        { externalId: 'ERP-D2', title: 'Spare parts', currency: 'usd', accountExternalId: account.externalId },
        { externalId: 'ERP-D3', title: 'Stolen', currency: 'EUR', accountId: foreign.id },
        { externalId: 'ERP-D4', title: 'Won already', currency: 'EUR', accountId: account.id, stageId: stageNamed(sales, 'Won') },
        { externalId: 'ERP-D5', title: 'Too early', currency: 'EUR', accountId: account.id, stageId: stageNamed(sales, 'Proposal') },
        { externalId: 'ERP-D6', title: 'No account', currency: 'EUR' },
      ]);
      expect(created.map((row) => [row.status, row.fields])).toEqual([
        ['CREATED', null],
        ['CREATED', null],
        ['ERROR', ['input.rows.2.accountId']],
        ['ERROR', ['input.rows.3.stageId']],
        ['ERROR', ['input.rows.4.amount', 'input.rows.4.expectedCloseDate']],
        ['ERROR', ['input.rows.5.accountId']],
      ]);
      const first = expectData(await t.gql(DealDocument, { id: created[0].id as string }, { token: ws.member.token })).deal;
      expect(first).toMatchObject({ title: 'Maintenance 2031', amount: '1200.00', stage: { name: 'Qualification' }, status: 'OPEN', owner: { id: ws.member.memberId }, externalId: 'ERP-D1' });

      const again = await upsert([
        { ...base, externalId: 'ERP-D1', title: 'Maintenance 2031', amount: '1350.00' },
        { externalId: 'ERP-D2', title: 'Spare parts', currency: 'USD', accountExternalId: account.externalId },
        { ...base, externalId: 'ERP-D1B', title: 'Moved?', stageId: stageNamed(sales, 'Negotiation') },
      ]);
      expect(again.map((row) => row.status)).toEqual(['UPDATED', 'UNCHANGED', 'ERROR']);
      const moved = await upsert([{ ...base, externalId: 'ERP-D1', title: 'Maintenance 2031', stageId: stageNamed(sales, 'Negotiation') }]);
      expect(moved[0]).toMatchObject({ status: 'ERROR', fields: ['input.rows.0.stageId'] });
      const updated = expectData(await t.gql(DealDocument, { id: created[0].id as string }, { token: ws.member.token })).deal;
      expect(updated).toMatchObject({ amount: '1350.00', version: 2 });
      // Outside the caller's portfolio, an existing externalId is just "in use".
      const hidden = await upsert([{ ...base, externalId: 'ERP-D1', title: 'Hijack' }], ws.ownMember.token);
      expect(hidden[0]).toMatchObject({ status: 'ERROR', message: 'input.rows.0.externalId is already in use' });
    });

    it('runs the same number of SQL statements for 10 and for 1,000 rows (created, then updated)', async () => {
      const account = await createAccount(t, ws.member.token);
      const rows = (prefix: string, n: number, amount: string): UpsertDealRow[] =>
        Array.from({ length: n }, (_, i) => ({ externalId: `${prefix}-${i}`, title: `Deal ${prefix} ${i}`, accountId: account.id, currency: 'EUR', amount }));
      const cost = async (prefix: string, n: number) => {
        let created = 0;
        const insert = await t.countStatements(async () => {
          created = (await upsert(rows(prefix, n, '1.00'))).filter((r) => r.status === 'CREATED').length;
        });
        let updated = 0;
        const update = await t.countStatements(async () => {
          updated = (await upsert(rows(prefix, n, '2.00'))).filter((r) => r.status === 'UPDATED').length;
        });
        expect({ created, updated }).toEqual({ created: n, updated: n });
        return { insert, update };
      };
      const small = await cost('S10', 10);
      const large = await cost('L1000', 1000);
      expect(large).toEqual(small);
    }, 60_000);
  });
});
