import { AccountsWithContactsDocument, ContactsWithRelationsDocument, UpsertAccountsDocument } from '../generated/graphql';
import { upsertContacts } from '../support/contact-factories';
import { addMember, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * No N+1: what a list request costs in SQL statements depends on the query's shape, not on how many rows it
 * returns. Two workspaces hold the same shape of data in different amounts (5 vs 50).
 */
describe('contacts: statement count does not grow with the number of rows', () => {
  let t: TestApp;
  let small: TestWorkspace;
  let large: TestWorkspace;

  /** `n` accounts, each with one contact (owned by one of two members, so owners vary too). */
  async function populate(ws: TestWorkspace, n: number): Promise<void> {
    const extra = await addMember(t, ws.owner.token, 'MEMBER', 'ALL');
    const { upsertAccounts } = expectData(
      await t.gql(
        UpsertAccountsDocument,
        { input: { rows: Array.from({ length: n }, (_, i) => ({ externalId: `A-${i}`, name: `Account ${i}`, type: i % 2 ? ('CUSTOMER' as const) : ('LEAD' as const) })) } },
        { token: ws.owner.token },
      ),
    );
    await upsertContacts(
      t,
      ws.owner.token,
      upsertAccounts.map((account, i) => ({
        externalId: `C-${i}`,
        firstName: `Person ${i}`,
        accountId: account.id,
        ownerId: i % 2 ? extra.memberId : ws.owner.memberId,
      })),
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    small = await createWorkspace(t, 'Small');
    large = await createWorkspace(t, 'Large');
    await populate(small, 5);
    await populate(large, 50);
  });
  afterAll(() => t.stop());

  it('contacts with their account, owner and creator: same statements for 5 and 50 contacts', async () => {
    const run = (ws: TestWorkspace, expected: number) =>
      t.countStatements(async () => {
        const { contacts } = expectData(await t.gql(ContactsWithRelationsDocument, { first: 100 }, { token: ws.owner.token }));
        expect(contacts.nodes).toHaveLength(expected);
        expect(contacts.nodes.every((c) => c.account?.id && c.owner?.id && c.createdBy.member?.id)).toBe(true);
      });
    const forSmall = await run(small, 5);
    const forLarge = await run(large, 50);
    expect(forLarge).toBe(forSmall);
  });

  it('accounts { nodes { contacts } }: same statements for 5 and 50 accounts', async () => {
    const run = (ws: TestWorkspace, expected: number) =>
      t.countStatements(async () => {
        const { accounts } = expectData(await t.gql(AccountsWithContactsDocument, { first: 100 }, { token: ws.owner.token }));
        expect(accounts.nodes).toHaveLength(expected);
        expect(accounts.nodes.every((a) => a.contacts.length === 1 && a.contacts[0].accountId === a.id)).toBe(true);
      });
    const forSmall = await run(small, 5);
    const forLarge = await run(large, 50);
    expect(forLarge).toBe(forSmall);
  });
});
