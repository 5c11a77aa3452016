import type { DataSource, EntityManager } from 'typeorm';
import type { EventBus } from '../../platform/events/event-bus';
import { leadImportChangedTopic } from './lead-import.topic';
import type { MembersService } from '../../identity/members.service';
import type { WorkspacesService } from '../../identity/workspaces.service';
import type { Principal } from '../../platform/auth/principal';
import type { AccessScope, Role } from '../../platform/auth/roles';
import type { ParsedRow, UpsertRowResult } from '../../platform/bulk/upsert-rows';
import { inWorkspace } from '../../platform/data/workspace-rows';
import type { Logger } from '../../platform/logging/logger';
import type { DuplicatesService } from '../duplicates.service';
import { createLeadSchemaFor } from '../lead.schemas';
import type { ImportedLeadRow, LeadUpsertService } from '../lead-upsert.service';
import type { LeadsService } from '../leads.service';
import { SearchableType } from '../../search/search.types';
import { ImportFileError, readableOf, rowsOf, type FileFacts } from './import-file';
import { columnLabel, rowInput } from './import-mapping';
import { DuplicatePolicy, LeadImport, LeadImportFile, LeadImportRowOutcome, LeadImportStatus, type LeadImportOptions } from './lead-import.entity';
import type { LeadImportsService } from './lead-imports.service';

interface DataRow {
  rowNumber: number;
  cells: string[];
}

interface RowResult {
  rowNumber: number;
  outcome: LeadImportRowOutcome;
  message: string | null;
  leadId: string | null;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Tests: called after each committed batch (1-based); throwing simulates a crash right after a checkpoint. */
  afterBatch?: (batch: number) => void;
}

const rowSchemaFor = (defaultCountry: string | null) => createLeadSchemaFor(defaultCountry);

/**
 * The job of a lead import. It reads the stored file twice, streaming: first to check it can be read to the end
 * (a malformed CSV or workbook fails the import before any lead is written), then row by row in batches of
 * `batchRows`. Each batch is one transaction: its leads (through the lead upsert engine, so createLead's rules,
 * routing and timeline apply), its row results, the counters and the checkpoint (`rows_read`). A run that stops
 * for any reason resumes after the last committed batch, and never writes a row twice.
 */
export class LeadImportRunner {
  constructor(
    private readonly db: DataSource,
    private readonly imports: LeadImportsService,
    private readonly leads: LeadsService,
    private readonly upserts: LeadUpsertService,
    private readonly duplicates: DuplicatesService,
    private readonly workspaces: WorkspacesService,
    private readonly members: MembersService,
    private readonly batchRows: number,
    private readonly logger: Logger,
    private readonly events?: EventBus,
  ) {}

  /** Tells `leadImportProgress` subscribers (every instance) that the import changed, when `manager`'s transaction commits. */
  private async announce(manager: EntityManager, leadImport: LeadImport): Promise<void> {
    await this.events?.publish(manager, leadImportChangedTopic, { workspaceId: leadImport.workspaceId, importIds: [leadImport.id] });
  }

