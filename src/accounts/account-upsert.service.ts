import { In, type DataSource } from 'typeorm';
import type { MembersService } from '../identity/members.service';
import type { WorkspacesService } from '../identity/workspaces.service';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
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


/**
 * Bulk upsert of accounts by externalId: every row gets a result, valid rows are written even when others fail,
 * and the work is set-based (a fixed number of statements whatever the number of rows).
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
      const externalIds = valid.map((row) => row.externalId);
      const existing = externalIds.length
        ? await manager.find(Account, { where: { workspaceId: principal.workspaceId, externalId: In(externalIds) } })
        : [];
      const existingByExternalId = new Map(existing.map((account) => [account.externalId as string, account]));
      const visible = await this.accounts.visibleIds(principal, existing.map((a) => a.id), manager);
      const activeOwners = await this.members.activeMemberIds(principal.workspaceId, valid.map((row) => row.primaryOwnerId));

      const actor = actorRefOf(principal);
      const toCreate: (ValidRow & { account: Account })[] = [];
      const toUpdate: { row: ValidRow; account: Account; changes: ReturnType<typeof diffFields> }[] = [];
      for (const row of valid) {
        const current = existingByExternalId.get(row.externalId);
        if (current && !visible.has(current.id)) {
          results[row.index] = errorResult(row.index, row.externalId, [
            { path: `input.rows.${row.index}.externalId`, message: 'is already in use' },
          ]);
        } else if (current) {
          const next = { ...current, ...row.columns };
          const changes = diffFields(current, next, ACCOUNT_TRACKED_FIELDS);
          if (!changes.length) {
            results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UNCHANGED, current.id);
          } else {
            toUpdate.push({ row, account: Object.assign(current, row.columns), changes });
          }
        } else if (row.primaryOwnerId && !activeOwners.has(row.primaryOwnerId)) {
          results[row.index] = errorResult(row.index, row.externalId, [
            { path: `input.rows.${row.index}.primaryOwnerId`, message: 'is not an active member of this workspace' },
          ]);
        } else {
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
      }

      const timelineEntries: NewTimelineEntry[] = [];
      if (toCreate.length) {
        // One multi-row INSERT; a row another request created meanwhile is skipped (reported, not fatal).
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(Account)
          .values(toCreate.map((row) => row.account))
          .orIgnore()
          .returning(['id', 'externalId'])
          .execute();
        const createdIds = new Map(
          (inserted.raw as { id: string; external_id: string }[]).map((r) => [r.external_id, r.id]),
        );
        const owners: Partial<AccountOwner>[] = [];
        for (const row of toCreate) {
          const id = createdIds.get(row.externalId);
          if (!id) {
            results[row.index] = errorResult(row.index, row.externalId, [
              { path: `input.rows.${row.index}.externalId`, message: 'was created concurrently by another request; retry the row' },
            ]);
            continue;
          }
          results[row.index] = okResult(row.index, row.externalId, UpsertStatus.CREATED, id);
          const owner = row.primaryOwnerId ?? (principal.kind === 'member' ? principal.membershipId : null);
          if (owner) owners.push({ accountId: id, membershipId: owner, workspaceId: principal.workspaceId, isPrimary: true });
          timelineEntries.push({ kind: 'ACCOUNT_CREATED', recordType: RecordType.ACCOUNT, recordId: id, accountId: id, data: { name: row.account.name, via: 'upsert' } });
        }
        if (owners.length) await manager.insert(AccountOwner, owners);
      }
      if (toUpdate.length) {
        const payload = toUpdate.map(({ account }) => ({
          id: account.id,
          name: account.name,
          legal_name: account.legalName,
          tax_id: account.taxId,
          type: account.type,
          emails: account.emails,
          phones: account.phones,
          website: account.website,
          industry: account.industry,
          billing_address: account.billingAddress,
          shipping_address: account.shippingAddress,
          notes: account.notes,
          search_text: accountSearchText(account),
        }));
        // One UPDATE for every changed row, driven by a JSON recordset.
        await manager.query(
          `UPDATE accounts a SET
             name = v.name, legal_name = v.legal_name, tax_id = v.tax_id, type = v.type, emails = v.emails,
             phones = v.phones, website = v.website, industry = v.industry, billing_address = v.billing_address,
             shipping_address = v.shipping_address, notes = v.notes, search_text = v.search_text,
             version = a.version + 1, updated_at = now(), updated_by_member_id = $3, updated_by_api_key_id = $4
           FROM jsonb_to_recordset($1::jsonb) AS v(
             id uuid, name text, legal_name text, tax_id text, type varchar, emails text[], phones text[], website text,
             industry text, billing_address jsonb, shipping_address jsonb, notes text, search_text text)
           WHERE a.id = v.id AND a.workspace_id = $2`,
          [JSON.stringify(payload), principal.workspaceId, actor.memberId, actor.apiKeyId],
        );
        for (const { row, account, changes } of toUpdate) {
          results[row.index] = okResult(row.index, row.externalId, UpsertStatus.UPDATED, account.id);
          timelineEntries.push({ kind: 'ACCOUNT_UPDATED', recordType: RecordType.ACCOUNT, recordId: account.id, accountId: account.id, changes });
        }
      }
      await this.timeline.record(manager, principal, timelineEntries);
    });
    return results;
  }
}
