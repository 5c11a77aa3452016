import { isDeepStrictEqual } from 'node:util';
import type { DataSource, EntityManager } from 'typeorm';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { columnOf, updateChangedColumns, type ChangedRow } from '../platform/bulk/update-changed';
import { errorResult, okResult, parseUpsertRows, UpsertStatus, type UpsertRowResult } from '../platform/bulk/upsert-rows';
import type { FieldProblem } from '../platform/errors/errors';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { NewTimelineEntry, TimelineService } from '../platform/timeline/timeline.service';
import type { AccountsService } from './accounts.service';
import { Contact } from './contact.entity';
import {
  CONTACT_TRACKED_FIELDS,
  contactColumnsOf,
  contactDisplayName,
  contactSearchText,
  trackedViewOf,
  upsertContactRowSchemaFor,
  type ContactColumns,
} from './contact.schemas';
import type { ContactsService } from './contacts.service';

/** How a row names its account: untouched (absent), detached (null), by id or by externalId. */
type AccountRef = { kind: 'absent' } | { kind: 'none' } | { kind: 'id'; value: string } | { kind: 'externalId'; value: string };

interface ValidRow {
  index: number;
  externalId: string;
  columns: ContactColumns & { externalId: string };
  account: AccountRef;
  ownerId: string | null | undefined;
}

/** A valid row whose account and owner references resolved: where the contact goes (absent keys: unchanged). */
interface PlacedRow extends ValidRow {
  placement: Partial<Pick<Contact, 'accountId' | 'ownerMembershipId'>>;
}

/** What an upsert may change on an existing contact (search_text follows them). */
const UPDATABLE_PROPERTIES = ['accountId', 'firstName', 'lastName', 'position', 'emails', 'phones', 'notes', 'ownerMembershipId'] as const satisfies readonly (keyof Contact)[];
const UPDATABLE_COLUMNS = [...UPDATABLE_PROPERTIES.map(columnOf), 'search_text'];

function accountRefOf(row: { accountId?: string | null; accountExternalId?: string | null }): AccountRef {
  if (row.accountId) return { kind: 'id', value: row.accountId };
  if (row.accountExternalId) return { kind: 'externalId', value: row.accountExternalId };
  if (row.accountId === null || row.accountExternalId === null) return { kind: 'none' };
  return { kind: 'absent' };
}

/**
 * Bulk upsert of contacts by externalId: every row gets a result, valid rows are written even when others
 * fail, and the work is set-based (a fixed number of statements whatever the number of rows). Accounts are
 * named by id or externalId and must be in the caller's portfolio.
 */
export class ContactUpsertService {
  constructor(
    private readonly db: DataSource,
    private readonly contacts: ContactsService,
    private readonly accounts: AccountsService,
    private readonly timeline: TimelineService,
    private readonly members: MembersService,
    private readonly workspaces: WorkspacesService,
  ) {}

