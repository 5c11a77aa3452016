import type { Principal } from '../platform/auth/principal';
import type { Services } from '../services';

/**
 * A small sales picture for the demo workspace, so that a newcomer's first queries show something: three accounts
 * with a contact each, three catalog products, and three deals in the default pipeline (one still qualifying,
 * one further on with product lines, one won, which made its account a customer).
 */
export async function seedDemoSales(services: Services, owner: Principal): Promise<void> {
  const account = (name: string, type: 'LEAD' | 'PROSPECT' | 'CUSTOMER', industry: string) =>
    services.accounts.create(owner, { name, type, industry, emails: [], phones: [] });
  const quetzal = await account('Quetzal Energía S.L.', 'PROSPECT', 'Energy');
  const nordwind = await account('Nordwind Logistics GmbH', 'CUSTOMER', 'Logistics');
  const acme = await account('Acme Iberia S.A.', 'LEAD', 'Manufacturing');
  const contact = (accountId: string, firstName: string, lastName: string, email: string) =>
    services.contacts.create(owner, { accountId, firstName, lastName, emails: [email], phones: [] });
  const lucia = await contact(quetzal.id, 'Lucía', 'Ramos', 'lucia.ramos@quetzal.example');
  await contact(nordwind.id, 'Jonas', 'Keller', 'jonas.keller@nordwind.example');
  const pedro = await contact(acme.id, 'Pedro', 'Soto', 'pedro.soto@acme.example');

  const product = (sku: string, name: string, unitPrice: string, unitOfMeasure: string) =>
    services.products.create(owner, { sku, name, unitPrice, currency: 'EUR', taxRate: '21', unitOfMeasure });
  const panel = await product('PV-400', 'Solar panel 400 W', '189.00', 'unit');
  const inverter = await product('INV-5K', 'Hybrid inverter 5 kW', '1250.00', 'unit');
  const installation = await product('SRV-INST', 'Installation', '45.00', 'hour');

  const [sales] = await services.pipelines.list(owner, false);
  const stages = await services.pipelines.stagesOf(owner, [sales.id]);
  const stage = (name: string) => stages.find((candidate) => candidate.name === name)?.id;

  await services.deals.create(owner, { title: 'Fleet charging points', accountId: nordwind.id, currency: 'EUR', amount: '24000.00', expectedCloseDate: '2031-09-30' });
  const rooftop = await services.deals.create(owner, {
    title: 'Rooftop solar 40 kW',
    accountId: quetzal.id,
    contactIds: [lucia.id],
    currency: 'EUR',
    expectedCloseDate: '2031-06-30',
    lines: [
      { productId: panel.id, quantity: '100', discountPercent: '7.5' },
      { productId: inverter.id, quantity: '8' },
      { productId: installation.id, quantity: '120' },
    ],
  });
  const analysed = await services.dealMoves.move(owner, { id: rooftop.id, stageId: stage('Needs analysis') });
  await services.dealMoves.move(owner, { id: analysed.id, stageId: stage('Proposal') });
  const pilot = await services.deals.create(owner, {
    title: 'Pilot installation',
    accountId: acme.id,
    contactIds: [pedro.id],
    currency: 'EUR',
    lines: [{ productId: panel.id, quantity: '12' }, { productId: installation.id, quantity: '16' }],
  });
  await services.dealMoves.win(owner, { id: pilot.id });
}
