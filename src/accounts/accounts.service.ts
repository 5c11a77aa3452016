import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { hasRoleAtLeast, Role } from '../identity/roles';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { accountScope } from '../platform/auth/record-scope';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, type FieldProblem } from '../platform/errors/errors';
import { ErrorReason } from '../platform/errors/error-reason';
import { SqlFilter } from '../platform/filtering/sql-filter';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import { paginate } from '../platform/pagination/keyset';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { isUuid } from '../platform/validation/ids';
import { parseInput } from '../platform/validation/parse-input';
import { AccountOwner } from './account-owner.entity';
import { touchAccount } from './account-touch';
import { ACCOUNT_TRACKED_FIELDS, accountColumnsOf, accountSearchText } from './account-validation';
import { Account } from './account.entity';
import { accountSortKeys, compileAccountFilter, mentionsArchived, type AccountFilter, type AccountOrder } from './account.filter';
import { createAccountSchemaFor, setAccountOwnersSchema, updateAccountSchemaFor } from './account.schemas';
import { AccountCharacteristic } from './characteristics/account-characteristic.entity';
import { isEmptyValue, validateCharacteristicValues } from './characteristics/characteristic-values';

export interface AccountListArgs extends ConnectionArgs {
  filter?: AccountFilter | null;
  orderBy?: AccountOrder[] | null;
}