  async upsert(principal: Principal, rows: unknown[]): Promise<UpsertRowResult[]> {
    const workspace = await this.workspaces.current(principal);
    const parsed = parseUpsertRows(rows, upsertContactRowSchemaFor(workspace.defaultCountry));
    const results = parsed.results;
    const valid: ValidRow[] = parsed.valid.map(({ index, externalId, data }) => ({
      index,
      externalId,
      columns: { ...contactColumnsOf(data), externalId },
      account: accountRefOf(data),
      ownerId: data.ownerId,
    }));

    await this.db.transaction(async (manager) => {
      const accounts = await this.resolveAccounts(manager, principal, valid);
      const activeOwners = await this.members.activeMemberIds(principal.workspaceId, valid.map((row) => row.ownerId));
      const placed: PlacedRow[] = [];
      for (const row of valid) {
        const path = `input.rows.${row.index}`;
        const problems: FieldProblem[] = [];
        const accountId =
          row.account.kind === 'id'
            ? accounts.byId.has(row.account.value) ? row.account.value : undefined
            : row.account.kind === 'externalId' ? accounts.byExternalId.get(row.account.value) : null;
        if (row.account.kind === 'id' && !accountId) problems.push({ path: `${path}.accountId`, message: 'is not an account in your portfolio' });
        if (row.account.kind === 'externalId' && !accountId) {
          problems.push({ path: `${path}.accountExternalId`, message: 'is not the externalId of an account in your portfolio' });
        }
        if (row.ownerId && !activeOwners.has(row.ownerId)) problems.push({ path: `${path}.ownerId`, message: 'is not an active member of this workspace' });
        if (problems.length) {
          results[row.index] = errorResult(row.index, row.externalId, problems);
          continue;
        }
        placed.push({
          ...row,
          placement: {
            ...(row.account.kind === 'absent' ? {} : { accountId: accountId ?? null }),
            ...(row.ownerId === undefined ? {} : { ownerMembershipId: row.ownerId }),
          },
        });
      }

      const timelineEntries: NewTimelineEntry[] = [];
      const missing = await this.applyToExisting(manager, principal, placed, results, timelineEntries);
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
   * Rows whose externalId exists: locks those contacts FOR UPDATE, compares each row with the locked contact and
   * writes only the changed columns (one UPDATE for all). Returns the rows with no contact yet.
   */
  private async applyToExisting(
    manager: EntityManager,
    principal: Principal,
    rows: PlacedRow[],
    results: UpsertRowResult[],
    timelineEntries: NewTimelineEntry[],
  ): Promise<PlacedRow[]> {
    if (!rows.length) return [];
    const existing = await manager
      .getRepository(Contact)
      .createQueryBuilder('c')
      .where('c.workspace_id = :workspaceId', { workspaceId: principal.workspaceId })
      .andWhere('c.external_id IN (:...externalIds)', { externalIds: rows.map((row) => row.externalId) })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
    const byExternalId = new Map(existing.map((contact) => [contact.externalId as string, contact]));
    const visible = await this.visibleContactIds(manager, principal, existing.map((c) => c.id));
    const updates: ChangedRow[] = [];
    const moved: Contact[] = [];
    const missing: PlacedRow[] = [];
    for (const row of rows) {
      const current = byExternalId.get(row.externalId);
      if (!current) {
        missing.push(row);
        continue;
      }
      if (!visible.has(current.id)) {
        results[row.index] = errorResult(row.index, row.externalId, [
          { path: `input.rows.${row.index}.externalId`, message: 'is already in use' },
        ]);
        continue;
      }
      const next: Contact = { ...current, ...row.columns, ...row.placement };
      const changes = diffFields(trackedViewOf(current), trackedViewOf(next), CONTACT_TRACKED_FIELDS);
      if (!changes.length) {
        results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UNCHANGED, current.id);
        continue;
      }
      const changed: Record<string, unknown> = {};
      for (const property of UPDATABLE_PROPERTIES) {
        if (!isDeepStrictEqual(current[property], next[property])) changed[columnOf(property)] = next[property];
      }
      const searchText = contactSearchText(next);
      if (searchText !== current.searchText) changed.search_text = searchText;
      updates.push({ id: current.id, changed });
      if (current.accountId !== next.accountId || current.ownerMembershipId !== next.ownerMembershipId) moved.push(next);
      results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UPDATED, current.id);
      timelineEntries.push({
        kind: 'CONTACT_UPDATED',
        recordType: RecordType.CONTACT,
        recordId: current.id,
        // Anchored to the account it is in now (or the one it left, so that account's history shows it).
        accountId: next.accountId ?? current.accountId,
        changes,
      });
    }
    await updateChangedColumns(
      manager,
      { table: 'contacts', workspaceId: principal.workspaceId, columns: UPDATABLE_COLUMNS, actor: actorRefOf(principal) },
      updates,
    );
    await this.contacts.anchorsChanged(manager, principal, moved);
    return missing;
  }

  /** Inserts the rows with no contact yet (one multi-row INSERT); returns those another request created first. */
  private async createMissing(
    manager: EntityManager,
    principal: Principal,
    rows: PlacedRow[],
    results: UpsertRowResult[],
    timelineEntries: NewTimelineEntry[],
  ): Promise<PlacedRow[]> {
    if (!rows.length) return [];
    const actor = actorRefOf(principal);
    const defaultOwner = principal.kind === 'member' ? principal.membershipId : null;
    const toCreate = rows.map((row) => {
      const contact = manager.create(Contact, {
        ...row.columns,
        lastName: row.columns.lastName ?? '',
        emails: row.columns.emails ?? [],
        phones: row.columns.phones ?? [],
        accountId: null,
        ownerMembershipId: defaultOwner,
        ...row.placement,
        workspaceId: principal.workspaceId,
        createdBy: actor,
        updatedBy: actor,
        archivedBy: { memberId: null, apiKeyId: null },
      });
      contact.searchText = contactSearchText(contact);
      return { row, contact };
    });
    // A row another request is creating meanwhile is skipped (ON CONFLICT waits for that request to finish).
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Contact)
      .values(toCreate.map((row) => row.contact))
      .orIgnore()
      .returning(['id', 'externalId'])
      .execute();
    const createdIds = new Map((inserted.raw as { id: string; external_id: string }[]).map((r) => [r.external_id, r.id]));
    const skipped: PlacedRow[] = [];
    for (const { row, contact } of toCreate) {
      const id = createdIds.get(row.externalId);
      if (!id) {
        skipped.push(row);
        continue;
      }
      results[row.index] = okResult(row.index, row.externalId, UpsertStatus.CREATED, id);
      timelineEntries.push({
        kind: 'CONTACT_CREATED',
        recordType: RecordType.CONTACT,
        recordId: id,
        accountId: contact.accountId,
        data: { name: contactDisplayName(contact), via: 'upsert' },
      });
    }
    return skipped;
  }

  private async visibleContactIds(manager: EntityManager, principal: Principal, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.contacts.visible(principal, manager).select('c.id', 'id').andWhere('c.id IN (:...ids)', { ids }).getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  /** Account references (ids and externalIds) → accounts in the caller's portfolio; one query. */
  private async resolveAccounts(
    manager: EntityManager,
    principal: Principal,
    rows: ValidRow[],
  ): Promise<{ byId: Set<string>; byExternalId: Map<string, string> }> {
    const ids = [...new Set(rows.flatMap((row) => (row.account.kind === 'id' ? [row.account.value] : [])))];
    const externalIds = [...new Set(rows.flatMap((row) => (row.account.kind === 'externalId' ? [row.account.value] : [])))];
    const byId = new Set<string>();
    const byExternalId = new Map<string, string>();
    if (!ids.length && !externalIds.length) return { byId, byExternalId };
    const found = await this.accounts
      .visible(principal, manager)
      .select('a.id', 'id')
      .addSelect('a.external_id', 'externalId')
      .andWhere('(a.id IN (:...refIds) OR a.external_id IN (:...refExternalIds))', {
        refIds: ids.length ? ids : ['00000000-0000-0000-0000-000000000000'],
        refExternalIds: externalIds.length ? externalIds : [''],
      })
      .getRawMany<{ id: string; externalId: string | null }>();
    const wantedIds = new Set(ids);
    const wantedExternal = new Set(externalIds);
    for (const account of found) {
      if (wantedIds.has(account.id)) byId.add(account.id);
      if (account.externalId && wantedExternal.has(account.externalId)) byExternalId.set(account.externalId, account.id);
    }
    return { byId, byExternalId };
  }
}
