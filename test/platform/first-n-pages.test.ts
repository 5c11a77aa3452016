import { AccountsTimelinePagesDocument, AddCommentDocument } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** A list field loaded for many parents at once still pages each parent on its own. */
describe('per-parent pages of a list field (Account.timeline under accounts)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    for (const name of ['Alpha', 'Beta']) {
      const account = await createAccount(t, ws.owner.token, { name });
      for (const n of [1, 2, 3]) {
        expectData(await t.gql(AddCommentDocument, { input: { recordId: account.id, body: `${name} ${n}` } }, { token: ws.owner.token }));
      }
    }
  });
  afterAll(() => t.stop());

  const pages = async (variables: { timelineFirst?: number; timelineAfter?: string; timelineLast?: number }) =>
    expectData(await t.gql(AccountsTimelinePagesDocument, variables, { token: ws.owner.token })).accounts.nodes;

  it('each account gets its own newest entries, its own totalCount and hasNextPage', async () => {
    const [alpha, beta] = await pages({ timelineFirst: 2 });
    expect(alpha.timeline.nodes.map((entry) => entry.data)).toEqual([{ body: 'Alpha 3' }, { body: 'Alpha 2' }]);
    expect(beta.timeline.nodes.map((entry) => entry.data)).toEqual([{ body: 'Beta 3' }, { body: 'Beta 2' }]);
    expect([alpha.timeline.totalCount, beta.timeline.totalCount]).toEqual([4, 4]);
    expect(alpha.timeline.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('after a cursor of one account, that account continues where it left off', async () => {
    const [first] = await pages({ timelineFirst: 2 });
    const [alpha] = await pages({ timelineFirst: 5, timelineAfter: first.timeline.pageInfo.endCursor as string });
    expect(alpha.timeline.nodes.map((entry) => entry.kind)).toEqual(['COMMENT_ADDED', 'ACCOUNT_CREATED']);
    expect(alpha.timeline.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('last: 1 gives each account its oldest entry', async () => {
    const nodes = await pages({ timelineLast: 1 });
    expect(nodes.map((account) => account.timeline.nodes.map((entry) => entry.kind))).toEqual([['ACCOUNT_CREATED'], ['ACCOUNT_CREATED']]);
  });

  it('a cursor that is not one of this list is BAD_USER_INPUT', async () => {
    const result = await t.gql(AccountsTimelinePagesDocument, { timelineFirst: 1, timelineAfter: 'not-a-cursor' }, { token: ws.owner.token });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
