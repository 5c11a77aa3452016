import type { DataSource, EntityManager } from 'typeorm';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { columnOf, updateChangedColumns, type ChangedRow } from '../platform/bulk/update-changed';
import { errorResult, okResult, parseUpsertRows, UpsertStatus, type UpsertRowResult } from '../platform/bulk/upsert-rows';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { NewTimelineEntry, TimelineService } from '../platform/timeline/timeline.service';
import { AccountOwner } from './account-owner.entity';
import { ACCOUNT_TRACKED_FIELDS, accountColumnsOf, accountSearchText, type AccountColumns } from './account-validation';
import { Account } from './account.entity';
import { upsertAccountRowSchemaFor } from './account.schemas';
import type { AccountsService } from './accounts.service';

interface ValidRow {
  index: number;
  externalId: string;
  columns: AccountColumns & { externalId: string };
  primaryOwnerId: string | null;
}

/** The columns an upsert may change (search_text follows the others). */
const UPDATABLE_COLUMNS = [...ACCOUNT_TRACKED_FIELDS.filter((field) => field !== 'externalId').map(columnOf), 'search_text'];

/**
 * Bulk upsert of accounts by externalId: every row gets a result, valid rows are written even when others fail,
 * and the work is set-based (a fixed number of statements whatever the number of rows). Existing rows are
 * locked FOR UPDATE inside the transaction and only their changed columns are written, so racing upserts and
 * edits serialize instead of losing changes.
 */
