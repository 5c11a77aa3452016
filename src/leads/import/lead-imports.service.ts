import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { scopeRules } from '../../platform/auth/record-scope';
import { ScopedRecordService } from '../../platform/data/scoped-record-service';
import { inWorkspace } from '../../platform/data/workspace-rows';
import { BadUserInputError, NotFoundError, PayloadTooLargeError } from '../../platform/errors/errors';
import { isUuid } from '../../platform/validation/ids';
import { enqueue } from '../../platform/jobs/task';
import type { ConnectionArgs, ConnectionShape } from '../../platform/pagination/connection';
import { paginate } from '../../platform/pagination/keyset';
import type { LeadsService } from '../leads.service';
import { factsOfHead, readableOf, rowsOf, type FileFacts } from './import-file';
import { checkedOptions, headerProblems } from './import-mapping';
import { LeadImport, LeadImportFile, LeadImportRow, LeadImportStatus, type ImporterSnapshot, type LeadImportOptions } from './lead-import.entity';
import { importLeadsTask } from './lead-import.task';

/** Stored files are cut into chunks of this size (one bytea row each). */
export const IMPORT_CHUNK_BYTES = 1024 * 1024;

/** A stored upload and what its head says. */
export interface StoredFile {
  file: LeadImportFile;
  head: Buffer;
}

/**
 * Lead imports: the file (streamed into PostgreSQL in chunks, so any instance's worker can read it and a crashed
 * job resumes elsewhere), the import record (seen by its importer and MANAGER+: scopeRules.startedBy) and its
 * per-row results. The work itself is the job's (lead-import.runner.ts).
 */
export class LeadImportsService extends ScopedRecordService<LeadImport> {
  constructor(
    db: DataSource,
    private readonly leads: LeadsService,
    readonly maxBytes: number,
  ) {
    super(db, { entity: LeadImport, alias: 'li', scope: scopeRules.startedBy, label: 'Lead import' });
  }

  /** One transaction for an upload and the start of its import (a refused upload leaves nothing). */
  inTransaction<T>(run: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(run);
  }

