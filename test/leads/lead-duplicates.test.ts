import { CreateLeadWithDuplicatesDocument, FindDuplicatesDocument, type FindDuplicatesQueryVariables } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { createLead } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('findDuplicates: leads, contacts and accounts that may be the same party', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let account: string;
  let contact: string;
  let lead: string;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Dupes');
    account = (
      await createAccount(t, ws.member.token, { name: 'Quetzal Logística S.L.', taxId: 'B12345678', emails: ['info@quetzal.example'], phones: ['+34911234567'] })
    ).id;
    contact = (await createContact(t, ws.member.token, { accountId: account, firstName: 'Ana', lastName: 'Ruiz', emails: ['ana@quetzal.example'], phones: ['+34612345678'] })).id;
    lead = (await createLead(t, ws.member.token, { companyName: 'Northwind Traders', emails: ['buyer@northwind.example'], phones: ['+34699000111'] })).id;
  });
  afterAll(() => t.stop());

  const find = async (variables: FindDuplicatesQueryVariables, token = ws.owner.token) =>
    expectData(await t.gql(FindDuplicatesDocument, variables, { token })).findDuplicates;

  it('matches a normalised email, phone or tax id exactly, and says what matched', async () => {
    expect(await find({ email: ' ANA@Quetzal.example ' })).toEqual([
      { type: 'CONTACT', id: contact, title: 'Ana Ruiz', score: 1, matchedOn: ['EMAIL'], account: null, contact: { id: contact }, lead: null },
    ]);
    expect(await find({ phone: '+34 911 23 45 67' })).toMatchObject([{ type: 'ACCOUNT', id: account, score: 0.9, matchedOn: ['PHONE'] }]);
    expect(await find({ taxId: 'b-1234.5678' })).toMatchObject([{ type: 'ACCOUNT', id: account, score: 1, matchedOn: ['TAX_ID'] }]);
    expect(await find({ phone: '+34 699 000 111' })).toMatchObject([{ type: 'LEAD', id: lead, matchedOn: ['PHONE'] }]);
  });

  it('finds similar names (accents, case and typos aside) and ranks several matches above one', async () => {
    const byName = await find({ name: 'quetzal logistica' });
    expect(byName[0]).toMatchObject({ type: 'ACCOUNT', id: account, matchedOn: ['NAME'] });
    expect(byName[0].score).toBeGreaterThan(0.42);
    expect(byName[0].score).toBeLessThanOrEqual(0.7);
    expect(await find({ name: 'Northwind Tradrs' })).toMatchObject([{ type: 'LEAD', id: lead, matchedOn: ['NAME'] }]);
    expect(await find({ name: 'completely unrelated' })).toEqual([]);
    const both = await find({ email: 'info@quetzal.example', name: 'Quetzal Logistica', phone: '+34911234567' });
    expect(both[0]).toMatchObject({ id: account, matchedOn: ['EMAIL', 'PHONE', 'NAME'] });
    expect(both[0].score).toBeCloseTo(1.2, 5);
  });

  it('reports only what the caller may see', async () => {
    expect(await find({ email: 'ana@quetzal.example' }, ws.ownMember.token)).toEqual([]);
    expect(await find({ taxId: 'B12345678' }, ws.ownMember.token)).toEqual([]);
    expect(await find({ phone: '+34699000111' }, ws.ownMember.token)).toEqual([]);
    const other = await createWorkspace(t, 'Elsewhere');
    expect(await find({ email: 'ana@quetzal.example' }, other.owner.token)).toEqual([]);
    const leadsOnly = await createApiKey(t, ws.owner.token, ['leads:read']);
    expect((await find({ name: 'quetzal logistica northwind' }, leadsOnly)).map((hit) => hit.type)).not.toContain('ACCOUNT');
    expect(await find({ taxId: 'B12345678' }, leadsOnly)).toEqual([]);
    const both = await createApiKey(t, ws.owner.token, ['leads:read', 'accounts:read']);
    expect((await find({ taxId: 'B12345678' }, both)).map((hit) => hit.id)).toEqual([account]);
  });

  it('leaves converted leads out', async () => {
    const converted = await createLead(t, ws.member.token, { companyName: 'Converted Co', emails: ['done@converted.example'] });
    expect((await find({ email: 'done@converted.example' })).map((hit) => hit.id)).toEqual([converted.id]);
    await t.app.db.query("UPDATE leads SET status = 'CONVERTED' WHERE id = $1", [converted.id]);
    expect(await find({ email: 'done@converted.example' })).toEqual([]);
  });

  it('bad input is BAD_USER_INPUT naming the argument', async () => {
    const cases: [FindDuplicatesQueryVariables, string[]][] = [
      [{}, ['email']],
      [{ email: 'not-an-email' }, ['email']],
      [{ phone: '12' }, ['phone']],
      [{ taxId: 'AB' }, ['taxId']],
      [{ name: 'ab' }, ['name']],
      [{ name: 'quetzal', first: 0 }, ['first']],
      [{ name: 'quetzal', first: 51 }, ['first']],
    ];
    for (const [variables, fields] of cases) {
      const answer = await t.gql(FindDuplicatesDocument, variables, { token: ws.owner.token });
      const extensions = answer.errors?.[0]?.extensions as { code: string; fields: { path: string }[] } | undefined;
      expect({ variables, code: extensions?.code, fields: extensions?.fields.map((f) => f.path) }).toEqual({ variables, code: 'BAD_USER_INPUT', fields });
    }
  });

  it('createLead returns the new lead with its possible duplicates (never itself)', async () => {
    const { createLead: created } = expectData(
      await t.gql(CreateLeadWithDuplicatesDocument, { input: { personName: 'Ana Ruiz', emails: ['ana@quetzal.example'] } }, { token: ws.member.token }),
    );
    expect(created.duplicates[0]).toMatchObject({ type: 'CONTACT', id: contact, matchedOn: ['EMAIL', 'NAME'] });
    expect(created.duplicates.map((hit) => hit.id)).not.toContain(created.id);
  });
});