  async run(workspaceId: string, importId: string, options: RunOptions = {}): Promise<void> {
    const tenant = { workspaceId };
    const leadImport = await inWorkspace(this.db.manager, tenant).findOne(LeadImport, { where: { id: importId } });
    if (!leadImport || leadImport.status === LeadImportStatus.DONE || leadImport.status === LeadImportStatus.FAILED) return;
    const principal = await this.importerOf(leadImport);
    if (!principal) return this.finish(leadImport, LeadImportStatus.FAILED, 'the member who started the import is no longer active');
    await this.db.transaction(async (manager) => {
      await manager.query(`UPDATE lead_imports SET status = 'RUNNING', started_at = COALESCE(started_at, now()) WHERE id = $1 AND workspace_id = $2`, [importId, workspaceId]);
      await this.announce(manager, leadImport);
    });
    const file = await inWorkspace(this.db.manager, tenant).findOneOrFail(LeadImportFile, { where: { id: leadImport.fileId } });
    const facts: FileFacts = { format: leadImport.format, encoding: leadImport.encoding, delimiter: leadImport.delimiter };

    if (leadImport.rowsTotal === null) {
      try {
        let total = 0;
        for await (const row of this.dataRows(file, facts)) total = row.rowNumber;
        await this.db.query(`UPDATE lead_imports SET rows_total = $3 WHERE id = $1 AND workspace_id = $2`, [importId, workspaceId, total]);
      } catch (error) {
        if (error instanceof ImportFileError) return this.finish(leadImport, LeadImportStatus.FAILED, error.message);
        throw error;
      }
    }

    const defaultCountry = (await this.workspaces.current(principal)).defaultCountry;
    const schema = rowSchemaFor(defaultCountry);
    let batch: DataRow[] = [];
    let batches = 0;
    const commit = async () => {
      options.signal?.throwIfAborted();
      await this.db.transaction((manager) => this.writeBatch(manager, principal, leadImport, batch, schema));
      batch = [];
      batches += 1; // not inside the optional call below: `?.` would skip the increment when there is no hook
      options.afterBatch?.(batches);
      // A large import grows the leads table faster than autovacuum re-analyzes it: with stale statistics the planner
      // scans the table for each batch's duplicate check instead of using the emails/phones GIN indexes. Refreshed
      // after batches 1, 2, 4, 8… (a sample, cheap), so the plans follow the growth.
      if ((batches & (batches - 1)) === 0 && batches >= 4) await this.db.query('ANALYZE leads');
    };
    for await (const row of this.dataRows(file, facts)) {
      if (row.rowNumber <= leadImport.rowsRead) continue; // committed by an earlier run
      batch.push(row);
      if (batch.length >= this.batchRows) await commit();
    }
    if (batch.length) await commit();
    await this.finish(leadImport, LeadImportStatus.DONE, null);
  }

  /** The data rows (after the header), numbered from 1; blank rows are left out and not numbered. */
  private async *dataRows(file: LeadImportFile, facts: FileFacts): AsyncGenerator<DataRow> {
    let header = true;
    let rowNumber = 0;
    for await (const cells of rowsOf(readableOf(this.imports.chunks(this.db.manager, file)), facts)) {
      if (header) {
        header = false;
        continue;
      }
      if (!cells.some((cell) => cell !== '')) continue;
      yield { rowNumber: ++rowNumber, cells };
    }
  }

  private async writeBatch(
    manager: EntityManager,
    principal: Principal,
    leadImport: LeadImport,
    batch: DataRow[],
    schema: ReturnType<typeof rowSchemaFor>,
  ): Promise<void> {
    // The checkpoint, locked: a second runner of the same import waits here, then finds the batch done.
    const [{ rows_read: committed }]: { rows_read: number }[] = await manager.query(
      `SELECT rows_read FROM lead_imports WHERE id = $1 AND workspace_id = $2 FOR UPDATE`,
      [leadImport.id, leadImport.workspaceId],
    );
    const rows = batch.filter((row) => row.rowNumber > committed);
    if (!rows.length) return;
    const options = leadImport.options;
    const importSourceId = options.defaults.sourceId ? null : ((await this.leads.sources.byCode(manager, principal, 'IMPORT'))?.id ?? null);
    const results: RowResult[] = [];
    const parsed: { row: DataRow; data: ImportedLeadRow }[] = [];
    for (const row of rows) {
      const input = rowInput(leadImport.columns, row.cells, options);
      const outcome = schema.safeParse({
        ...input,
        sourceId: options.defaults.sourceId ?? importSourceId ?? undefined,
        assigneeId: options.defaults.assigneeId ?? undefined,
        teamId: options.defaults.teamId ?? undefined,
      });
      if (outcome.success) parsed.push({ row, data: outcome.data as ImportedLeadRow });
      else {
        const message = outcome.error.issues.map((issue) => `${columnLabel(options, issue.path.map(String).join('.'))} ${issue.message}`).join('; ');
        results.push({ rowNumber: row.rowNumber, outcome: LeadImportRowOutcome.FAILED, message, leadId: null });
      }
    }
    let pending = parsed;
    while (pending.length) {
      const { now, later } = splitCollisions(pending, options.duplicatePolicy);
      results.push(...(await this.writeRound(manager, principal, options, now)));
      pending = later;
    }
    await this.record(manager, leadImport, rows[rows.length - 1].rowNumber, results);
    await this.announce(manager, leadImport);
  }

