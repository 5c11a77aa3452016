import {
  AddDealLineDocument,
  ArchiveProductDocument,
  CreateDealDocument,
  DealsDocument,
  RemoveDealLineDocument,
  SetDealLinesDocument,
  UpdateDealLineDocument,
  UpdateProductDocument,
  type DealLineInput,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createProduct } from '../support/catalog-factories';
import { createDeal, createPipeline, stageNamed } from '../support/deal-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const fieldsOf = (answer: Answer): string[] => ((answer.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

const inline = (overrides: Partial<DealLineInput> = {}): DealLineInput => ({ name: 'Service', quantity: '1', unitPrice: '10', taxRate: '0', ...overrides });

describe('deal lines: exact totals, one rounding rule (half-up per line at the currency\'s minor units)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let accountId: string;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Lines');
    other = await createWorkspace(t, 'Elsewhere');
    accountId = (await createAccount(t, ws.member.token)).id;
  });
  afterAll(() => t.stop());

  const setLines = async (currency: string, lines: DealLineInput[]) => {
    const deal = await createDeal(t, ws.member.token, accountId, { currency });
    return expectData(await t.gql(SetDealLinesDocument, { input: { dealId: deal.id, lines } }, { token: ws.member.token })).setDealLines;
  };
  const stored = async (dealId: string) =>
    (
      await t.app.db.query(
        `SELECT d.amount::text AS amount, d.lines_total::text AS "linesTotal", (SELECT sum(l.total)::text FROM deal_lines l WHERE l.deal_id = d.id) AS "sumOfLines",
                (SELECT count(*)::int FROM deal_lines l WHERE l.deal_id = d.id) AS lines, d.version
           FROM deals d WHERE d.id = $1`,
        [dealId],
      )
    )[0];

  it('3 x 19.99 EUR with a 7.5 % discount and 21 % tax: 59.97 - 4.50 + 11.65 = 67.12, exact in the API and in SQL', async () => {
    const deal = await setLines('EUR', [inline({ name: 'Widget', quantity: '3', unitPrice: '19.99', discountPercent: '7.5', taxRate: '21' })]);
    expect(deal.lines[0]).toMatchObject({ subtotal: '59.97', discountAmount: '4.50', taxAmount: '11.65', total: '67.12' });
    expect(deal).toMatchObject({ lineCount: 1, subtotal: '59.97', discountTotal: '4.50', taxTotal: '11.65', linesTotal: '67.12', amount: '67.12' });
    expect(await stored(deal.id)).toMatchObject({ amount: '67.12', linesTotal: '67.12', sumOfLines: '67.12' });
  });

  it('1/3 quantities round per line: three lines of 0.333333 x 100.00 are 33.33 each, 99.99 in all', async () => {
    const third = inline({ quantity: '0.333333', unitPrice: '100.00', taxRate: '21' });
    const deal = await setLines('EUR', [third, third, third]);
    expect(deal.lines.map((line) => [line.quantity, line.subtotal, line.taxAmount, line.total])).toEqual([
      ['0.333333', '33.33', '7.00', '40.33'],
      ['0.333333', '33.33', '7.00', '40.33'],
      ['0.333333', '33.33', '7.00', '40.33'],
    ]);
    expect(deal).toMatchObject({ subtotal: '99.99', taxTotal: '21.00', linesTotal: '120.99', amount: '120.99' });
  });

  it('a 0 % line has no tax; half a cent rounds up (0.125 → 0.13), not to even', async () => {
    const deal = await setLines('EUR', [inline({ quantity: '1', unitPrice: '0.125', taxRate: '0' }), inline({ quantity: '2', unitPrice: '5', taxRate: '0', discountPercent: '0' })]);
    expect(deal.lines.map((line) => [line.subtotal, line.discountAmount, line.taxAmount, line.total])).toEqual([
      ['0.13', '0.00', '0.00', '0.13'],
      ['10.00', '0.00', '0.00', '10.00'],
    ]);
    expect(deal.linesTotal).toBe('10.13');
  });

  it('a currency without minor units (JPY): 3 x 199 with 7.5 % off and 10 % tax = 597 - 45 + 55 = 607', async () => {
    const deal = await setLines('JPY', [inline({ quantity: '3', unitPrice: '199', discountPercent: '7.5', taxRate: '10' })]);
    expect(deal.lines[0]).toMatchObject({ subtotal: '597', discountAmount: '45', taxAmount: '55', total: '607' });
    expect(deal).toMatchObject({ linesTotal: '607', amount: '607' });
    expect((await stored(deal.id)).amount).toBe('607');
  });

  it('currencies with 3 minor units (KWD, BHD): 2 x 1.2345 with 12.5 % off and 5 % tax = 2.469 - 0.309 + 0.108 = 2.268', async () => {
    for (const currency of ['KWD', 'BHD']) {
      const deal = await setLines(currency, [inline({ quantity: '2', unitPrice: '1.2345', discountPercent: '12.5', taxRate: '5' })]);
      expect(deal.lines[0]).toMatchObject({ subtotal: '2.469', discountAmount: '0.309', taxAmount: '0.108', total: '2.268' });
      expect(deal).toMatchObject({ currency, linesTotal: '2.268', amount: '2.268' });
    }
  });

  it('a catalog product\'s name, price, tax and unit are copied when added and stay editable; later catalog changes leave the line alone', async () => {
    const product = await createProduct(t, ws.manager.token, { name: 'Panel 400W', unitPrice: '120.50', taxRate: '21.000', unitOfMeasure: 'piece' });
    const deal = await createDeal(t, ws.member.token, accountId, { amount: '1.00' });
    const added = expectData(
      await t.gql(AddDealLineDocument, { input: { dealId: deal.id, expectedVersion: 1, line: { productId: product.id, quantity: '2' } } }, { token: ws.member.token }),
    ).addDealLine;
    expect(added.lines[0]).toMatchObject({ product: { id: product.id }, name: 'Panel 400W', unitPrice: '120.50', taxRate: '21.000', unitOfMeasure: 'piece', subtotal: '241.00', total: '291.61' });
    expect(added).toMatchObject({ version: 2, amount: '291.61', manualAmount: '1.00' });
    expectData(await t.gql(UpdateProductDocument, { input: { id: product.id, unitPrice: '999' } }, { token: ws.manager.token }));
    const edited = expectData(
      await t.gql(UpdateDealLineDocument, { input: { id: added.lines[0].id, expectedVersion: 2, unitPrice: '100', discountPercent: '10' } }, { token: ws.member.token }),
    ).updateDealLine;
    expect(edited.lines[0]).toMatchObject({ name: 'Panel 400W', unitPrice: '100', subtotal: '200.00', discountAmount: '20.00', taxAmount: '37.80', total: '217.80' });
    expect(edited).toMatchObject({ version: 3, amount: '217.80' });
    // Without lines, the manual amount applies again.
    const removed = expectData(await t.gql(RemoveDealLineDocument, { input: { id: added.lines[0].id, expectedVersion: 3 } }, { token: ws.member.token })).removeDealLine;
    expect(removed).toMatchObject({ version: 4, lineCount: 0, lines: [], linesTotal: '0.00', amount: '1.00' });
  });

  it('removing a line moves the later ones up; a stale expectedVersion is CONFLICT', async () => {
    const deal = await setLines('EUR', [inline({ name: 'A' }), inline({ name: 'B' }), inline({ name: 'C' })]);
    const after = expectData(await t.gql(RemoveDealLineDocument, { input: { id: deal.lines[0].id, expectedVersion: deal.version } }, { token: ws.member.token })).removeDealLine;
    expect(after.lines.map((line) => [line.name, line.position])).toEqual([['B', 0], ['C', 1]]);
    const stale = await t.gql(UpdateDealLineDocument, { input: { id: after.lines[0].id, expectedVersion: deal.version, quantity: '2' } }, { token: ws.member.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH' });
    for (const [change, path] of [[{ quantity: '-2' }, 'input.quantity'], [{ discountPercent: '101' }, 'input.discountPercent'], [{ taxRate: '-1' }, 'input.taxRate']] as const) {
      const bad = await t.gql(UpdateDealLineDocument, { input: { id: after.lines[0].id, ...change } }, { token: ws.member.token });
      expect({ path, fields: fieldsOf(bad) }).toEqual({ path, fields: [path] });
    }
    expect((await stored(deal.id)).version).toBe(after.version);
  });

  it.each<[string, string, (ids: { foreign: string; archived: string; dollars: string }) => DealLineInput]>([
    ['a negative quantity', 'input.lines.0.quantity', () => inline({ quantity: '-1' })],
    ['a zero quantity', 'input.lines.0.quantity', () => inline({ quantity: '0.000' })],
    ['a discount over 100', 'input.lines.0.discountPercent', () => inline({ discountPercent: '100.001' })],
    ['a negative discount', 'input.lines.0.discountPercent', () => inline({ discountPercent: '-5' })],
    ['a tax rate over 100', 'input.lines.0.taxRate', () => inline({ taxRate: '150' })],
    ['a negative unit price', 'input.lines.0.unitPrice', () => inline({ unitPrice: '-0.01' })],
    ['an inline line without a price', 'input.lines.0.unitPrice', () => ({ name: 'Free?', quantity: '1', taxRate: '0' })],
    ['a product of another workspace', 'input.lines.0.productId', (ids) => ({ productId: ids.foreign, quantity: '1' })],
    ['an archived product', 'input.lines.0.productId', (ids) => ({ productId: ids.archived, quantity: '1' })],
    ['a product priced in another currency, without a unit price', 'input.lines.0.unitPrice', (ids) => ({ productId: ids.dollars, quantity: '1' })],
  ])('refuses %s (BAD_USER_INPUT naming %s): nothing is written', async (_label, path, lineOf) => {
    const foreign = (await createProduct(t, other.manager.token)).id;
    const archived = (await createProduct(t, ws.manager.token)).id;
    expectData(await t.gql(ArchiveProductDocument, { input: { id: archived } }, { token: ws.manager.token }));
    const dollars = (await createProduct(t, ws.manager.token, { currency: 'USD' })).id;
    const line = lineOf({ foreign, archived, dollars });
    const deal = await setLines('EUR', [inline({ name: 'Kept' })]);
    const before = await stored(deal.id);
    for (const answer of [
      await t.gql(SetDealLinesDocument, { input: { dealId: deal.id, lines: [line] } }, { token: ws.member.token }),
      await t.gql(AddDealLineDocument, { input: { dealId: deal.id, line } }, { token: ws.member.token }),
      await t.gql(CreateDealDocument, { input: { title: 'Bad', accountId, currency: 'EUR', lines: [line] } }, { token: ws.member.token }),
    ]) {
      expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(answer).map((p) => p.replace('input.line.', 'input.lines.0.'))).toContain(path);
    }
    expect(await stored(deal.id)).toEqual(before);
  });

  it('a line of a deal outside reach is NOT_FOUND; a stage that needs a product line keeps its last one', async () => {
    const pipeline = await createPipeline(t, ws.admin.token);
    const deal = await createDeal(t, ws.member.token, accountId, { pipelineId: pipeline.id, stageId: stageNamed(pipeline, 'Lead in'), lines: [inline()] });
    const lineId = deal.lines[0].id;
    expect((await t.gql(RemoveDealLineDocument, { input: { id: lineId } }, { token: other.owner.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.gql(UpdateDealLineDocument, { input: { id: lineId, quantity: '5' } }, { token: ws.ownMember.token })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const negotiation = await createDeal(t, ws.member.token, accountId, {
      pipelineId: pipeline.id,
      stageId: stageNamed(pipeline, 'Proposal'),
      expectedCloseDate: '2031-01-01',
      lines: [inline()],
    });
    // Proposal needs an amount: the last line is the amount (there is no manual one).
    const refused = await t.gql(SetDealLinesDocument, { input: { dealId: negotiation.id, lines: [] } }, { token: ws.member.token });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'STAGE_REQUIREMENTS', missingFields: ['AMOUNT'] });
    expect((await stored(negotiation.id)).lines).toBe(1);
  });

  it('deals filter by product: deals with a line of it', async () => {
    const product = await createProduct(t, ws.manager.token);
    const withIt = await createDeal(t, ws.member.token, accountId, { lines: [{ productId: product.id, quantity: '1' }] });
    await createDeal(t, ws.member.token, accountId, { lines: [inline()] });
    const found = expectData(await t.gql(DealsDocument, { filter: { productId: { eq: product.id } } }, { token: ws.member.token })).deals;
    expect(found.nodes.map((d) => d.id)).toEqual([withIt.id]);
  });
});