/** Accounts: the main record. Visibility (workspace + portfolio) always comes from record-scope.ts. */
export class AccountsService {
  constructor(
    private readonly db: DataSource,
    private readonly timeline: TimelineService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** Accounts this principal may see, as a query to refine (alias `a`). */
  visible(principal: Principal, manager: EntityManager = this.db.manager): SelectQueryBuilder<Account> {
    const scope = accountScope(principal, 'a');
    return manager.getRepository(Account).createQueryBuilder('a').where(scope.sql, scope.params);
  }

  async get(principal: Principal, id: string, manager?: EntityManager): Promise<Account> {
    const account = isUuid(id) ? await this.visible(principal, manager).andWhere('a.id = :id', { id }).getOne() : null;
    if (!account) throw new NotFoundError('Account');
    return account;
  }

  /** For loaders: the visible accounts among `ids` (invisible ones are simply absent). */
  byIds(principal: Principal, ids: readonly string[]): Promise<Account[]> {
    return this.visible(principal).andWhere('a.id IN (:...ids)', { ids: ids.filter(isUuid) }).getMany();
  }

  /** Ids among `ids` that this principal may see (other domains use this to check an account reference). */
  async visibleIds(principal: Principal, ids: readonly string[], manager?: EntityManager): Promise<Set<string>> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return new Set();
    const rows = await this.visible(principal, manager).select('a.id', 'id').andWhere('a.id IN (:...valid)', { valid }).getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  list(principal: Principal, args: AccountListArgs): Promise<ConnectionShape<Account>> {
    const query = this.visible(principal);
    const sql = new SqlFilter('af');
    const condition = compileAccountFilter(sql, args.filter);
    if (condition) query.andWhere(condition, sql.params);
    if (!mentionsArchived(args.filter)) query.andWhere('a.archived_at IS NULL');
    return paginate(query, accountSortKeys(args.orderBy), args);
  }

  async create(principal: Principal, input: unknown): Promise<Account> {
    const workspace = await this.workspaces.current(principal);
    const data = parseInput(createAccountSchemaFor(workspace.defaultCountry), input);
    const columns = accountColumnsOf(data);
    const primaryOwnerId = data.primaryOwnerId ?? (principal.kind === 'member' ? principal.membershipId : null);
    const secondaryOwnerIds = (data.secondaryOwnerIds ?? []).filter((id) => id !== primaryOwnerId);
    const problems = await this.ownerProblems(principal, primaryOwnerId, secondaryOwnerIds);
    return this.db.transaction(async (manager) => {
      const characteristics = await validateCharacteristicValues(
        manager,
        principal.workspaceId,
        data.characteristics ?? [],
        'input.characteristics',
        true,
      );
      problems.push(...characteristics.problems);
      if (problems.length) throw new BadUserInputError(problems);
      await this.assertExternalIdFree(manager, principal.workspaceId, columns.externalId ?? null, null);
      const actor = actorRefOf(principal);
      const account = manager.create(Account, {
        ...columns,
        emails: columns.emails ?? [],
        phones: columns.phones ?? [],
        workspaceId: principal.workspaceId,
        createdBy: actor,
        updatedBy: actor,
        archivedBy: { memberId: null, apiKeyId: null },
      });
      account.searchText = accountSearchText(account);
      const saved = await manager.save(account);
      await this.writeOwners(manager, principal.workspaceId, saved.id, primaryOwnerId, secondaryOwnerIds);
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
    });
  }

  async update(principal: Principal, input: unknown): Promise<Account> {
    const workspace = await this.workspaces.current(principal);
    const data = parseInput(updateAccountSchemaFor(workspace.defaultCountry), input);
    const columns = accountColumnsOf(data);
    return this.db.transaction(async (manager) => {
      const account = await this.lockVisible(manager, principal, data.id, data.expectedVersion);
      if (columns.externalId !== undefined) {
        await this.assertExternalIdFree(manager, principal.workspaceId, columns.externalId, account.id);
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
      const previous = await manager.find(AccountOwner, { where: { workspaceId: principal.workspaceId, accountId: account.id } });
      await manager.delete(AccountOwner, { workspaceId: principal.workspaceId, accountId: account.id });
      await this.writeOwners(manager, principal.workspaceId, account.id, data.primaryOwnerId, secondary);
      const saved = await touchAccount(manager, this, principal, account); // owners are part of the account: new version
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

  ownersOf(workspaceId: string, accountIds: readonly string[]): Promise<AccountOwner[]> {
    return this.db.getRepository(AccountOwner).find({
      where: { workspaceId, accountId: In([...accountIds]) },
      order: { isPrimary: 'DESC', createdAt: 'ASC', membershipId: 'ASC' },
    });
  }

  /** Locks a visible account for a change, checking the caller's expected version. */
  async lockVisible(manager: EntityManager, principal: Principal, id: string, expectedVersion?: number | null): Promise<Account> {
    const account = isUuid(id)
      ? await this.visible(principal, manager).andWhere('a.id = :id', { id }).setLock('pessimistic_write', undefined, ['a']).getOne()
      : null;
    if (!account) throw new NotFoundError('Account');
    if (expectedVersion != null && expectedVersion !== account.version) {
      throw new ConflictError('This account changed since you read it', { reason: ErrorReason.VERSION_MISMATCH, currentVersion: account.version });
    }
    return account;
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
      return saved;
    });
  }

  private async ownerProblems(principal: Principal, primary: string | null, secondary: string[]): Promise<FieldProblem[]> {
    const active = await this.members.activeMemberIds(principal.workspaceId, [primary, ...secondary]);
    const problems: FieldProblem[] = [];
    if (primary && !active.has(primary)) problems.push({ path: 'input.primaryOwnerId', message: 'is not an active member of this workspace' });
    secondary.forEach((id, index) => {
      if (!active.has(id)) problems.push({ path: `input.secondaryOwnerIds.${index}`, message: 'is not an active member of this workspace' });
    });
    return problems;
  }

  private async writeOwners(manager: EntityManager, workspaceId: string, accountId: string, primary: string | null, secondary: string[]): Promise<void> {
    const rows = [
      ...(primary ? [{ accountId, workspaceId, membershipId: primary, isPrimary: true }] : []),
      ...secondary.map((membershipId) => ({ accountId, workspaceId, membershipId, isPrimary: false })),
    ];
    if (rows.length) await manager.insert(AccountOwner, rows);
  }

  private async assertExternalIdFree(manager: EntityManager, workspaceId: string, externalId: string | null, selfId: string | null): Promise<void> {
    if (!externalId) return;
    const clash = await manager.findOne(Account, { where: { workspaceId, externalId }, select: { id: true } });
    if (clash && clash.id !== selfId) {
      throw BadUserInputError.field('input.externalId', 'is already used by another account of this workspace', ErrorReason.EXTERNAL_ID_TAKEN);
    }
  }
}
