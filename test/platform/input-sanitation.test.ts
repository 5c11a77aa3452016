import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { GraphQLError } from 'graphql';
import {
  AccountsDocument,
  AddCommentDocument,
  ContactsDocument,
  CreateAccountDocument,
  CreateInterestAreaDocument,
  SearchDocument,
  SignUpDocument,
  UpdateWorkspaceSettingsDocument,
  UpsertAccountsDocument,
  type AccountFilter,
  type ContactFilter,
} from '../generated/graphql';
import { createErrorFormatter } from '../../src/platform/errors/format-error';
import { createLogger } from '../../src/platform/logging/logger';
import { upload } from '../documents/support';
import { createAccount } from '../support/account-factories';
import { expectData, PASSWORD, signUpOwner, uniqueEmail, type Actor } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** Rows in every table of the application's schema: a refused request must leave it unchanged. */
const COUNT_ALL_ROWS = `
  SELECT COALESCE(sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text::bigint), 0)::text AS total
    FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;

const NUL = 'Acme\u0000Corp';
const LONE_SURROGATE = 'Acme \ud800 Corp';

describe('input PostgreSQL cannot store is BAD_USER_INPUT naming the field, and nothing is written', () => {
  let t: TestApp;
  let owner: Actor;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUpOwner(t);
    accountId = (await createAccount(t, owner.token, { name: 'Existing' })).id;
  });
  afterAll(() => t.stop());

  const totalRows = async (): Promise<string> => ((await t.app.db.query(COUNT_ALL_ROWS)) as { total: string }[])[0].total;

  interface Case {
    kind: string;
    path: string;
    send: (text: string) => Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>;
  }
  const as = <R, V>(document: TypedDocumentNode<R, V>, variables: V, token?: () => string) =>
    t.gql(document, variables, { token: token?.() });
  const ownerToken = () => owner.token;

  const cases: Case[] = [
    { kind: 'an account name', path: 'input.name', send: (text) => as(CreateAccountDocument, { input: { name: text, type: 'LEAD' } }, ownerToken) },
    {
      kind: 'an externalId',
      path: 'input.externalId',
      send: (text) => as(CreateAccountDocument, { input: { name: 'Fine', type: 'LEAD', externalId: text } }, ownerToken),
    },
    { kind: 'a comment', path: 'input.body', send: (text) => as(AddCommentDocument, { input: { recordId: accountId, body: text } }, ownerToken) },
    { kind: 'a search query', path: 'query', send: (text) => as(SearchDocument, { query: text }, ownerToken) },
    {
      kind: 'a text filter (nested in or)',
      path: 'filter.or[1].name.contains',
      send: (text) => as(AccountsDocument, { filter: { or: [{ city: { eq: 'Madrid' } }, { name: { contains: text } }] } }, ownerToken),
    },
    {
      kind: 'an upsert row',
      path: 'input.rows[1].name',
      send: (text) =>
        as(UpsertAccountsDocument, { input: { rows: [{ externalId: 'ok-1', name: 'Fine', type: 'LEAD' }, { externalId: 'bad-1', name: text, type: 'LEAD' }] } }, ownerToken),
    },
    { kind: 'a settings list entry', path: 'input.name', send: (text) => as(CreateInterestAreaDocument, { input: { name: text } }, ownerToken) },
    {
      kind: 'a workspace setting',
      path: 'input.otherAccountTypeLabel',
      send: (text) => as(UpdateWorkspaceSettingsDocument, { input: { otherAccountTypeLabel: text } }, ownerToken),
    },
    {
      kind: 'a signUp field',
      path: 'input.workspaceName',
      send: (text) => as(SignUpDocument, { input: { workspaceName: text, name: 'New Owner', email: uniqueEmail(), password: PASSWORD } }),
    },
  ];

  describe.each([
    ['a NUL character', NUL],
    ['an unpaired surrogate', LONE_SURROGATE],
  ])('with %s', (_label, text) => {
    it.each(cases.map((c) => [c.kind, c] as const))('in %s', async (_kind, c) => {
      const before = await totalRows();
      const result = await c.send(text);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: c.path }] });
      expect(await totalRows()).toBe(before);
    });
  });

  // Multipart text is UTF-8 (an unpaired surrogate arrives as U+FFFD); a NUL does arrive. File names are sanitised instead.
  it('the document upload endpoint refuses a recordId with a NUL character (400 BAD_USER_INPUT at input.recordId)', async () => {
    const before = await totalRows();
    const answer = await upload(t, owner.token, { recordId: `${accountId}\u0000`, file: { bytes: Buffer.from('hello'), name: 'hello.txt' } });
    expect(answer.status).toBe(400);
    expect(answer.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.recordId' }] });
    expect(await totalRows()).toBe(before);
  });

  it('still accepts well-formed text with characters outside the BMP (a surrogate pair)', async () => {
    const account = await createAccount(t, owner.token, { name: 'Café 🚀 Ltd' });
    expect(account.name).toBe('Café 🚀 Ltd');
  });
});

describe('id filters take ids only', () => {
  let t: TestApp;
  let owner: Actor;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUpOwner(t);
    await createAccount(t, owner.token, { name: 'Someone' });
  });
  afterAll(() => t.stop());

  it.each<[string, AccountFilter, string]>([
    ['an account id', { id: { eq: 'x' } }, 'filter.id.eq'],
    ['an owner id in a list', { ownerId: { in: ['x'] } }, 'filter.ownerId.in[0]'],
    ['a later item of a list', { primaryOwnerId: { notIn: ['00000000-0000-4000-8000-000000000000', 'nope'] } }, 'filter.primaryOwnerId.notIn[1]'],
    ['a team id inside not', { not: { teamId: { ne: '42' } } }, 'filter.not.teamId.ne'],
    ['an interest area id inside and', { and: [{ name: { eq: 'a' } }, { interest: { areaId: { eq: 'x' } } }] }, 'filter.and[1].interest.areaId.eq'],
    ['a relationship type id', { relationship: { typeId: { in: ['x'] } } }, 'filter.relationship.typeId.in[0]'],
    ['the other account of a relationship', { relationship: { otherAccountId: { eq: 'x' } } }, 'filter.relationship.otherAccountId.eq'],
    ['a characteristic definition id', { characteristics: [{ definitionId: 'x', isSet: true }] }, 'filter.characteristics[0].definitionId'],
  ])('accounts: %s that is not a uuid is BAD_USER_INPUT at its path', async (_label, filter, path) => {
    const result = await t.gql(AccountsDocument, { filter }, { token: owner.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path }] });
    expect(result.errors?.[0].message).not.toMatch(/uuid|syntax|SELECT/i);
  });

  it.each<[string, ContactFilter, string]>([
    ['an account id', { accountId: { eq: 'x' } }, 'filter.accountId.eq'],
    ['an owner id', { ownerId: { in: ['x'] } }, 'filter.ownerId.in[0]'],
    ['an id of the contact\'s account filter', { account: { primaryOwnerId: { eq: 'x' } } }, 'filter.account.primaryOwnerId.eq'],
  ])('contacts: %s that is not a uuid is BAD_USER_INPUT at its path', async (_label, filter, path) => {
    const result = await t.gql(ContactsDocument, { filter }, { token: owner.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path }] });
  });

  it('still filters by well-formed ids', async () => {
    const { accounts } = expectData(await t.gql(AccountsDocument, { filter: { ownerId: { in: [owner.memberId] } } }, { token: owner.token }));
    expect(accounts.nodes.map((a) => a.name)).toEqual(['Someone']);
  });

  it('a value PostgreSQL refuses as malformed is BAD_USER_INPUT without SQL, should one ever get past validation', async () => {
    const refusal = await t.app.db.query(`SELECT 'not-a-uuid'::uuid`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).not.toBeNull();
    const format = createErrorFormatter(createLogger('silent'));
    const formatted = format({ message: 'raw' }, new GraphQLError('raw', { originalError: refusal as Error }));
    expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(formatted.message).not.toMatch(/uuid|syntax|not-a-uuid/i);
  });
});
