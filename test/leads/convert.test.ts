import { randomUUID } from 'node:crypto';
import {
  AccountDocumentsDocument,
  ArchiveAccountDocument,
  AttachDocumentDocument,
  CloseLeadDocument,
  DealAccountTimelineDocument,
  DealsConvertedDocument,
  LeadConversionDocument,
  LeadsConvertedDocument,
  LeadTimelineDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { convertLead, countWhere, newAccount } from '../support/conversion-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createLead } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

type Answer = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codeOf = (answer: Answer) => answer.errors?.[0]?.extensions?.code;
const reasonOf = (answer: Answer) => answer.errors?.[0]?.extensions?.reason;
const fieldsOf = (answer: Answer) => (answer.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);

describe('convertLead: one transaction that turns a lead into an account, a contact and a deal', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Conversion');
  });
  afterAll(() => t.stop());

  it('creates a PROSPECT account, its contact and a deal crediting the seller; the lead is CONVERTED and links to all three', async () => {
    const lead = await createLead(t, ws.member.token, { companyName: 'Tejidos Andinos', personName: 'Luz Mamani' });
    const { convertLead: converted } = expectData(
      await convertLead(t, ws.member.token, {
        leadId: lead.id,
        expectedVersion: lead.version,
        account: { new: { ...newAccount('Tejidos Andinos SA'), type: 'LEAD' } },
        contact: { new: { firstName: 'Luz', lastName: 'Mamani' } },
        deal: { title: 'First order', currency: 'EUR', amount: '1200.00' },
      }),
    );
    expect(converted).toMatchObject({
      id: lead.id,
      status: 'CONVERTED',
      version: lead.version + 1,
      convertedBy: { id: ws.member.memberId },
      convertedAccount: { name: 'Tejidos Andinos SA', type: 'PROSPECT' },
      convertedContact: { firstName: 'Luz', lastName: 'Mamani' },
      convertedDeal: { title: 'First order', sourceLeadId: lead.id, convertedBy: { id: ws.member.memberId } },
    });
    expect(converted.convertedAt).toEqual(expect.any(String));
    expect(converted.convertedContact?.accountId).toBe(converted.convertedAccountId);
    expect(converted.convertedDeal?.accountId).toBe(converted.convertedAccountId);
    // The deal's contact defaults to the converted one.
    expect(converted.convertedDeal?.contacts.map((c) => c.id)).toEqual([converted.convertedContactId]);
    // Read back through the loaders.
    const { lead: again } = expectData(await t.gql(LeadConversionDocument, { id: lead.id }, { token: ws.member.token }));
    expect(again).toEqual(converted);
  });

  it('the lead\'s history gets LEAD_CONVERTED and shows in the account\'s timeline; its documents move to the account', async () => {
    const lead = await createLead(t, ws.member.token);
    expectData(
      await t.gql(AttachDocumentDocument, { input: { recordId: lead.id, fileName: 'brief.txt', contentBase64: Buffer.from('needs').toString('base64') } }, { token: ws.member.token }),
    );
    const { convertLead: converted } = expectData(await convertLead(t, ws.member.token, { leadId: lead.id, account: { new: newAccount() } }));
    const accountId = converted.convertedAccountId as string;

    const { lead: history } = expectData(await t.gql(LeadTimelineDocument, { id: lead.id }, { token: ws.member.token }));
    expect(history.timeline.nodes[0]).toMatchObject({ kind: 'LEAD_CONVERTED', data: { accountId, contactId: null, dealId: null, documentsMoved: 1 } });

    const { account } = expectData(await t.gql(DealAccountTimelineDocument, { id: accountId }, { token: ws.member.token }));
    const kinds = account?.timeline.nodes.map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['LEAD_CONVERTED', 'ACCOUNT_CREATED', 'LEAD_CREATED', 'DOCUMENT_ATTACHED']));

    const { account: withDocs } = expectData(await t.gql(AccountDocumentsDocument, { id: accountId }, { token: ws.member.token }));
    expect(withDocs?.documents.map((d) => d.fileName)).toEqual(['brief.txt']);
  });

  it('links an existing account (a LEAD account is promoted to PROSPECT) and an existing contact of it, with no deal', async () => {
    const account = await createAccount(t, ws.member.token, { type: 'LEAD' });
    const contact = await createContact(t, ws.member.token, { accountId: account.id, firstName: 'Iker' });
    const lead = await createLead(t, ws.member.token);
    const { convertLead: converted } = expectData(
      await convertLead(t, ws.member.token, { leadId: lead.id, account: { existingId: account.id }, contact: { existingId: contact.id } }),
    );
    expect(converted).toMatchObject({
      status: 'CONVERTED',
      convertedAccount: { id: account.id, type: 'PROSPECT' },
      convertedContact: { id: contact.id },
      convertedDeal: null,
      convertedDealId: null,
    });
    const { account: after } = expectData(await t.gql(DealAccountTimelineDocument, { id: account.id }, { token: ws.member.token }));
    expect(after?.timeline.nodes).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'ACCOUNT_UPDATED', changes: [{ field: 'type', before: 'LEAD', after: 'PROSPECT' }] })]),
    );
  });

  it('a CUSTOMER account stays a CUSTOMER; no contact and no deal is fine', async () => {
    const account = await createAccount(t, ws.member.token, { type: 'CUSTOMER' });
    const lead = await createLead(t, ws.member.token);
    const { convertLead: converted } = expectData(await convertLead(t, ws.member.token, { leadId: lead.id, account: { existingId: account.id } }));
    expect(converted).toMatchObject({ convertedAccount: { id: account.id, type: 'CUSTOMER' }, convertedContact: null, convertedDeal: null });
  });

  it('refuses a contact of another account (BAD_USER_INPUT) and both or neither of existingId / new', async () => {
    const [account, other] = [await createAccount(t, ws.member.token), await createAccount(t, ws.member.token)];
    const stranger = await createContact(t, ws.member.token, { accountId: other.id, firstName: 'Otro' });
    const lead = await createLead(t, ws.member.token);
    const wrongContact = await convertLead(t, ws.member.token, { leadId: lead.id, account: { existingId: account.id }, contact: { existingId: stranger.id } });
    expect(codeOf(wrongContact)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(wrongContact)).toEqual(['input.contact.existingId']);
    const both = await convertLead(t, ws.member.token, { leadId: lead.id, account: { existingId: account.id, new: newAccount() } });
    expect(codeOf(both)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(both)).toEqual(['input.account']);
    const { lead: still } = expectData(await t.gql(LeadConversionDocument, { id: lead.id }, { token: ws.member.token }));
    expect(still).toMatchObject({ status: 'NEW', convertedAccountId: null });
  });

  it('reports invalid new-record fields under their path (input.account.new.name)', async () => {
    const lead = await createLead(t, ws.member.token);
    const answer = await convertLead(t, ws.member.token, { leadId: lead.id, account: { new: { name: ' ', type: 'PROSPECT' } } });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(answer)).toEqual(['input.account.new.name']);
  });

  describe('atomicity: a failure at the deal step writes nothing', () => {
    it.each([
      ['an unknown stage', { stageId: randomUUID() }, 'input.deal.stageId'],
      ['an invalid currency', { currency: 'EURO' }, 'input.deal.currency'],
    ])('%s leaves no account or contact behind and the lead unconverted', async (_what, dealFields, path) => {
      const lead = await createLead(t, ws.member.token);
      const name = `Atomic ${randomUUID()}`;
      const answer = await convertLead(t, ws.member.token, {
        leadId: lead.id,
        account: { new: newAccount(name) },
        contact: { new: { firstName: name } },
        deal: { title: 'Doomed', currency: 'EUR', ...dealFields },
      });
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(answer)).toContain(path);
      expect(await countWhere(t, 'accounts', ws.workspaceId, 'name', name)).toBe(0);
      expect(await countWhere(t, 'contacts', ws.workspaceId, 'first_name', name)).toBe(0);
      expect(await countWhere(t, 'deals', ws.workspaceId, 'source_lead_id', lead.id)).toBe(0);
      const { lead: still } = expectData(await t.gql(LeadConversionDocument, { id: lead.id }, { token: ws.member.token }));
      expect(still).toMatchObject({ status: 'NEW', version: lead.version, convertedAccountId: null, convertedBy: null });
    });
  });

  it('converting twice is refused: CONFLICT, LEAD_ALREADY_CONVERTED, and nothing new is written', async () => {
    const lead = await createLead(t, ws.member.token);
    expectData(await convertLead(t, ws.member.token, { leadId: lead.id, account: { new: newAccount() } }));
    const name = `Second ${randomUUID()}`;
    const again = await convertLead(t, ws.member.token, { leadId: lead.id, account: { new: newAccount(name) } });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(reasonOf(again)).toBe('LEAD_ALREADY_CONVERTED');
    expect(await countWhere(t, 'accounts', ws.workspaceId, 'name', name)).toBe(0);
  });

  it('a closed lead is not converted (CONFLICT, LEAD_CLOSED)', async () => {
    const lead = await createLead(t, ws.member.token);
    expectData(await t.gql(CloseLeadDocument, { input: { leadId: lead.id, result: 'JUNK' } }, { token: ws.member.token }));
    const answer = await convertLead(t, ws.member.token, { leadId: lead.id, account: { new: newAccount() } });
    expect(codeOf(answer)).toBe('CONFLICT');
    expect(reasonOf(answer)).toBe('LEAD_CLOSED');
  });

  it('an archived account is not linked (BAD_USER_INPUT on input.account.existingId)', async () => {
    const account = await createAccount(t, ws.member.token);
    expectData(await t.gql(ArchiveAccountDocument, { input: { id: account.id } }, { token: ws.member.token }));
    const lead = await createLead(t, ws.member.token);
    const answer = await convertLead(t, ws.member.token, { leadId: lead.id, account: { existingId: account.id } });
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(answer)).toEqual(['input.account.existingId']);
  });

  it('a stale expectedVersion is CONFLICT (VERSION_MISMATCH)', async () => {
    const lead = await createLead(t, ws.member.token);
    const answer = await convertLead(t, ws.member.token, { leadId: lead.id, expectedVersion: lead.version + 5, account: { new: newAccount() } });
    expect(codeOf(answer)).toBe('CONFLICT');
    expect(reasonOf(answer)).toBe('VERSION_MISMATCH');
  });

  it('of 10 concurrent conversions of one lead exactly one wins; the others are CONFLICT and create nothing', async () => {
    const lead = await createLead(t, ws.member.token);
    const prefix = `Race ${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        convertLead(t, ws.member.token, { leadId: lead.id, account: { new: newAccount(`${prefix} ${i}`) }, deal: { title: `Race deal ${i}`, currency: 'EUR' } }),
      ),
    );
    const won = answers.filter((answer) => !answer.errors);
    expect(won).toHaveLength(1);
    expect(answers.filter((answer) => reasonOf(answer) === 'LEAD_ALREADY_CONVERTED')).toHaveLength(9);
    const accounts = (await t.app.db.query('SELECT count(*)::int AS n FROM accounts WHERE workspace_id = $1 AND name LIKE $2', [ws.workspaceId, `${prefix}%`])) as { n: number }[];
    expect(accounts[0].n).toBe(1);
    expect(await countWhere(t, 'deals', ws.workspaceId, 'source_lead_id', lead.id)).toBe(1);
  });

  it('convertedBy is filterable on leads and on deals (commissions)', async () => {
    const lead = await createLead(t, ws.manager.token);
    expectData(await convertLead(t, ws.manager.token, { leadId: lead.id, account: { new: newAccount() }, deal: { title: 'Commission', currency: 'EUR' } }));
    const { leads } = expectData(await t.gql(LeadsConvertedDocument, { filter: { convertedById: { eq: ws.manager.memberId } } }, { token: ws.owner.token }));
    expect(leads.nodes.map((l) => l.id)).toEqual([lead.id]);
    const { deals } = expectData(await t.gql(DealsConvertedDocument, { filter: { convertedById: { eq: ws.manager.memberId } } }, { token: ws.owner.token }));
    expect(deals.nodes).toEqual([{ id: expect.any(String), sourceLeadId: lead.id, convertedBy: { id: ws.manager.memberId } }]);
  });

  describe('scope', () => {
    it('a member who cannot see the lead gets NOT_FOUND and nothing is written', async () => {
      const lead = await createLead(t, ws.member.token);
      const name = `Unseen ${randomUUID()}`;
      const answer = await convertLead(t, ws.ownMember.token, { leadId: lead.id, account: { new: newAccount(name) } });
      expect(codeOf(answer)).toBe('NOT_FOUND');
      expect(await countWhere(t, 'accounts', ws.workspaceId, 'name', name)).toBe(0);
    });

    it('linking an account outside the caller\'s portfolio is NOT_FOUND and writes nothing (contact included)', async () => {
      const foreign = await createAccount(t, ws.owner.token);
      const lead = await createLead(t, ws.ownMember.token);
      const name = `Loose ${randomUUID()}`;
      const answer = await convertLead(t, ws.ownMember.token, { leadId: lead.id, account: { existingId: foreign.id }, contact: { new: { firstName: name } } });
      expect(codeOf(answer)).toBe('NOT_FOUND');
      expect(await countWhere(t, 'contacts', ws.workspaceId, 'first_name', name)).toBe(0);
      const { lead: still } = expectData(await t.gql(LeadConversionDocument, { id: lead.id }, { token: ws.ownMember.token }));
      expect(still.status).toBe('NEW');
    });

    it('a lead of another workspace is NOT_FOUND', async () => {
      const other = await createWorkspace(t, 'Elsewhere');
      const lead = await createLead(t, other.member.token);
      const answer = await convertLead(t, ws.owner.token, { leadId: lead.id, account: { new: newAccount() } });
      expect(codeOf(answer)).toBe('NOT_FOUND');
    });
  });
});