export class AccountUpsertService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly timeline: TimelineService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
  ) {}

  async upsert(principal: Principal, rows: unknown[]): Promise<UpsertRowResult[]> {
    const workspace = await this.workspaces.current(principal);
    const parsed = parseUpsertRows(rows, upsertAccountRowSchemaFor(workspace.defaultCountry));
    const results = parsed.results;
    const valid: ValidRow[] = parsed.valid.map(({ index, externalId, data }) => ({
      index,
      externalId,
      columns: { ...accountColumnsOf(data), externalId },
      primaryOwnerId: data.primaryOwnerId ?? null,
    }));

    await this.db.transaction(async (manager) => {
      const timelineEntries: NewTimelineEntry[] = [];
      const missing = await this.applyToExisting(manager, principal, valid, results, timelineEntries);
      const skipped = await this.createMissing(manager, principal, missing, results, timelineEntries);
      // Rows another request created meanwhile: INSERT ... ON CONFLICT waited for it to commit; now they are updates.
      const stillMissing = await this.applyToExisting(manager, principal, skipped, results, timelineEntries);
      for (const row of stillMissing) {
        results[row.index] = errorResult(row.index, row.externalId, [
          { path: `input.rows.${row.index}.externalId`, message: 'was changed concurrently by another request; retry the row' },
        ]);
      }
      await this.timeline.record(manager, principal, timelineEntries);
    });
    return results;
  }

  /**
   * Rows whose externalId exists: locks those accounts FOR UPDATE, compares each row with the locked account and
   * writes only the changed columns (one UPDATE for all). Returns the rows with no account yet.
   */
  private async applyToExisting(
    manager: EntityManager,
    principal: Principal,
    rows: ValidRow[],
    results: UpsertRowResult[],
    timelineEntries: NewTimelineEntry[],
  ): Promise<ValidRow[]> {
    if (!rows.length) return [];
    const existing = await manager
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.workspace_id = :workspaceId', { workspaceId: principal.workspaceId })
      .andWhere('a.external_id IN (:...externalIds)', { externalIds: rows.map((row) => row.externalId) })
      .orderBy('a.id')
      .setLock('pessimistic_write')
      .getMany();
    const byExternalId = new Map(existing.map((account) => [account.externalId as string, account]));
    const visible = await this.accounts.visibleIds(principal, existing.map((a) => a.id), manager);
    const updates: ChangedRow[] = [];
    const missing: ValidRow[] = [];
    for (const row of rows) {
      const current = byExternalId.get(row.externalId);
      if (!current) {
        missing.push(row);
      } else if (!visible.has(current.id)) {
        results[row.index] = errorResult(row.index, row.externalId, [
          { path: `input.rows.${row.index}.externalId`, message: 'is already in use' },
        ]);
      } else {
        const next: Account = { ...current, ...row.columns };
        const changes = diffFields(current, next, ACCOUNT_TRACKED_FIELDS);
        if (!changes.length) {
          results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UNCHANGED, current.id);
          continue;
        }
        const changed: Record<string, unknown> = {};
        for (const change of changes) changed[columnOf(change.field)] = next[change.field as keyof AccountColumns];
        const searchText = accountSearchText(next);
        if (searchText !== current.searchText) changed.search_text = searchText;
        updates.push({ id: current.id, changed });
        results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UPDATED, current.id);
        timelineEntries.push({ kind: 'ACCOUNT_UPDATED', recordType: RecordType.ACCOUNT, recordId: current.id, accountId: current.id, changes });
      }
    }
    await updateChangedColumns(
      manager,
      { table: 'accounts', workspaceId: principal.workspaceId, columns: UPDATABLE_COLUMNS, actor: actorRefOf(principal) },
      updates,
    );
    return missing;
  }

  /** Inserts the rows with no account yet (one multi-row INSERT); returns those another request created first. */
  private async createMissing(
    manager: EntityManager,
    principal: Principal,
    rows: ValidRow[],
    results: UpsertRowResult[],
    timelineEntries: NewTimelineEntry[],
  ): Promise<ValidRow[]> {
    if (!rows.length) return [];
    const activeOwners = await this.members.activeMemberIds(principal.workspaceId, rows.map((row) => row.primaryOwnerId));
    const actor = actorRefOf(principal);
    const toCreate: (ValidRow & { account: Account })[] = [];
    for (const row of rows) {
      if (row.primaryOwnerId && !activeOwners.has(row.primaryOwnerId)) {
        results[row.index] = errorResult(row.index, row.externalId, [
          { path: `input.rows.${row.index}.primaryOwnerId`, message: 'is not an active member of this workspace' },
        ]);
        continue;
      }
      const account = manager.create(Account, {
        ...row.columns,
        emails: row.columns.emails ?? [],
        phones: row.columns.phones ?? [],
        workspaceId: principal.workspaceId,
        createdBy: actor,
        updatedBy: actor,
        archivedBy: { memberId: null, apiKeyId: null },
      });
      account.searchText = accountSearchText(account);
      toCreate.push({ ...row, account });
    }
    if (!toCreate.length) return [];
    // A row another request is creating meanwhile is skipped (ON CONFLICT waits for that request to finish).
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Account)
      .values(toCreate.map((row) => row.account))
      .orIgnore()
      .returning(['id', 'externalId'])
      .execute();
    const createdIds = new Map((inserted.raw as { id: string; external_id: string }[]).map((r) => [r.external_id, r.id]));
    const owners: Partial<AccountOwner>[] = [];
    const skipped: ValidRow[] = [];
    for (const row of toCreate) {
      const id = createdIds.get(row.externalId);
      if (!id) {
        skipped.push(row);
        continue;
      }
      results[row.index] = okResult(row.index, row.externalId, UpsertStatus.CREATED, id);
      const owner = row.primaryOwnerId ?? (principal.kind === 'member' ? principal.membershipId : null);
      if (owner) owners.push({ accountId: id, membershipId: owner, workspaceId: principal.workspaceId, isPrimary: true });
      timelineEntries.push({ kind: 'ACCOUNT_CREATED', recordType: RecordType.ACCOUNT, recordId: id, accountId: id, data: { name: row.account.name, via: 'upsert' } });
    }
    if (owners.length) await manager.insert(AccountOwner, owners);
    return skipped;
  }
}
