import { AccountsDocument, DealsDocument, ProductsDocument } from '../generated/graphql';
import { seedDemoWorkspace } from '../../src/demo/seed-demo';
import { createLogger } from '../../src/platform/logging/logger';
import { expectData } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the demo workspace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('has a few products and deals, so a newcomer\'s first query shows something', async () => {
    const demo = await seedDemoWorkspace(t.app.services, t.app.db, createLogger('silent'));
    const token = demo?.apiKey as string;
    const { products } = expectData(await t.gql(ProductsDocument, {}, { token }));
    expect(products.totalCount).toBe(3);
    const { deals } = expectData(await t.gql(DealsDocument, { orderBy: [{ field: 'TITLE' }] }, { token }));
    expect(deals.nodes.map((deal) => [deal.title, deal.status, deal.amount])).toEqual([
      ['Fleet charging points', 'OPEN', '24000.00'],
      ['Pilot installation', 'WON', '3615.48'],
      ['Rooftop solar 40 kW', 'OPEN', '39787.83'],
    ]);
    const { accounts } = expectData(await t.gql(AccountsDocument, { filter: { name: { startsWith: 'Acme' } } }, { token }));
    expect(accounts.nodes[0]).toMatchObject({ type: 'CUSTOMER' });
    // Seeded once: a second start leaves it alone.
    expect(await seedDemoWorkspace(t.app.services, t.app.db, createLogger('silent'))).toBeNull();
  });
});
