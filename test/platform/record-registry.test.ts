import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { MemberPrincipal } from '../../src/platform/auth/principal';
import { RecordKindRegistry, type LocatedRecord, type RecordKind } from '../../src/platform/records/record-kinds';
import { declareRecordType, RecordType } from '../../src/platform/records/record-types';
import { createAccount } from '../support/account-factories';
import { createContact } from '../support/contact-factories';
import { createWorkspace, type Actor, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/** The principal a member's token stands for (scope rules read workspace, membership and access scope only). */
const principalOf = (workspaceId: string, actor: Actor, accessScope: 'ALL' | 'TEAM' | 'OWN'): MemberPrincipal => ({
  kind: 'member',
  workspaceId,
  membershipId: actor.memberId,
  userId: randomUUID(),
  role: 'MEMBER' as MemberPrincipal['role'],
  accessScope: accessScope as MemberPrincipal['accessScope'],
});

const notFound = expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) });

describe('the record registry: records of any registered kind, found, locked and anchored within reach', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let records: RecordKindRegistry;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t);
    other = await createWorkspace(t, 'Other');
    records = t.app.services.records;
  });
  afterAll(() => t.stop());

  const owner = () => principalOf(ws.workspaceId, ws.owner, 'ALL');

  it('the accounts domain registers ACCOUNT and CONTACT', () => {
    expect(records.types).toEqual(expect.arrayContaining([RecordType.ACCOUNT, RecordType.CONTACT]));
  });

  it('finds a contact with its kind and anchor (its account), and a loose one anchored to its owner', async () => {
    const account = await createAccount(t, ws.owner.token);
    const contact = await createContact(t, ws.owner.token, { accountId: account.id });
    const loose = await createContact(t, ws.owner.token, { ownerId: ws.member.memberId });
    expect(await records.locate(owner(), contact.id)).toEqual<LocatedRecord>({
      recordType: RecordType.CONTACT,
      recordId: contact.id,
      accountId: account.id,
      ownerMembershipId: ws.owner.memberId,
    });
    expect(await records.locate(owner(), loose.id)).toMatchObject({ recordType: 'CONTACT', accountId: null, ownerMembershipId: ws.member.memberId });
    expect(await records.locate(owner(), account.id)).toEqual<LocatedRecord>({
      recordType: RecordType.ACCOUNT,
      recordId: account.id,
      accountId: account.id,
      ownerMembershipId: null,
    });
  });

  it('locks a record and the account it hangs off FOR SHARE until the transaction ends', async () => {
    const account = await createAccount(t, ws.owner.token);
    const contact = await createContact(t, ws.owner.token, { accountId: account.id });
    const probe = new Client({ connectionString: t.databaseUrl });
    await probe.connect();
    // A move locks FOR UPDATE: while the command holds its locks, one that would not wait fails at once.
    const canLockForUpdate = (table: string, id: string) =>
      probe.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE NOWAIT`, [id]).then(
        () => true,
        (error: { code?: string }) => (error.code === '55P03' ? false : Promise.reject(error)),
      );
    try {
      await t.app.db.transaction(async (manager) => {
        const locked = await records.lock(manager, owner(), contact.id);
        expect(locked).toMatchObject({ recordType: 'CONTACT', recordId: contact.id, accountId: account.id });
        expect(await canLockForUpdate('contacts', contact.id)).toBe(false);
        expect(await canLockForUpdate('accounts', account.id)).toBe(false);
      });
      expect(await canLockForUpdate('contacts', contact.id)).toBe(true);
      expect(await canLockForUpdate('accounts', account.id)).toBe(true);
    } finally {
      await probe.end();
    }
  });

  it('an unknown id, or one that is not a uuid, is NOT_FOUND (locate and lock)', async () => {
    await expect(records.locate(owner(), randomUUID())).rejects.toEqual(notFound);
    await expect(records.locate(owner(), 'not-a-uuid')).rejects.toEqual(notFound);
    await expect(t.app.db.transaction((manager) => records.lock(manager, owner(), randomUUID()))).rejects.toEqual(notFound);
  });

  it('a record of another workspace, or outside the portfolio, is NOT_FOUND, and costs what an unknown id does', async () => {
    const foreign = await createContact(t, other.owner.token, { accountId: (await createAccount(t, other.owner.token)).id });
    await expect(records.locate(owner(), foreign.id)).rejects.toEqual(notFound);
    await expect(t.app.db.transaction((manager) => records.lock(manager, owner(), foreign.id))).rejects.toEqual(notFound);

    const notMine = await createAccount(t, ws.admin.token, { primaryOwnerId: ws.admin.memberId });
    const onIt = await createContact(t, ws.admin.token, { accountId: notMine.id });
    const seller = principalOf(ws.workspaceId, ws.ownMember, 'OWN');
    await expect(records.locate(seller, notMine.id)).rejects.toEqual(notFound);
    await expect(records.locate(seller, onIt.id)).rejects.toEqual(notFound);
    await expect(t.app.db.transaction((manager) => records.lock(manager, seller, onIt.id))).rejects.toEqual(notFound);

    const statementsFor = (id: string) => t.countStatements(() => records.locate(seller, id).catch(() => null));
    expect(await statementsFor(onIt.id)).toBe(await statementsFor(randomUUID()));
  });

  it('registering a kind twice fails, and so does declaring a record type name twice', () => {
    const registry = new RecordKindRegistry();
    const kind: RecordKind<{ id: string }> = {
      type: RecordType.ACCOUNT,
      locate: async () => null,
      lock: async () => null,
      anchor: (record) => ({ accountId: record.id, ownerMembershipId: null }),
    };
    registry.register(kind);
    expect(() => registry.register({ ...kind })).toThrow('Record kind ACCOUNT is registered twice');
    expect(() => declareRecordType('ACCOUNT')).toThrow('Record type ACCOUNT is declared twice');
  });

  it('a kind registered by a new domain is found through its own locate, after those registered before it', async () => {
    const registry = new RecordKindRegistry();
    const seen: string[] = [];
    const id = randomUUID();
    registry.register<{ id: string }>({
      type: RecordType.ACCOUNT,
      locate: async (_principal, wanted) => (seen.push(`ACCOUNT ${wanted}`), null),
      lock: async () => null,
      anchor: (record) => ({ accountId: record.id, ownerMembershipId: null }),
    });
    registry.register<{ id: string; accountId: string }>({
      type: RecordType.DOCUMENT,
      locate: async (_principal, wanted) => (seen.push(`DOCUMENT ${wanted}`), wanted === id ? { id, accountId: 'the-account' } : null),
      lock: async () => null,
      anchor: (record) => ({ accountId: record.accountId, ownerMembershipId: null }),
    });
    expect(await registry.locate(owner(), id)).toEqual({ recordType: 'DOCUMENT', recordId: id, accountId: 'the-account', ownerMembershipId: null });
    expect(seen).toEqual([`ACCOUNT ${id}`, `DOCUMENT ${id}`]);
  });
});
