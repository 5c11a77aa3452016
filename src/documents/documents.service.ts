import type { DataSource, EntityManager } from 'typeorm';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { scopeRules } from '../platform/auth/record-scope';
import { ScopedRecordService } from '../platform/data/scoped-record-service';
import { inWorkspace } from '../platform/data/workspace-rows';
import { BadUserInputError, NotFoundError, PayloadTooLargeError } from '../platform/errors/errors';
import type { ConnectionArgs, ConnectionShape } from '../platform/pagination/connection';
import type { FirstNSource } from '../platform/pagination/first-n';
import { paginate, type SortKey } from '../platform/pagination/keyset';
import { reanchorAttached, type LocatedRecord, type RecordKindRegistry } from '../platform/records/record-kinds';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { DocumentContent } from './document-content.entity';
import type { DocumentTypesService } from './document-types.service';
import { Document } from './document.entity';
import { factsOf, sanitiseFileName } from './file-content';

export interface AttachCommand {
  recordId: string;
  typeId?: string | null;
  fileName: string;
  content: Buffer;
}

/** How the caller names the inputs in BAD_USER_INPUT problems (GraphQL and HTTP differ for the content). */
export interface AttachPaths {
  content: string;
}

/** Newest first; the id makes the order total for keyset pagination. */
const NEWEST_FIRST: SortKey<Document>[] = [
  { sql: 'd.created_at', type: 'timestamp', direction: 'DESC', value: (row) => row.createdAt },
  { sql: 'd.id', type: 'uuid', direction: 'DESC', value: (row) => row.id },
];

/** Where a document's bytes are downloaded from (same origin as /graphql, same bearer credentials). */
export const downloadPathOf = (documentId: string): string => `/documents/${documentId}/content`;

/** How many documents `Account.documents` / `Contact.documents` show. */
export const RECORD_DOCUMENTS_LIMIT = 100;

/**
 * Documents attached to records (accounts, contacts; later leads, deals, follow-ups). A document is visible exactly
 * when its record is: the record's account (or, without one, its owner) decides, through record-scope.ts.
 * Bytes live in document_contents and are read only when downloading.
 */
export class DocumentsService extends ScopedRecordService<Document> {
  constructor(
    db: DataSource,
    private readonly maxUploadBytes: number,
    private readonly records: RecordKindRegistry,
    private readonly documentTypes: DocumentTypesService,
    private readonly timeline: TimelineService,
  ) {
    super(db, { entity: Document, alias: 'd', scope: scopeRules.document, label: 'Document' });
    // A record that moves (account or owner) takes its documents' visibility along, in the same transaction.
    records.onAnchorsChanged((manager, principal, moved) => this.reanchor(manager, principal, moved));
  }

  /** Documents of records that moved follow their new account / owner (one statement for any number). */
  reanchor(manager: EntityManager, principal: Principal, anchors: LocatedRecord[]): Promise<void> {
    return reanchorAttached(manager, 'documents', principal.workspaceId, anchors);
  }

