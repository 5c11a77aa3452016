import { AccountsDocument, ContactsDocument, type AccountOrder } from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { expectData, signUpOwner, type Actor } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

const decode = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');
const encode = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const ISO_TIMESTAMP = /"\d{4}-\d{2}-\d{2}T[^"]+Z"/;

describe('cursors are bound to their list and ordering, and checked before they reach SQL', () => {
  let t: TestApp;
  let owner: Actor;
  let accountIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUpOwner(t);
    accountIds = [];
    for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta']) accountIds.push((await createAccount(t, owner.token, { name })).id);
    for (const firstName of ['Ana', 'Bea', 'Carla']) await createContact(t, owner.token, { firstName, lastName: 'Ruiz' });
  });
  afterAll(() => t.stop());

  const accountsCursor = async (orderBy: AccountOrder[]): Promise<string> => {
    const { accounts } = expectData(await t.gql(AccountsDocument, { first: 2, orderBy }, { token: owner.token }));
    return accounts.pageInfo.endCursor as string;
  };
  const accountsAfter = (after: string, orderBy: AccountOrder[]) => t.gql(AccountsDocument, { first: 2, after, orderBy }, { token: owner.token });
  const expectRefusedCursor = (result: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }) => {
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'after' }] });
    expect(result.errors?.[0].message).not.toMatch(/SELECT|syntax|timestamp|uuid/i);
  };

  const BY_NAME: AccountOrder[] = [{ field: 'NAME', direction: 'ASC' }];
  const BY_UPDATED_AT: AccountOrder[] = [{ field: 'UPDATED_AT', direction: 'ASC' }];
  const BY_CREATED_AT: AccountOrder[] = [{ field: 'CREATED_AT', direction: 'ASC' }];

  it('a cursor still pages its own list and ordering', async () => {
    const after = await accountsCursor(BY_NAME);
    const { accounts } = expectData(await accountsAfter(after, BY_NAME));
    expect(accounts.nodes.map((a) => a.name)).toEqual(['Charlie', 'Delta']);
  });

  it('a cursor from accounts ordered by NAME is refused under UPDATED_AT ordering', async () => {
    expectRefusedCursor(await accountsAfter(await accountsCursor(BY_NAME), BY_UPDATED_AT));
  });

  it('a cursor is refused when the direction of its ordering changed', async () => {
    expectRefusedCursor(await accountsAfter(await accountsCursor(BY_NAME), [{ field: 'NAME', direction: 'DESC' }]));
  });

  it('a contacts cursor is refused by accounts, even with the same shape of ordering', async () => {
    const { contacts } = expectData(
      await t.gql(ContactsDocument, { first: 1, orderBy: [{ field: 'CREATED_AT', direction: 'ASC' }] }, { token: owner.token }),
    );
    expectRefusedCursor(await accountsAfter(contacts.pageInfo.endCursor as string, BY_CREATED_AT));
  });

  it.each([
    ['garbage that is not base64 JSON', '%%%not a cursor%%%'],
    ['base64 of a non-JSON text', encode('hello world')],
    ['base64 of JSON that is no cursor', encode('{"a":1}')],
    ['a hand-made array of values', encode(JSON.stringify(['Bravo', 'not-a-uuid']))],
  ])('%s is refused', async (_label, after) => {
    expectRefusedCursor(await accountsAfter(after, BY_NAME));
  });

  it('a real cursor whose id was replaced by a non-uuid is refused', async () => {
    const text = decode(await accountsCursor(BY_NAME));
    expect(text).toContain(accountIds[1]);
    expectRefusedCursor(await accountsAfter(encode(text.replace(accountIds[1], 'x')), BY_NAME));
  });

  it('a real cursor whose name was replaced by a number is refused', async () => {
    const text = decode(await accountsCursor(BY_NAME));
    expect(text).toContain('"Bravo"');
    expectRefusedCursor(await accountsAfter(encode(text.replace('"Bravo"', '42')), BY_NAME));
  });

  it.each([
    ['a word', '"yesterday"'],
    ['an impossible date', '"2024-02-31T00:00:00.000Z"'],
    ['a number', '1700000000000'],
  ])('a real cursor whose timestamp was replaced by %s is refused', async (_label, replacement) => {
    const text = decode(await accountsCursor(BY_CREATED_AT));
    expect(text).toMatch(ISO_TIMESTAMP);
    expectRefusedCursor(await accountsAfter(encode(text.replace(ISO_TIMESTAMP, replacement)), BY_CREATED_AT));
  });

  it('a bad `before` cursor is refused at `before`', async () => {
    const result = await t.gql(AccountsDocument, { last: 2, before: encode('[1]') }, { token: owner.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'before' }] });
  });
});