  /** Rows without keys in common: duplicate checks, then one upsert for those to write. */
  private async writeRound(manager: EntityManager, principal: Principal, options: LeadImportOptions, rows: { row: DataRow; data: ImportedLeadRow }[]): Promise<RowResult[]> {
    const results: RowResult[] = [];
    const toWrite: ParsedRow<ImportedLeadRow>[] = [];
    const byIndex: DataRow[] = [];
    const policy = options.duplicatePolicy;
    const existingByKey = policy === DuplicatePolicy.SKIP ? await this.existingExternalIds(manager, principal, rows) : new Map<string, string>();
    const probed = policy === DuplicatePolicy.CREATE_ANYWAY ? [] : rows.filter(({ data }) => data.emails?.length || data.phones?.length);
    const found = probed.length
      ? await this.duplicates.candidates(
          principal,
          probed.map(({ data }) => ({ emails: data.emails ?? [], phones: data.phones ?? [], taxId: null, names: [], excludeLeadId: null })),
          5,
          manager,
          { exactOnly: true },
        )
      : [];
    const candidatesOf = new Map(probed.map((entry, i) => [entry, found[i]]));
    for (const entry of rows) {
      const { row, data } = entry;
      const externalId = data.externalId ?? null;
      const sameKey = externalId ? existingByKey.get(externalId) : undefined;
      if (sameKey) {
        results.push({ rowNumber: row.rowNumber, outcome: LeadImportRowOutcome.SKIPPED, message: `duplicates lead ${sameKey} (same externalId)`, leadId: sameKey });
        continue;
      }
      const candidates = candidatesOf.get(entry) ?? [];
      const lead = candidates.find((candidate) => candidate.type === SearchableType.LEAD);
      let recordId: string | undefined;
      if (candidates.length && policy === DuplicatePolicy.SKIP) {
        const first = candidates[0];
        const on = first.matchedOn.map((field) => field.toLowerCase()).join(', ');
        results.push({
          rowNumber: row.rowNumber,
          outcome: LeadImportRowOutcome.SKIPPED,
          message: `duplicates ${first.type.toLowerCase()} ${first.id} (same ${on})`,
          leadId: first.type === SearchableType.LEAD ? first.id : null,
        });
        continue;
      }
      if (policy === DuplicatePolicy.UPDATE && candidates.length && !externalId) {
        if (!lead) {
          const first = candidates[0];
          results.push({
            rowNumber: row.rowNumber,
            outcome: LeadImportRowOutcome.SKIPPED,
            message: `duplicates ${first.type.toLowerCase()} ${first.id}; UPDATE changes leads only`,
            leadId: null,
          });
          continue;
        }
        recordId = lead.id;
      }
      byIndex.push(row);
      toWrite.push({ index: toWrite.length, externalId, ...(recordId ? { recordId } : {}), data: recordId ? withoutRouting(data) : data });
    }
    const written: UpsertRowResult[] = toWrite.length ? await this.upserts.upsertWithin(manager, principal, toWrite) : [];
    written.forEach((result, i) => {
      const row = byIndex[i];
      const outcome =
        result.status === 'CREATED'
          ? LeadImportRowOutcome.CREATED
          : result.status === 'UPDATED'
            ? LeadImportRowOutcome.UPDATED
            : result.status === 'UNCHANGED'
              ? LeadImportRowOutcome.UNCHANGED
              : LeadImportRowOutcome.FAILED;
      const message = result.message?.replace(/input\.rows\.\d+\.([\w.]+)/g, (_all, path: string) => columnLabel(options, path)) ?? null;
      results.push({ rowNumber: row.rowNumber, outcome, message, leadId: result.id });
    });
    return results;
  }

  /** Leads of the workspace holding these rows' externalIds (SKIP: a row naming one is a duplicate). */
  private async existingExternalIds(manager: EntityManager, principal: Principal, rows: { data: ImportedLeadRow }[]): Promise<Map<string, string>> {
    const keys = rows.flatMap(({ data }) => (data.externalId ? [data.externalId] : []));
    if (!keys.length) return new Map();
    const found = await this.leads.visible(principal, manager).select(['l.id', 'l.externalId']).andWhere('l.external_id IN (:...importKeys)', { importKeys: keys }).getMany();
    return new Map(found.map((lead) => [lead.externalId as string, lead.id]));
  }

