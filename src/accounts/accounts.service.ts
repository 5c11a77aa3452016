import { type DataSource, type EntityManager } from 'typeorm';
import { hasRoleAtLeast, Role } from '../identity/roles';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { scopeRules, type ScopePredicate } from '../platform/auth/record-scope';
import { ScopedRecordService } from '../platform/data/scoped-record-service';
import { projectionOf, readLean, type Projection } from '../platform/data/lean-rows';
import { isUuid } from '../platform/validation/ids';
import { inWorkspace } from '../platform/data/workspace-rows';
import { BadUserInputError, ForbiddenError, type FieldProblem } from '../platform/errors/errors';
import { ErrorReason } from '../platform/errors/error-reason';
import { announceActivity } from '../platform/events/activity.topic';
import type { EventBus } from '../platform/events/event-bus';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import { paginate } from '../platform/pagination/keyset';
import { scopedRecordKind, type RecordKindRegistry } from '../platform/records/record-kinds';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput, rooted } from '../platform/validation/parse-input';
import { AccountOwner } from './account-owner.entity';
import { touchAccount } from './account-touch';
import { AccountType } from './account-type';
import { ACCOUNT_TRACKED_FIELDS, accountColumnsOf, accountSearchText } from './account-validation';
import { Account } from './account.entity';
import { accountFilter, accountOrdering, type AccountFilter, type AccountOrder } from './account.filter';
import { createAccountSchemaFor, setAccountOwnersSchema, updateAccountSchemaFor } from './account.schemas';
import { AccountCharacteristic } from './characteristics/account-characteristic.entity';
import { isEmptyValue, validateCharacteristicValues } from './characteristics/characteristic-values';

/** What `Account.primaryOwner` / `owners` read of an owner row. */
const OWNER_COLUMNS = projectionOf(['accountId', 'membershipId', 'isPrimary']);

export interface AccountListArgs extends ConnectionArgs {
  filter?: AccountFilter | null;
  orderBy?: AccountOrder[] | null;
}

/**
 * Accounts: the main record. Reads, locks and writes (visible, get, byIds, visibleIds, lockVisible) come from
 * ScopedRecordService with the account rule of record-scope.ts (workspace + portfolio), alias `a`.
 */
export class AccountsService extends ScopedRecordService<Account> {
  constructor(
    db: DataSource,
    records: RecordKindRegistry,
    private readonly timeline: TimelineService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
    private readonly events?: EventBus,
  ) {
    super(db, { entity: Account, alias: 'a', scope: scopeRules.account, label: 'Account' });
    records.register(scopedRecordKind(RecordType.ACCOUNT, this, (account) => ({ accountId: account.id, ownerMembershipId: null })));
  }

