import {
  AccountsDocument,
  ArchiveAccountDocument,
  ArchiveContactDocument,
  ContactsDocument,
  type AccountFilter,
  type ContactFilter,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { codeOf, fieldsOf } from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The filters that accounts and contacts declare (src/accounts/*.filter.ts) compiled by the shared compiler
 * (src/platform/filtering), run on PostgreSQL through the public lists: every operator kind, the empty and
 * nested forms of and / or / not, relation filters, and where a refused id is reported.
 */
describe('declared filters, compiled against the real database', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  const account: Record<string, { id: string; createdAt: string }> = {};
  const contact: Record<string, { id: string }> = {};
  // `@Placeholder` strings in a filter stand for the id (or creation time) of the named record.
  const resolve = <F>(filter: F): F =>
    JSON.parse(
      JSON.stringify(filter).replace(/"@(\w+)(\.createdAt)?"/g, (_, name: string, createdAt?: string) =>
        JSON.stringify(createdAt ? account[name].createdAt : (account[name] ?? contact[name]).id),
      ),
    ) as F;

  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    const token = ws.owner.token;
    account.Alpha = await createAccount(t, token, {
      name: 'Alpha', type: 'LEAD', legalName: 'Alpha Holdings', taxId: 'B-1234.5678', industry: 'Retail', notes: '100% organic',
      emails: ['sales@alpha.example', 'ops@alpha.example'], phones: ['+34911000001'], website: 'https://alpha.example', billingAddress: { city: 'Madrid' },
    });
    account.Beta = await createAccount(t, token, {
      name: 'Beta', type: 'CUSTOMER', industry: 'Energy', notes: 'under_score', billingAddress: { city: 'Sevilla' },
    });
    account.Delta = await createAccount(t, token, {
      name: 'Delta', type: 'OTHER', legalName: 'Delta_Group', industry: 'Retail', emails: ['info@delta.example'], billingAddress: { city: 'Madrid' },
    });
    account.Epsilon = await createAccount(t, token, { name: 'Epsilon', type: 'LEAD', billingAddress: { city: 'Lisboa' } });
    account.Gamma = await createAccount(t, token, { name: 'Gamma', type: 'PROSPECT', industry: 'Retail' });
    expectData(await t.gql(ArchiveAccountDocument, { input: { id: account.Gamma.id } }, { token }));

    contact.ana = await createContact(t, token, { accountId: account.Alpha.id, firstName: 'Ana', lastName: 'Alvarez', emails: ['ana@alpha.example'] });
    contact.bo = await createContact(t, token, { accountId: account.Beta.id, firstName: 'Bo', lastName: 'Berg', position: 'CFO' });
    contact.gil = await createContact(t, token, { accountId: account.Gamma.id, firstName: 'Gil', lastName: 'Gomez' });
    contact.lou = await createContact(t, token, { firstName: 'Lou', lastName: 'Loose', position: 'Freelance CFO' });
    contact.old = await createContact(t, token, { accountId: account.Alpha.id, firstName: 'Old', lastName: 'Ortega' });
    expectData(await t.gql(ArchiveContactDocument, { input: { id: contact.old.id } }, { token }));
  });
  afterAll(() => t.stop());

  const accountNames = async (filter: AccountFilter): Promise<string[]> => {
    const { accounts } = expectData(await t.gql(AccountsDocument, { filter: resolve(filter), first: 100 }, { token: ws.owner.token }));
    expect(await accounts.totalCount).toBe(accounts.nodes.length);
    return accounts.nodes.map((a) => a.name);
  };
  const contactNames = async (filter: ContactFilter): Promise<string[]> => {
    const { contacts } = expectData(await t.gql(ContactsDocument, { filter: resolve(filter), first: 100 }, { token: ws.owner.token }));
    return contacts.nodes.map((c) => c.firstName);
  };

  describe('accounts: per-field operators', () => {
    it.each<[string, AccountFilter, string[]]>([
      ['text eq', { industry: { eq: 'Retail' } }, ['Alpha', 'Delta']],
      ['text ne also keeps rows without a value', { industry: { ne: 'Retail' } }, ['Beta', 'Epsilon']],
      ['text in', { name: { in: ['Beta', 'Epsilon', 'Nobody'] } }, ['Beta', 'Epsilon']],
      ['text notIn', { name: { notIn: ['Beta', 'Epsilon'] } }, ['Alpha', 'Delta']],
      ['text in an empty list matches nothing', { name: { in: [] } }, []],
      ['text notIn an empty list matches everything', { name: { notIn: [] } }, ['Alpha', 'Beta', 'Delta', 'Epsilon']],
      ['text contains ignores case', { legalName: { contains: 'HOLD' } }, ['Alpha']],
      ['text startsWith ignores case', { name: { startsWith: 'e' } }, ['Epsilon']],
      ['text endsWith ignores case', { legalName: { endsWith: 'GROUP' } }, ['Delta']],
      ['% in contains is a character, not a wildcard', { notes: { contains: '%' } }, ['Alpha']],
      ['_ in contains is a character, not a wildcard', { legalName: { contains: '_' } }, ['Delta']],
      ['text isNull: true', { legalName: { isNull: true } }, ['Beta', 'Epsilon']],
      ['text isNull: false', { legalName: { isNull: false } }, ['Alpha', 'Delta']],
      ['canonical tax id startsWith', { taxId: { startsWith: 'B1234' } }, ['Alpha']],
      ['website contains', { website: { contains: 'alpha' } }, ['Alpha']],
      ['an address field (JSON) eq', { city: { eq: 'Madrid' } }, ['Alpha', 'Delta']],
      ['any element of a list: endsWith', { email: { endsWith: '@alpha.example' } }, ['Alpha']],
      ['any element of a list: eq', { phone: { eq: '+34911000001' } }, ['Alpha']],
      ['a list isNull: true is an empty list', { email: { isNull: true } }, ['Beta', 'Epsilon']],
      ['a list isNull: false is a non-empty list', { email: { isNull: false } }, ['Alpha', 'Delta']],
      ['enum eq', { type: { eq: 'LEAD' } }, ['Alpha', 'Epsilon']],
      ['enum ne', { type: { ne: 'LEAD' } }, ['Beta', 'Delta']],
      ['enum in', { type: { in: ['CUSTOMER', 'OTHER'] } }, ['Beta', 'Delta']],
      ['enum notIn', { type: { notIn: ['CUSTOMER', 'OTHER'] } }, ['Alpha', 'Epsilon']],
      ['id eq', { id: { eq: '@Beta' } }, ['Beta']],
      ['id ne', { id: { ne: '@Beta' } }, ['Alpha', 'Delta', 'Epsilon']],
      ['id in', { id: { in: ['@Alpha', '@Delta'] } }, ['Alpha', 'Delta']],
      ['id notIn', { id: { notIn: ['@Alpha', '@Delta'] } }, ['Beta', 'Epsilon']],
      ['id isNull: false', { id: { isNull: false } }, ['Alpha', 'Beta', 'Delta', 'Epsilon']],
      ['an id in related rows (any owner)', { ownerId: { eq: 'OWNER' } }, ['Alpha', 'Beta', 'Delta', 'Epsilon']],
      ['an id in related rows, none matching', { primaryOwnerId: { ne: 'OWNER' } }, []],
      ['time eq', { createdAt: { eq: '@Beta.createdAt' } }, ['Beta']],
      ['time range gte / lt', { createdAt: { gte: '@Beta.createdAt', lt: '@Epsilon.createdAt' } }, ['Beta', 'Delta']],
      ['time range gt / lte', { createdAt: { gt: '@Alpha.createdAt', lte: '@Delta.createdAt' } }, ['Beta', 'Delta']],
      ['time isNull: true', { updatedAt: { isNull: true } }, []],
    ])('%s', async (_label, filter, expected) => {
      const withOwner = JSON.parse(JSON.stringify(filter).replace('"OWNER"', JSON.stringify(ws.owner.memberId))) as AccountFilter;
      expect(await accountNames(withOwner)).toEqual(expected);
    });
  });

  describe('accounts: and / or / not', () => {
    it.each<[string, AccountFilter, string[]]>([
      ['fields of one filter combine with AND', { city: { eq: 'Madrid' }, type: { eq: 'LEAD' } }, ['Alpha']],
      ['and of filters', { and: [{ city: { eq: 'Madrid' } }, { industry: { eq: 'Retail' } }, { type: { ne: 'LEAD' } }] }, ['Delta']],
      ['or of filters', { or: [{ name: { eq: 'Alpha' } }, { type: { eq: 'CUSTOMER' } }] }, ['Alpha', 'Beta']],
      ['not of a filter', { not: { city: { eq: 'Madrid' } } }, ['Beta', 'Epsilon']],
      ['or inside and inside not', { not: { and: [{ industry: { eq: 'Retail' } }, { or: [{ type: { eq: 'LEAD' } }, { name: { eq: 'Delta' } }] }] } }, ['Beta', 'Epsilon']],
      ['not inside or', { or: [{ not: { type: { in: ['LEAD', 'OTHER'] } } }, { legalName: { endsWith: 'group' } }] }, ['Beta', 'Delta']],
      ['not keeps the rows a condition does not hold for, those without a value included', { not: { industry: { eq: 'Retail' } } }, ['Beta', 'Epsilon']],
      ['not not', { not: { not: { name: { eq: 'Epsilon' } } } }, ['Epsilon']],
      ['combinators next to fields', { type: { eq: 'LEAD' }, or: [{ city: { eq: 'Lisboa' } }, { city: { eq: 'Sevilla' } }] }, ['Epsilon']],
      ['an empty filter is no condition', {}, ['Alpha', 'Beta', 'Delta', 'Epsilon']],
      ['an empty and is no condition', { and: [] }, ['Alpha', 'Beta', 'Delta', 'Epsilon']],
      ['an empty or is no condition', { or: [] }, ['Alpha', 'Beta', 'Delta', 'Epsilon']],
      ['an or with an empty alternative matches everything', { or: [{}, { name: { eq: 'Alpha' } }] }, ['Alpha', 'Beta', 'Delta', 'Epsilon']],
      ['not of an empty filter matches nothing', { not: {} }, []],
    ])('%s', async (_label, filter, expected) => {
      expect(await accountNames(filter)).toEqual(expected);
    });
  });

  describe('accounts: archived state and relations', () => {
    it.each<[string, AccountFilter, string[]]>([
      ['archived ones are left out by default', { industry: { eq: 'Retail' } }, ['Alpha', 'Delta']],
      ['archived: true lists only archived ones', { archived: true }, ['Gamma']],
      ['archived named inside or lifts the default', { or: [{ archived: true }, { name: { eq: 'Alpha' } }] }, ['Alpha', 'Gamma']],
      ['archived named inside not lifts the default', { not: { archived: false } }, ['Gamma']],
      ['having a (non-archived) contact', { hasContact: {} }, ['Alpha', 'Beta']],
      ['having a contact matching every condition', { hasContact: { lastName: { startsWith: 'b' }, position: { eq: 'CFO' } } }, ['Beta']],
      ['an archived contact does not count', { hasContact: { firstName: { eq: 'Old' } } }, []],
      ['having no contact', { not: { hasContact: {} } }, ['Delta', 'Epsilon']],
    ])('%s', async (_label, filter, expected) => {
      expect(await accountNames(filter)).toEqual(expected);
    });
  });

  describe('contacts: own fields and the account relation', () => {
    it.each<[string, ContactFilter, string[]]>([
      ['text endsWith', { position: { endsWith: 'cfo' } }, ['Bo', 'Lou']],
      ['text ne keeps rows without a value', { position: { ne: 'CFO' } }, ['Ana', 'Gil', 'Lou']],
      ['id in', { id: { in: ['@ana', '@lou'] } }, ['Ana', 'Lou']],
      ['id notIn', { id: { notIn: ['@ana', '@lou'] } }, ['Bo', 'Gil']],
      ['accountId isNull: false', { accountId: { isNull: false } }, ['Ana', 'Bo', 'Gil']],
      ['with an empty account filter: having an account', { account: {} }, ['Ana', 'Bo', 'Gil']],
      ['the account filter keeps its and / or / not', { account: { or: [{ type: { eq: 'CUSTOMER' } }, { not: { legalName: { isNull: true } } }] } }, ['Ana', 'Bo']],
      ['the account relation reaches archived accounts', { account: { archived: true } }, ['Gil']],
      ['the account relation combines with contact fields under not', { not: { or: [{ account: { city: { eq: 'Madrid' } } }, { accountId: { isNull: true } }] } }, ['Bo', 'Gil']],
      ['the contact\'s archived state alone lifts its default', { or: [{ archived: true }, { firstName: { eq: 'Lou' } }] }, ['Lou', 'Old']],
    ])('%s', async (_label, filter, expected) => {
      expect(await contactNames(filter)).toEqual(expected);
    });
  });

  describe('a refused id is reported at its path through every level', () => {
    it.each<[string, AccountFilter, string]>([
      ['inside or, and and a relation', { or: [{}, { and: [{ relationship: { otherAccountId: { in: ['@Alpha', 'nope'] } } }] }] }, 'filter.or[1].and[0].relationship.otherAccountId.in[1]'],
      ['a characteristic inside not', { not: { characteristics: [{ definitionId: 'nope' }] } }, 'filter.not.characteristics[0].definitionId'],
      ['a team id in related rows', { and: [{ teamId: { notIn: ['nope'] } }] }, 'filter.and[0].teamId.notIn[0]'],
    ])('accounts: %s', async (_label, filter, path) => {
      const result = await t.gql(AccountsDocument, { filter: resolve(filter) }, { token: ws.owner.token });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual([path]);
    });

    it('contacts: an id of the account filter inside the contact\'s or', async () => {
      const result = await t.gql(ContactsDocument, { filter: { or: [{ account: { not: { id: { eq: 'nope' } } } }] } }, { token: ws.owner.token });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual(['filter.or[0].account.not.id.eq']);
    });
  });
});