  /** Results, counters and checkpoint, with the batch's leads (same transaction). */
  private async record(manager: EntityManager, leadImport: LeadImport, lastRow: number, results: RowResult[]): Promise<void> {
    await manager.query(
      `INSERT INTO lead_import_rows (import_id, row_number, workspace_id, outcome, message, lead_id)
       SELECT $1, r.n, $2, r.o, r.m, r.l FROM jsonb_to_recordset($3::jsonb) AS r(n int, o text, m text, l uuid)`,
      [leadImport.id, leadImport.workspaceId, JSON.stringify(results.map((r) => ({ n: r.rowNumber, o: r.outcome, m: r.message, l: r.leadId })))],
    );
    const count = (...outcomes: LeadImportRowOutcome[]) => results.filter((r) => outcomes.includes(r.outcome)).length;
    await manager.query(
      `UPDATE lead_imports SET rows_read = $3, created_count = created_count + $4, updated_count = updated_count + $5,
              skipped_count = skipped_count + $6, failed_count = failed_count + $7
        WHERE id = $1 AND workspace_id = $2`,
      [
        leadImport.id,
        leadImport.workspaceId,
        lastRow,
        count(LeadImportRowOutcome.CREATED),
        count(LeadImportRowOutcome.UPDATED, LeadImportRowOutcome.UNCHANGED),
        count(LeadImportRowOutcome.SKIPPED),
        count(LeadImportRowOutcome.FAILED),
      ],
    );
  }

  private async finish(leadImport: LeadImport, status: LeadImportStatus, error: string | null): Promise<void> {
    if (error) this.logger.warn({ importId: leadImport.id, error }, 'lead import failed');
    await this.db.transaction(async (manager) => {
      await manager.query(`UPDATE lead_imports SET status = $3, error = $4, finished_at = now() WHERE id = $1 AND workspace_id = $2`, [
        leadImport.id,
        leadImport.workspaceId,
        status,
        error,
      ]);
      await this.announce(manager, leadImport);
    });
  }

  /** The importer as a principal, as when they started it; null when the member is no longer active. */
  private async importerOf(leadImport: LeadImport): Promise<Principal | null> {
    const who = leadImport.importer;
    if (who.kind === 'apiKey') return { kind: 'apiKey', workspaceId: leadImport.workspaceId, apiKeyId: who.apiKeyId ?? null, scopes: new Set(who.scopes ?? []) };
    const active = await this.members.activeMemberIds(leadImport.workspaceId, [who.membershipId]);
    if (!active.has(who.membershipId as string)) return null;
    return {
      kind: 'member',
      workspaceId: leadImport.workspaceId,
      membershipId: who.membershipId as string,
      userId: who.userId as string,
      role: who.role as Role,
      accessScope: who.accessScope as AccessScope,
    };
  }
}

/** An update of a duplicate keeps its source, assignee and team: only the file's fields are applied. */
function withoutRouting(data: ImportedLeadRow): ImportedLeadRow {
  const { sourceId: _source, assigneeId: _assignee, teamId: _team, ...fields } = data as ImportedLeadRow & { assigneeId?: unknown; teamId?: unknown };
  return fields as ImportedLeadRow;
}

/**
 * Splits rows into those that can be written together and those sharing a key (externalId, and for duplicate
 * checks an email or phone) with an earlier row: they go to the next round, which sees the earlier row written.
 */
function splitCollisions<T extends { data: ImportedLeadRow }>(rows: T[], policy: DuplicatePolicy): { now: T[]; later: T[] } {
  const seen = new Set<string>();
  const now: T[] = [];
  const later: T[] = [];
  for (const entry of rows) {
    const { data } = entry;
    const keys = [
      ...(data.externalId ? [`x:${data.externalId}`] : []),
      ...(policy === DuplicatePolicy.CREATE_ANYWAY ? [] : [...(data.emails ?? []).map((e) => `e:${e}`), ...(data.phones ?? []).map((p) => `p:${p}`)]),
    ];
    if (keys.some((key) => seen.has(key))) later.push(entry);
    else now.push(entry);
    // Keys of deferred rows count too, so a third row with the same key waits for the second.
    keys.forEach((key) => seen.add(key));
  }
  return { now, later };
}