  /** A page of visible accounts; with a projection, lean rows of only its columns (data/lean-rows.ts). */
  list(principal: Principal, args: AccountListArgs, projection?: Projection): Promise<ConnectionShape<Account>> {
    const query = this.visible(principal);
    const sql = new SqlFilter('af');
    const condition = accountFilter.compile(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    if (!accountFilter.mentions('archived', args.filter)) query.andWhere('a.archived_at IS NULL');
    return paginate(query, accountOrdering.sortKeys(args.orderBy), args, { projection });
  }

  /**
   * Active accounts whose primary owner is `memberId`, that the caller may see and that meet `condition` (a
   * predicate on the account id column, e.g. "has no open follow-up", from the domain that knows it): IDLE counters.
   */
  countOwnedWhere(principal: Principal, memberId: string, condition: (idColumn: string) => ScopePredicate): Promise<number> {
    const extra = condition('a.id');
    return this.visible(principal)
      .andWhere('a.archived_at IS NULL')
      .andWhere(
        `EXISTS (SELECT 1 FROM account_owners owned WHERE owned.workspace_id = a.workspace_id AND owned.membership_id = :ownedBy
            AND owned.account_id = a.id AND owned.is_primary)`,
        { ownedBy: memberId },
      )
      .andWhere(extra.sql, extra.params)
      .getCount();
  }

  create(principal: Principal, input: unknown): Promise<Account> {
    return this.db.transaction((manager) => this.createWithin(manager, principal, input));
  }

  /**
   * createAccount's work inside the caller's transaction (lead conversion): validates `input` (problems under
   * `root`), writes the account, its owners, characteristics and ACCOUNT_CREATED entry; nothing is committed here.
   */
  async createWithin(manager: EntityManager, principal: Principal, input: unknown, root = 'input'): Promise<Account> {
    const workspace = await this.workspaces.current(principal, manager);
    const data = parseInput(createAccountSchemaFor(workspace.defaultCountry), input, root);
    const columns = accountColumnsOf(data);
    const primaryOwnerId = data.primaryOwnerId ?? (principal.kind === 'member' ? principal.membershipId : null);
    const secondaryOwnerIds = (data.secondaryOwnerIds ?? []).filter((id) => id !== primaryOwnerId);
    const problems = rooted(await this.ownerProblems(principal, primaryOwnerId, secondaryOwnerIds, manager), root);
    const characteristics = await validateCharacteristicValues(
      manager,
      principal.workspaceId,
      data.characteristics ?? [],
      `${root}.characteristics`,
      true,
    );
    problems.push(...characteristics.problems);
    if (problems.length) throw new BadUserInputError(problems);
    await this.assertExternalIdFree(manager, principal, columns.externalId ?? null, null, root);
    const actor = actorRefOf(principal);
    const account = this.newRow(manager, principal, {
      ...columns,
      emails: columns.emails ?? [],
      phones: columns.phones ?? [],
      createdBy: actor,
      updatedBy: actor,
      archivedBy: { memberId: null, apiKeyId: null },
    });
    account.searchText = accountSearchText(account);
    const saved = await manager.save(account);
    await this.writeOwners(manager, principal.workspaceId, saved.id, primaryOwnerId, secondaryOwnerIds);
    await this.announceOwners(manager, principal, [primaryOwnerId, ...secondaryOwnerIds]);
    const values = characteristics.rows.filter((row) => !isEmptyValue(row));
    if (values.length) {
      await manager.insert(
        AccountCharacteristic,
        values.map((row) => ({ ...row, accountId: saved.id, workspaceId: principal.workspaceId })),
      );
    }
    await this.timeline.record(manager, principal, [
      { kind: 'ACCOUNT_CREATED', recordType: RecordType.ACCOUNT, recordId: saved.id, accountId: saved.id, data: { name: saved.name } },
    ]);
    return saved;
  }

  async update(principal: Principal, input: unknown): Promise<Account> {
    const workspace = await this.workspaces.current(principal);
    const data = parseInput(updateAccountSchemaFor(workspace.defaultCountry), input);
    const columns = accountColumnsOf(data);
    return this.db.transaction(async (manager) => {
      const account = await this.lockVisible(manager, principal, data.id, data.expectedVersion);
      if (columns.externalId !== undefined) {
        await this.assertExternalIdFree(manager, principal, columns.externalId, account.id);
      }
      const before = { ...account };
      Object.assign(account, columns, { updatedBy: actorRefOf(principal) });
      account.searchText = accountSearchText(account);
      const changes = diffFields(before, account, ACCOUNT_TRACKED_FIELDS);
      if (!changes.length) return account;
      const saved = await manager.save(account);
      await this.timeline.record(manager, principal, [
        { kind: 'ACCOUNT_UPDATED', recordType: RecordType.ACCOUNT, recordId: saved.id, accountId: saved.id, changes },
      ]);
      return saved;
    });
  }

  archive(principal: Principal, id: string, expectedVersion?: number | null): Promise<Account> {
    return this.setArchived(principal, id, expectedVersion, true);
  }

  restore(principal: Principal, id: string, expectedVersion?: number | null): Promise<Account> {
    return this.setArchived(principal, id, expectedVersion, false);
  }

  /** Replaces the owners. Reassigning a portfolio is for managers and above (or keys with accounts:write). */
  async setOwners(principal: Principal, input: unknown): Promise<Account> {
    const data = parseInput(setAccountOwnersSchema, input);
    if (principal.kind === 'member' && !hasRoleAtLeast(principal.role, Role.MANAGER)) {
      throw new ForbiddenError('Only managers and above may change account owners', ErrorReason.ROLE_REQUIRED);
    }
    const secondary = [...new Set(data.secondaryOwnerIds ?? [])].filter((id) => id !== data.primaryOwnerId);
    return this.db.transaction(async (manager) => {
      // The account first: outside reach is NOT_FOUND whatever else is wrong with the input.
      const account = await this.lockVisible(manager, principal, data.accountId, data.expectedVersion);
      const problems = await this.ownerProblems(principal, data.primaryOwnerId, secondary);
      if (problems.length) throw new BadUserInputError(problems);
      const previous = await inWorkspace(manager, principal).find(AccountOwner, { where: { accountId: account.id } });
      await manager.delete(AccountOwner, { workspaceId: principal.workspaceId, accountId: account.id });
      await this.writeOwners(manager, principal.workspaceId, account.id, data.primaryOwnerId, secondary);
      const saved = await touchAccount(manager, this, principal, account); // owners are part of the account: new version
      await this.announceOwners(manager, principal, [...previous.map((owner) => owner.membershipId), data.primaryOwnerId, ...secondary]);
      const ownersOf = (primary: string | null, others: string[]) => ({ primary, secondary: [...others].sort() });
      await this.timeline.record(manager, principal, [
        {
          kind: 'ACCOUNT_OWNERS_CHANGED',
          recordType: RecordType.ACCOUNT,
          recordId: account.id,
          accountId: account.id,
          changes: [
            {
              field: 'owners',
              before: ownersOf(
                previous.find((o) => o.isPrimary)?.membershipId ?? null,
                previous.filter((o) => !o.isPrimary).map((o) => o.membershipId),
              ),
              after: ownersOf(data.primaryOwnerId, secondary),
            },
          ],
        },
      ]);
      return saved;
    });
  }

  /**
   * For deals, in the winning command's transaction: a LEAD or PROSPECT account whose first deal was won becomes a
   * CUSTOMER (an ACCOUNT_UPDATED entry naming the deal). Other types are left as they are. Returns whether it changed.
   */
  async promoteToCustomer(manager: EntityManager, principal: Principal, accountId: string, because: { dealId: string; dealTitle: string }): Promise<boolean> {
    const account = await this.lockVisible(manager, principal, accountId);
    if (account.type !== AccountType.LEAD && account.type !== AccountType.PROSPECT) return false;
    const changes = [{ field: 'type', before: account.type, after: AccountType.CUSTOMER }];
    account.type = AccountType.CUSTOMER;
    account.updatedBy = actorRefOf(principal);
    await manager.save(account);
    await this.timeline.record(manager, principal, [
      { kind: 'ACCOUNT_UPDATED', recordType: RecordType.ACCOUNT, recordId: account.id, accountId: account.id, changes, data: { reason: 'FIRST_DEAL_WON', ...because } },
    ]);
    return true;
  }

  /**
   * For lead conversion, in its transaction: the account (already locked by the caller) becomes at least a
   * PROSPECT; a LEAD account is promoted (an ACCOUNT_UPDATED entry naming the lead). Returns the account as it is now.
   */
  async promoteToProspect(manager: EntityManager, principal: Principal, account: Account, because: { leadId: string; leadTitle: string }): Promise<Account> {
    if (account.type !== AccountType.LEAD) return account;
    const changes = [{ field: 'type', before: account.type, after: AccountType.PROSPECT }];
    account.type = AccountType.PROSPECT;
    account.updatedBy = actorRefOf(principal);
    const saved = await manager.save(account);
    await this.timeline.record(manager, principal, [
      { kind: 'ACCOUNT_UPDATED', recordType: RecordType.ACCOUNT, recordId: account.id, accountId: account.id, changes, data: { reason: 'LEAD_CONVERTED', ...because } },
    ]);
    return saved;
  }

  /**
   * For bulk upserts of records that hang off accounts: which of these account ids are in the caller's portfolio,
   * and the account of each externalId that is. One statement whatever the number of references.
   */
  async visibleReferences(
    manager: EntityManager,
    principal: Principal,
    ids: readonly string[],
    externalIds: readonly string[],
  ): Promise<{ accountIds: Set<string>; accountIdByExternalId: Map<string, string> }> {
    const wantedIds = new Set(ids.filter(isUuid));
    const wantedExternal = new Set(externalIds);
    const accountIds = new Set<string>();
    const accountIdByExternalId = new Map<string, string>();
    if (!wantedIds.size && !wantedExternal.size) return { accountIds, accountIdByExternalId };
    const found = await this.visible(principal, manager)
      .select('a.id', 'id')
      .addSelect('a.external_id', 'externalId')
      .andWhere('(a.id IN (:...refIds) OR a.external_id IN (:...refExternalIds))', {
        refIds: wantedIds.size ? [...wantedIds] : ['00000000-0000-0000-0000-000000000000'],
        refExternalIds: wantedExternal.size ? [...wantedExternal] : [''],
      })
      .getRawMany<{ id: string; externalId: string | null }>();
    for (const account of found) {
      if (wantedIds.has(account.id)) accountIds.add(account.id);
      if (account.externalId && wantedExternal.has(account.externalId)) accountIdByExternalId.set(account.externalId, account.id);
    }
    return { accountIds, accountIdByExternalId };
  }

  /**
   * The members owning any of these accounts (primary or not), read in the command's transaction whatever the
   * caller may see: whose IDLE counters a change on the accounts may move (follow-ups opened or closed on them).
   */
  async ownerIdsOf(manager: EntityManager, principal: Principal, accountIds: readonly string[]): Promise<string[]> {
    const ids = [...new Set(accountIds.filter(isUuid))];
    if (!ids.length) return [];
    const rows = await inWorkspace(manager, principal)
      .query(AccountOwner, 'o')
      .select('DISTINCT o.membership_id', 'membershipId')
      .andWhere('o.account_id = ANY(:ids)', { ids })
      .getRawMany<{ membershipId: string }>();
    return rows.map((row) => row.membershipId);
  }

  /**
   * Tells live counters (activityCountersChanged) that these members' owned accounts changed: IDLE counts an
   * active account by its owners. In the command's transaction, so a rolled-back command announces nothing.
   */
  announceOwners(manager: EntityManager, principal: Principal, memberIds: readonly (string | null)[]): Promise<void> {
    return announceActivity(this.events, manager, { workspaceId: principal.workspaceId, memberIds });
  }

  /** Owners of these accounts, primary first (lean rows: they feed GraphQL only). */
  /** SQL of the primary owner's membership id (or null) of the account row `accountAlias`: for embedded reads. */
  primaryOwnerIdSql(accountAlias: string): string {
    return `SELECT embedded_owner.membership_id FROM account_owners embedded_owner
        WHERE embedded_owner.workspace_id = ${accountAlias}.workspace_id AND embedded_owner.account_id = ${accountAlias}.id AND embedded_owner.is_primary
        LIMIT 1`;
  }

  ownersOf(workspaceId: string, accountIds: readonly string[]): Promise<AccountOwner[]> {
    const ids = [...new Set(accountIds.filter(isUuid))];
    if (!ids.length) return Promise.resolve([]);
    const query = inWorkspace(this.db.manager, { workspaceId })
      .query(AccountOwner, 'o')
      .andWhere('o.account_id = ANY(:ids)', { ids })
      .orderBy('o.is_primary', 'DESC')
      .addOrderBy('o.created_at', 'ASC')
      .addOrderBy('o.membership_id', 'ASC');
    return readLean(query, OWNER_COLUMNS);
  }

  private async setArchived(principal: Principal, id: string, expectedVersion: number | null | undefined, archive: boolean): Promise<Account> {
    return this.db.transaction(async (manager) => {
      const account = await this.lockVisible(manager, principal, id, expectedVersion);
      if ((account.archivedAt !== null) === archive) return account;
      account.archivedAt = archive ? new Date() : null;
      account.archivedBy = archive ? actorRefOf(principal) : { memberId: null, apiKeyId: null };
      account.updatedBy = actorRefOf(principal);
      const saved = await manager.save(account);
      await this.timeline.record(manager, principal, [
        { kind: archive ? 'ACCOUNT_ARCHIVED' : 'ACCOUNT_RESTORED', recordType: RecordType.ACCOUNT, recordId: id, accountId: id },
      ]);
      // An archived account leaves its owners' IDLE count; a restored one comes back.
      await this.announceOwners(manager, principal, await this.ownerIdsOf(manager, principal, [id]));
      return saved;
    });
  }

  private ownerProblems(principal: Principal, primary: string | null, secondary: string[], manager?: EntityManager): Promise<FieldProblem[]> {
    const references = [{ path: 'input.primaryOwnerId', id: primary }, ...secondary.map((id, index) => ({ path: `input.secondaryOwnerIds.${index}`, id }))];
    return this.members.inactiveMemberProblems(principal.workspaceId, references, manager);
  }

  private async writeOwners(manager: EntityManager, workspaceId: string, accountId: string, primary: string | null, secondary: string[]): Promise<void> {
    const rows = [
      ...(primary ? [{ accountId, workspaceId, membershipId: primary, isPrimary: true }] : []),
      ...secondary.map((membershipId) => ({ accountId, workspaceId, membershipId, isPrimary: false })),
    ];
    if (rows.length) await manager.insert(AccountOwner, rows);
  }

}
