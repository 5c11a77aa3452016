import { QueryFailedError } from 'typeorm';
import {
  AccountsDocument,
  CreateAccountDocument,
  CreateDocumentTypeDocument,
  CreateInterestAreaDocument,
  CreateTeamDocument,
  UpdateAccountDocument,
} from '../generated/graphql';
import { createAccount } from '../support/account-factories';
import { createApiKey, createWorkspace, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { tinyPng, upload } from '../documents/support';
import { ErrorCode } from '../../src/platform/errors/error-code';
import { ErrorReason } from '../../src/platform/errors/error-reason';
import { BadUserInputError, ConflictError } from '../../src/platform/errors/errors';
import { mapError } from '../../src/platform/errors/format-error';

/** What TypeORM throws when PostgreSQL refuses a statement: the driver's error (with its SQLSTATE) inside. */
const driverError = (sqlState: string): QueryFailedError =>
  new QueryFailedError('INSERT INTO "documents" …', [], Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: sqlState }));

type Answer = { errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const extensionsOf = (result: Answer): Record<string, unknown> | undefined => result.errors?.[0]?.extensions;

describe('mapError: one mapping of thrown errors for GraphQL and HTTP', () => {
  it('a unique violation or serialization failure from PostgreSQL is 409 CONFLICT, reason CONCURRENT_WRITE, without SQL', () => {
    for (const sqlState of ['23505', '40001', '40P01']) {
      const mapped = mapError(driverError(sqlState));
      expect(mapped).toMatchObject({ code: ErrorCode.CONFLICT, reason: ErrorReason.CONCURRENT_WRITE, httpStatus: 409 });
      expect(mapped.extensions).toEqual({ code: 'CONFLICT', reason: 'CONCURRENT_WRITE' });
      expect(mapped.message).not.toMatch(/INSERT|constraint|documents/);
      expect(mapped.log?.level).toBe('warn');
    }
  });

  it('our errors keep their code, reason, details and status; anything else is a 500 with a generic message', () => {
    const stale = mapError(new ConflictError('This account changed since you read it', { reason: ErrorReason.VERSION_MISMATCH, currentVersion: 3 }));
    expect(stale).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH', httpStatus: 409, log: null });
    expect(stale.extensions).toEqual({ code: 'CONFLICT', reason: 'VERSION_MISMATCH', currentVersion: 3 });
    const taken = mapError(BadUserInputError.field('input.externalId', 'is already used', ErrorReason.EXTERNAL_ID_TAKEN));
    expect(taken).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXTERNAL_ID_TAKEN', httpStatus: 400 });
    expect(taken.extensions.fields).toEqual([{ path: 'input.externalId', message: 'is already used' }]);
    const unexpected = mapError(new Error('secret internals'));
    expect(unexpected).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', reason: undefined, httpStatus: 500, message: 'Internal server error' });
    expect(unexpected.log?.level).toBe('error');
    expect(mapError(driverError('22P02'))).toMatchObject({ code: 'BAD_USER_INPUT', httpStatus: 400 });
  });
});

describe('extensions.reason over GraphQL and HTTP', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('updateAccount with a stale expectedVersion: CONFLICT, reason VERSION_MISMATCH, with the current version', async () => {
    const account = await createAccount(t, ws.member.token);
    await t.gql(UpdateAccountDocument, { input: { id: account.id, expectedVersion: account.version, name: 'Renamed once' } }, { token: ws.member.token });
    const stale = await t.gql(UpdateAccountDocument, { input: { id: account.id, expectedVersion: account.version, name: 'Renamed twice' } }, { token: ws.member.token });
    expect(extensionsOf(stale)).toEqual({ code: 'CONFLICT', reason: 'VERSION_MISMATCH', currentVersion: account.version + 1 });
  });

  it('createAccount with an externalId another account has: BAD_USER_INPUT, reason EXTERNAL_ID_TAKEN', async () => {
    await createAccount(t, ws.member.token, { externalId: 'ERP-1' });
    const clash = await t.gql(CreateAccountDocument, { input: { name: 'Other', type: 'PROSPECT', externalId: 'ERP-1' } }, { token: ws.member.token });
    expect(extensionsOf(clash)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'EXTERNAL_ID_TAKEN', fields: [{ path: 'input.externalId' }] });
  });

  it('a settings entry or team named like an existing one: CONFLICT, reason NAME_TAKEN', async () => {
    await t.gql(CreateInterestAreaDocument, { input: { name: 'Solar' } }, { token: ws.admin.token });
    const area = await t.gql(CreateInterestAreaDocument, { input: { name: 'solar' } }, { token: ws.admin.token });
    expect(extensionsOf(area)).toEqual({ code: 'CONFLICT', reason: 'NAME_TAKEN' });
    await t.gql(CreateDocumentTypeDocument, { input: { name: 'Invoice' } }, { token: ws.admin.token });
    expect(extensionsOf(await t.gql(CreateDocumentTypeDocument, { input: { name: 'Invoice' } }, { token: ws.admin.token }))).toEqual({
      code: 'CONFLICT',
      reason: 'NAME_TAKEN',
    });
    await t.gql(CreateTeamDocument, { input: { name: 'North' } }, { token: ws.admin.token });
    expect(extensionsOf(await t.gql(CreateTeamDocument, { input: { name: 'North' } }, { token: ws.admin.token }))).toEqual({
      code: 'CONFLICT',
      reason: 'NAME_TAKEN',
    });
  });

  it('guard refusals say which rule refused: ROLE_REQUIRED, SCOPE_REQUIRED; a foreign cursor is INVALID_CURSOR', async () => {
    const byMember = await t.gql(CreateInterestAreaDocument, { input: { name: 'Wind' } }, { token: ws.member.token });
    expect(extensionsOf(byMember)).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    const readOnlyKey = await createApiKey(t, ws.admin.token, ['accounts:read']);
    const byKey = await t.gql(CreateAccountDocument, { input: { name: 'Via key', type: 'PROSPECT' } }, { token: readOnlyKey });
    expect(extensionsOf(byKey)).toEqual({ code: 'FORBIDDEN', reason: 'SCOPE_REQUIRED' });
    const badCursor = await t.gql(AccountsDocument, { first: 1, after: 'bm90LWEtY3Vyc29y' }, { token: ws.member.token });
    expect(extensionsOf(badCursor)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  it('POST /documents losing a unique-constraint race answers 409 CONFLICT (reason CONCURRENT_WRITE), as GraphQL would, not 500', async () => {
    // Documents have no unique key a client can hit on purpose; this index stands in for a constraint a concurrent
    // request wins, so PostgreSQL itself refuses the second insert (23505) inside the upload's transaction.
    await t.app.db.query('CREATE UNIQUE INDEX test_documents_one_file_name ON documents (workspace_id, record_id, file_name)');
    try {
      const account = await createAccount(t, ws.member.token);
      const parts = { recordId: account.id, file: { bytes: tinyPng(), name: 'logo.png' } };
      expect((await upload(t, ws.member.token, parts)).status).toBe(201);
      const second = await upload(t, ws.member.token, parts);
      expect(second.status).toBe(409);
      expect(second.json.errors?.[0].extensions).toEqual({ code: 'CONFLICT', reason: 'CONCURRENT_WRITE' });
      expect(second.json.errors?.[0].message).not.toMatch(/test_documents|constraint|INSERT/);
    } finally {
      await t.app.db.query('DROP INDEX test_documents_one_file_name');
    }
  });
});
