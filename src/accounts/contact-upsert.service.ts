import { In, type DataSource, type EntityManager } from 'typeorm';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
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
      const existing = valid.length
        ? await manager.find(Contact, { where: { workspaceId: principal.workspaceId, externalId: In(valid.map((row) => row.externalId)) } })
        : [];
      const existingByExternalId = new Map(existing.map((contact) => [contact.externalId as string, contact]));
      const visibleContacts = await this.visibleContactIds(manager, principal, existing.map((c) => c.id));
      const accounts = await this.resolveAccounts(manager, principal, valid);
      const activeOwners = await this.members.activeMemberIds(principal.workspaceId, valid.map((row) => row.ownerId));

      const actor = actorRefOf(principal);
      const defaultOwner = principal.kind === 'member' ? principal.membershipId : null;
      const toCreate: { row: ValidRow; contact: Contact }[] = [];
      const toUpdate: { row: ValidRow; contact: Contact; changes: ReturnType<typeof diffFields> }[] = [];
      for (const row of valid) {
        const path = `input.rows.${row.index}`;
        const current = existingByExternalId.get(row.externalId);
        const problems: FieldProblem[] = [];
        if (current && !visibleContacts.has(current.id)) {
          problems.push({ path: `${path}.externalId`, message: 'is already in use' });
        }
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
        const placement: Partial<Contact> = {
          ...(row.account.kind === 'absent' ? {} : { accountId: accountId ?? null }),
          ...(row.ownerId === undefined ? {} : { ownerMembershipId: row.ownerId }),
        };
        if (current) {
          const next: Contact = { ...current, ...row.columns, ...placement };
          const changes = diffFields(trackedViewOf(current), trackedViewOf(next), CONTACT_TRACKED_FIELDS);
          if (!changes.length) results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UNCHANGED, current.id);
          else toUpdate.push({ row, contact: next, changes });
          continue;
        }
        const contact = manager.create(Contact, {
          ...row.columns,
          lastName: row.columns.lastName ?? '',
          emails: row.columns.emails ?? [],
          phones: row.columns.phones ?? [],
          accountId: null,
          ownerMembershipId: defaultOwner,
          ...placement,
          workspaceId: principal.workspaceId,
          createdBy: actor,
          updatedBy: actor,
          archivedBy: { memberId: null, apiKeyId: null },
        });
        contact.searchText = contactSearchText(contact);
        toCreate.push({ row, contact });
      }

      const timelineEntries: NewTimelineEntry[] = [];
      if (toCreate.length) {
        // One multi-row INSERT; a row another request created meanwhile is skipped (reported, not fatal).
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(Contact)
          .values(toCreate.map((row) => row.contact))
          .orIgnore()
          .returning(['id', 'externalId'])
          .execute();
        const createdIds = new Map((inserted.raw as { id: string; external_id: string }[]).map((r) => [r.external_id, r.id]));
        for (const { row, contact } of toCreate) {
          const id = createdIds.get(row.externalId);
          if (!id) {
            results[row.index] = errorResult(row.index, row.externalId, [
              { path: `input.rows.${row.index}.externalId`, message: 'was created concurrently by another request; retry the row' },
            ]);
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
      }
      if (toUpdate.length) {
        await this.updateAll(manager, principal, toUpdate.map(({ contact }) => contact));
        for (const { row, contact, changes } of toUpdate) {
          const before = existingByExternalId.get(row.externalId);
          results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UPDATED, contact.id);
          timelineEntries.push({
            kind: 'CONTACT_UPDATED',
            recordType: RecordType.CONTACT,
            recordId: contact.id,
            accountId: contact.accountId ?? before?.accountId ?? null,
            changes,
          });
        }
      }
      await this.timeline.record(manager, principal, timelineEntries);
    });
    return results;
  }

  /** One UPDATE for every changed row, driven by a JSON recordset. */
  private async updateAll(manager: EntityManager, principal: Principal, contacts: Contact[]): Promise<void> {
    const actor = actorRefOf(principal);
    const payload = contacts.map((contact) => ({
      id: contact.id,
      account_id: contact.accountId,
      first_name: contact.firstName,
      last_name: contact.lastName,
      position: contact.position,
      emails: contact.emails,
      phones: contact.phones,
      notes: contact.notes,
      owner_membership_id: contact.ownerMembershipId,
      search_text: contactSearchText(contact),
    }));
    await manager.query(
      `UPDATE contacts c SET
         account_id = v.account_id, first_name = v.first_name, last_name = v.last_name, position = v.position,
         emails = v.emails, phones = v.phones, notes = v.notes, owner_membership_id = v.owner_membership_id,
         search_text = v.search_text, version = c.version + 1, updated_at = now(),
         updated_by_member_id = $3, updated_by_api_key_id = $4
       FROM jsonb_to_recordset($1::jsonb) AS v(
         id uuid, account_id uuid, first_name text, last_name text, position text, emails text[], phones text[],
         notes text, owner_membership_id uuid, search_text text)
       WHERE c.id = v.id AND c.workspace_id = $2`,
      [JSON.stringify(payload), principal.workspaceId, actor.memberId, actor.apiKeyId],
    );
    await this.contacts.anchorsChanged(manager, principal, contacts);
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
