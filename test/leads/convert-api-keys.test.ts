import { randomUUID } from 'node:crypto';
import { LeadConversionDocument } from '../generated/graphql';
import { convertLead, countWhere, newAccount } from '../support/conversion-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createLead } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const errorOf = (answer: Answer) => answer.errors?.[0]?.extensions;

describe('convertLead with an API key', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Conversion keys');
  });
  afterAll(() => t.stop());

  it('a key with leads:write alone is FORBIDDEN (SCOPE_REQUIRED): conversion writes accounts too; nothing is written', async () => {
    const key = await createApiKey(t, ws.owner.token, ['leads:write']);
    const lead = await createLead(t, ws.member.token);
    const name = `Keyless ${randomUUID()}`;
    const answer = await convertLead(t, key, { leadId: lead.id, account: { new: newAccount(name) } });
    expect(errorOf(answer)).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_REQUIRED' });
    expect(await countWhere(t, 'accounts', ws.workspaceId, 'name', name)).toBe(0);
  });

  it('a key with accounts:write but not deals:write may convert without a deal, not with one', async () => {
    const key = await createApiKey(t, ws.owner.token, ['leads:write', 'accounts:write']);
    const lead = await createLead(t, ws.member.token);
    const withDeal = await convertLead(t, key, { leadId: lead.id, account: { new: newAccount() }, deal: { title: 'Nope', currency: 'EUR' } });
    expect(errorOf(withDeal)).toMatchObject({ code: 'FORBIDDEN', reason: 'SCOPE_REQUIRED' });
    expectData(await convertLead(t, key, { leadId: lead.id, account: { new: newAccount() } }));
  });

  it('a key\'s conversion credits the lead\'s assignee (on the lead and on the deal)', async () => {
    const key = await createApiKey(t, ws.owner.token, ['leads:write', 'accounts:write', 'deals:write']);
    const lead = await createLead(t, ws.member.token);
    expectData(await convertLead(t, key, { leadId: lead.id, account: { new: newAccount() }, deal: { title: 'Integrated', currency: 'EUR' } }));
    const { lead: converted } = expectData(await t.gql(LeadConversionDocument, { id: lead.id }, { token: ws.member.token }));
    expect(converted).toMatchObject({ status: 'CONVERTED', convertedBy: { id: ws.member.memberId }, convertedDeal: { convertedBy: { id: ws.member.memberId } } });
  });
});
