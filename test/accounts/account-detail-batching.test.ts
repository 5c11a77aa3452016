import {
  AccountPageWithEverythingDocument,
  AttachDocumentDocument,
  SetAccountCharacteristicDocument,
  SetAccountInterestDocument,
  UpsertAccountsDocument,
  UpsertContactsDocument,
} from '../generated/graphql';
import { createWorkspace, expectData } from '../support/factories';
import { createCharacteristic, createInterestArea, createRelationshipType, linkAccounts } from '../support/settings-factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** A workspace with `n` accounts, each with 2 contacts, a characteristic, an interest, a link and a document. */
async function workspaceWithAccounts(t: TestApp, n: number) {
  const ws = await createWorkspace(t, `Batch ${n}`);
  const token = ws.member.token;
  const definition = await createCharacteristic(t, ws.owner.token, { name: 'Segment' });
  const area = await createInterestArea(t, ws.owner.token, 'Solar');
  const type = await createRelationshipType(t, ws.owner.token, { name: 'parent of', inverseName: 'subsidiary of' });
  const rows = Array.from({ length: n }, (_, i) => ({ externalId: `A-${i}`, name: `Account ${String(i).padStart(3, '0')}`, type: 'CUSTOMER' as const }));
  const accounts = expectData(await t.gql(UpsertAccountsDocument, { input: { rows } }, { token })).upsertAccounts;
  const contacts = accounts.flatMap((_, i) =>
    [0, 1].map((j) => ({ externalId: `C-${i}-${j}`, accountExternalId: `A-${i}`, firstName: `Person ${i}.${j}`, emails: [`p${i}.${j}@example.test`] })),
  );
  expectData(await t.gql(UpsertContactsDocument, { input: { rows: contacts } }, { token }));
  for (const [i, account] of accounts.entries()) {
    const accountId = account.id as string;
    expectData(await t.gql(SetAccountCharacteristicDocument, { input: { accountId, value: { definitionId: definition.id, text: `S${i % 3}` } } }, { token }));
    expectData(await t.gql(SetAccountInterestDocument, { input: { accountId, areaId: area.id, kind: 'UNMET_NEED' } }, { token }));
    await linkAccounts(t, token, { fromAccountId: accountId, toAccountId: accounts[(i + 1) % n].id as string, typeId: type.id });
    expectData(
      await t.gql(AttachDocumentDocument, { input: { recordId: accountId, fileName: 'a.txt', contentBase64: Buffer.from(`doc ${i}`).toString('base64') } }, { token }),
    );
  }
  return ws;
}

describe('account detail without N+1', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MAX_QUERY_COMPLEXITY: '100000' });
  });
  afterAll(() => t.stop());

  it('a page with owners, contacts, characteristics, interests, relationships and documents costs the same SQL for 5 and 50 accounts', async () => {
    const small = await workspaceWithAccounts(t, 5);
    const big = await workspaceWithAccounts(t, 50);
    let smallPage: unknown;
    const smallCount = await t.countStatements(async () => {
      smallPage = expectData(await t.gql(AccountPageWithEverythingDocument, { first: 50 }, { token: small.member.token }));
    });
    let bigNodes = 0;
    const bigCount = await t.countStatements(async () => {
      const { accounts } = expectData(await t.gql(AccountPageWithEverythingDocument, { first: 50 }, { token: big.member.token }));
      bigNodes = accounts.nodes.length;
      const first = accounts.nodes[0];
      expect(first.contacts).toHaveLength(2);
      expect(first.characteristics[0]).toMatchObject({ text: 'S0', definition: { name: 'Segment' } });
      expect(first.interests[0]).toMatchObject({ kind: 'UNMET_NEED', area: { name: 'Solar' } });
      expect(first.relationships.map((r) => r.label).sort()).toEqual(['parent of', 'subsidiary of']);
      expect(first.documents).toHaveLength(1);
    });
    expect(bigNodes).toBe(50);
    expect((smallPage as { accounts: { nodes: unknown[] } }).accounts.nodes).toHaveLength(5);
    expect(bigCount).toBe(smallCount);
  });
});