  /**
   * Streams an upload into chunk rows inside the caller's transaction (at most one chunk in memory); more than
   * maxBytes is PAYLOAD_TOO_LARGE (the transaction then rolls back: nothing stays).
   */
  async storeFile(manager: EntityManager, principal: Principal, fileName: string, content: AsyncIterable<Buffer>): Promise<StoredFile> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO lead_import_files (workspace_id, file_name, size_bytes, chunk_count, created_by_member_id, created_by_api_key_id)
       VALUES ($1, $2, 0, 0, $3, $4) RETURNING id`,
      [principal.workspaceId, fileName, principal.kind === 'member' ? principal.membershipId : null, principal.kind === 'apiKey' ? principal.apiKeyId : null],
    );
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let size = 0;
    let seq = 0;
    let head: Buffer | null = null;
    const flush = async () => {
      if (!pendingBytes) return;
      const chunk = Buffer.concat(pending, pendingBytes);
      head ??= chunk;
      pending = [];
      pendingBytes = 0;
      await manager.query(`INSERT INTO lead_import_file_chunks (file_id, seq, workspace_id, data) VALUES ($1, $2, $3, $4)`, [id, seq++, principal.workspaceId, chunk]);
    };
    for await (const part of content) {
      size += part.length;
      if (size > this.maxBytes) throw new PayloadTooLargeError(this.maxBytes);
      pending.push(part);
      pendingBytes += part.length;
      if (pendingBytes >= IMPORT_CHUNK_BYTES) await flush();
    }
    await flush();
    await manager.query(`UPDATE lead_import_files SET size_bytes = $2, chunk_count = $3 WHERE id = $1`, [id, size, seq]);
    const file = await inWorkspace(manager, principal).findOneOrFail(LeadImportFile, { where: { id } });
    return { file, head: head ?? Buffer.alloc(0) };
  }

  /**
   * Starts an import of a stored file, in the caller's transaction: reads the file's facts and header, checks the
   * options against them (BAD_USER_INPUT before any job), records the import QUEUED and enqueues its job.
   */
  async start(manager: EntityManager, principal: Principal, stored: StoredFile, rawOptions: unknown): Promise<LeadImport> {
    const { file } = stored;
    const { facts, columns } = await this.describe(manager, stored);
    const options = checkedOptions(rawOptions, columns);
    await this.checkDefaults(manager, principal, options.defaults);
    const row = manager.create(LeadImport, {
      workspaceId: principal.workspaceId,
      fileId: file.id,
      fileName: file.fileName,
      format: facts.format,
      encoding: facts.encoding,
      delimiter: facts.delimiter,
      columns,
      duplicatePolicy: options.duplicatePolicy,
      options,
      importer: snapshotOf(principal),
      createdByMemberId: principal.kind === 'member' ? principal.membershipId : null,
      createdByApiKeyId: principal.kind === 'apiKey' ? principal.apiKeyId : null,
      status: LeadImportStatus.QUEUED,
      rowsTotal: null,
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    const saved = await manager.save(row);
    await enqueue(manager, importLeadsTask, { workspaceId: principal.workspaceId, importId: saved.id }, { jobKey: `leads.import:${saved.id}` });
    return saved;
  }

  /** What a stored file is (format, encoding, delimiter) and its header; BAD_USER_INPUT when it cannot be imported. */
  async describe(manager: EntityManager, stored: StoredFile): Promise<{ facts: FileFacts; columns: string[] }> {
    const facts = factsOfHead(stored.head, stored.file.chunkCount <= 1);
    const columns = headerProblems(await this.headerOf(manager, stored.file, facts));
    return { facts, columns };
  }

  /**
   * importLeads: starts an import of a file uploaded earlier (POST /imports without options) by the same caller and
   * not imported yet; anything else is NOT_FOUND.
   */
  startFromUpload(principal: Principal, input: { uploadId: string; mapping: unknown; duplicatePolicy?: unknown; defaults?: unknown }): Promise<LeadImport> {
    return this.db.transaction(async (manager) => {
      // The server's own principal (public channels, apiKeyId null) uploads nothing: it has no upload to start.
      const uploader = principal.kind === 'member' ? { createdByMemberId: principal.membershipId } : principal.apiKeyId ? { createdByApiKeyId: principal.apiKeyId } : null;
      const file = uploader && isUuid(input.uploadId) ? await inWorkspace(manager, principal).findOne(LeadImportFile, { where: { id: input.uploadId, ...uploader }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!file || (await inWorkspace(manager, principal).count(LeadImport, { fileId: file.id }))) throw new NotFoundError('Upload');
      const [first] = await this.chunksHead(manager, file);
      return this.start(manager, principal, { file, head: first ?? Buffer.alloc(0) }, { mapping: input.mapping, duplicatePolicy: input.duplicatePolicy ?? undefined, defaults: input.defaults ?? undefined });
    });
  }

  /** The import's per-row results, by row number (keyset paginated). */
  async rows(principal: Principal, leadImport: LeadImport, args: ConnectionArgs): Promise<ConnectionShape<LeadImportRow>> {
    const query = inWorkspace(this.db.manager, principal).query(LeadImportRow, 'r').andWhere('r.import_id = :importId', { importId: leadImport.id });
    return paginate(query, [{ sql: 'r.row_number', type: 'integer', direction: 'ASC', value: (row: LeadImportRow) => row.rowNumber }], args);
  }

  /** The results as CSV (row, outcome, message, leadId), streamed from a cursor-less keyset walk. */
  async resultsCsv(principal: Principal, id: string): Promise<{ leadImport: LeadImport; csv: Readable }> {
    const leadImport = await this.get(principal, id);
    const source = this.resultBatches(principal, leadImport.id);
    const csv = stringify({ header: true, columns: ['row', 'outcome', 'message', 'leadId'] });
    void (async () => {
      try {
        for await (const batch of source) {
          for (const row of batch) {
            if (!csv.write([row.rowNumber, row.outcome, row.message ?? '', row.leadId ?? ''])) await new Promise((resolve) => csv.once('drain', resolve));
          }
        }
        csv.end();
      } catch (error) {
        csv.destroy(error as Error);
      }
    })();
    return { leadImport, csv };
  }

  /** The chunks of a stored file, one statement per chunk (never the whole file in memory). */
  async *chunks(manager: EntityManager, file: { id: string; workspaceId: string; chunkCount: number }): AsyncGenerator<Buffer> {
    for (let seq = 0; seq < file.chunkCount; seq++) {
      const [row]: { data: Buffer }[] = await manager.query(`SELECT data FROM lead_import_file_chunks WHERE file_id = $1 AND workspace_id = $2 AND seq = $3`, [
        file.id,
        file.workspaceId,
        seq,
      ]);
      if (!row) throw new Error(`chunk ${seq} of import file ${file.id} is missing`);
      yield row.data;
    }
  }

  private async chunksHead(manager: EntityManager, file: LeadImportFile): Promise<Buffer[]> {
    for await (const chunk of this.chunks(manager, { ...file, chunkCount: Math.min(file.chunkCount, 1) })) return [chunk];
    return [];
  }

  private async *resultBatches(principal: Principal, importId: string): AsyncGenerator<LeadImportRow[]> {
    let after = 0;
    for (;;) {
      const batch = await inWorkspace(this.db.manager, principal)
        .query(LeadImportRow, 'r')
        .andWhere('r.import_id = :importId AND r.row_number > :after', { importId, after })
        .orderBy('r.row_number', 'ASC')
        .limit(2000)
        .getMany();
      if (!batch.length) return;
      yield batch;
      after = batch[batch.length - 1].rowNumber;
    }
  }

  private async headerOf(manager: EntityManager, file: LeadImportFile, facts: FileFacts): Promise<string[] | undefined> {
    const source = readableOf(this.chunks(manager, file));
    try {
      for await (const row of rowsOf(source, facts, { headerOnly: true })) return row;
    } catch (error) {
      throw BadUserInputError.field('input.file', `could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    return undefined;
  }

  private async checkDefaults(manager: EntityManager, principal: Principal, defaults: LeadImportOptions['defaults']): Promise<void> {
    if (defaults.sourceId) await this.leads.sources.usable(manager, principal, defaults.sourceId, 'input.defaults.sourceId');
    if (defaults.assigneeId) this.leads.assertMayAssignTo(principal, defaults.assigneeId, 'input.defaults.assigneeId');
    const problems = await this.leads.assignmentProblems(manager, principal, defaults.assigneeId ?? null, defaults.teamId ?? null, 'input.defaults');
    if (problems.length) throw new BadUserInputError(problems);
  }
}

/** The importer as the job will act: the principal's kind, ids, role and scope (or key scopes). */
function snapshotOf(principal: Principal): ImporterSnapshot {
  return principal.kind === 'member'
    ? { kind: 'member', membershipId: principal.membershipId, userId: principal.userId, role: principal.role, accessScope: principal.accessScope }
    : { kind: 'apiKey', apiKeyId: principal.apiKeyId ?? undefined, scopes: [...principal.scopes] };
}