  /**
   * Moves every document of one record to another (lead conversion: the lead's files go to its account), in the
   * caller's transaction, one statement; their visibility becomes the new record's. Returns how many moved.
   */
  async moveAll(manager: EntityManager, principal: Principal, fromRecordId: string, to: LocatedRecord): Promise<number> {
    const result = await manager.query(
      `UPDATE documents SET record_type = $1, record_id = $2, account_id = $3, owner_membership_id = $4
        WHERE workspace_id = $5 AND record_id = $6`,
      [to.recordType, to.recordId, to.accountId, to.ownerMembershipId, principal.workspaceId, fromRecordId],
    );
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  get uploadLimitBytes(): number {
    return this.maxUploadBytes;
  }

  /** A page of a record's documents, newest first; NOT_FOUND when the record is outside the caller's reach. */
  async list(principal: Principal, recordId: string, args: ConnectionArgs): Promise<ConnectionShape<Document>> {
    const record = await this.records.locate(principal, recordId);
    return paginate(this.visible(principal).andWhere('d.record_id = :recordId', { recordId: record.recordId }), NEWEST_FIRST, args);
  }

  /** For the first-N loader of `Account.documents` / `Contact.documents`: visible documents of many records, newest first. */
  recordsSource(principal: () => Principal): FirstNSource<Document, ConnectionArgs> {
    return {
      entity: Document,
      sortKeys: NEWEST_FIRST,
      parentSql: 'd.record_id',
      rows: (recordIds) => this.visible(principal()).andWhere('d.record_id IN (:...recordIds)', { recordIds }),
    };
  }

  /**
   * Attaches a file to a record the caller can see: sniffs its type, hashes it, and writes the document, its
   * content and a DOCUMENT_ATTACHED timeline entry in one transaction. Too large: PAYLOAD_TOO_LARGE, nothing written.
   */
  async attach(principal: Principal, command: AttachCommand, paths: AttachPaths = { content: 'input.content' }): Promise<Document> {
    if (command.content.length > this.maxUploadBytes) throw new PayloadTooLargeError(this.maxUploadBytes);
    return this.db.transaction(async (manager) => {
      // Located and locked inside the transaction: a contact moving meanwhile cannot leave the document on its old account.
      const record = await this.records.lock(manager, principal, command.recordId);
      return this.attachTo(manager, principal, record, command, paths);
    });
  }

  /**
   * Inside the caller's transaction (inbound email: the message's files go with the entry or lead it creates):
   * attaches a file to a record the caller already located and locked (records.lock, or a record it just
   * created). Same checks and DOCUMENT_ATTACHED entry as `attach`.
   */
  async attachTo(
    manager: EntityManager,
    principal: Principal,
    record: LocatedRecord,
    command: Omit<AttachCommand, 'recordId'>,
    paths: AttachPaths = { content: 'input.content' },
  ): Promise<Document> {
    if (command.content.length > this.maxUploadBytes) throw new PayloadTooLargeError(this.maxUploadBytes);
    const fileName = sanitiseFileName(command.fileName);
    if (!fileName) throw BadUserInputError.field('input.fileName', 'must contain a file name');
    if (command.content.length === 0) throw BadUserInputError.field(paths.content, 'must not be empty');
    const facts = await factsOf(command.content);
    const type = command.typeId ? await this.documentTypes.usable(manager, principal, command.typeId, 'input.typeId') : null;
    const document = await manager.save(
      this.newRow(manager, principal, {
        recordType: record.recordType,
        recordId: record.recordId,
        accountId: record.accountId,
        ownerMembershipId: record.ownerMembershipId,
        typeId: type?.id ?? null,
        fileName,
        ...facts,
        createdBy: actorRefOf(principal),
      }),
    );
    await manager.insert(DocumentContent, { documentId: document.id, workspaceId: principal.workspaceId, content: command.content });
    await this.timeline.record(manager, principal, [
      {
        kind: 'DOCUMENT_ATTACHED',
        recordType: record.recordType,
        recordId: record.recordId,
        accountId: record.accountId,
        data: { documentId: document.id, fileName, contentType: facts.contentType, sizeBytes: facts.sizeBytes, sha256: facts.sha256 },
      },
    ]);
    return document;
  }

  /** A visible document and its bytes (NOT_FOUND otherwise); no bytes when the client's ETags (If-None-Match) show its copy is current. */
  async download(principal: Principal, id: string, clientEtags: readonly string[] = []): Promise<{ document: Document; content: Buffer | null }> {
    const document = await this.get(principal, id);
    if (clientEtags.includes(document.sha256) || clientEtags.includes('*')) return { document, content: null };
    const row = await inWorkspace(this.db.manager, principal).findOne(DocumentContent, { where: { documentId: document.id } });
    if (!row) throw new NotFoundError('Document');
    return { document, content: row.content };
  }

  /** Deletes a visible document and its bytes, with a DOCUMENT_REMOVED timeline entry; returns it as it was. */
  remove(principal: Principal, id: string): Promise<Document> {
    return this.db.transaction(async (manager) => {
      const document = await this.lockVisible(manager, principal, id);
      await manager.delete(DocumentContent, { documentId: document.id, workspaceId: principal.workspaceId });
      await manager.delete(Document, { id: document.id, workspaceId: principal.workspaceId });
      await this.timeline.record(manager, principal, [
        {
          kind: 'DOCUMENT_REMOVED',
          recordType: document.recordType,
          recordId: document.recordId,
          accountId: document.accountId,
          data: { documentId: document.id, fileName: document.fileName, contentType: document.contentType, sizeBytes: document.sizeBytes, sha256: document.sha256 },
        },
      ]);
      return document;
    });
  }
}
