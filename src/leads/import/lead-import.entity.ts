import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum LeadImportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(LeadImportStatus, {
  name: 'LeadImportStatus',
  description: 'Where a lead import is.',
  valuesConfig: {
    QUEUED: { description: 'Accepted; waiting for a worker.' },
    RUNNING: { description: 'A worker is reading the file; progress grows batch by batch.' },
    DONE: { description: 'Every row has a result.' },
    FAILED: { description: 'The file could not be read to the end (see error); nothing of it was written.' },
  },
});

export enum DuplicatePolicy {
  SKIP = 'SKIP',
  UPDATE = 'UPDATE',
  CREATE_ANYWAY = 'CREATE_ANYWAY',
}
registerEnumType(DuplicatePolicy, {
  name: 'DuplicatePolicy',
  description:
    'What an import does with a row that duplicates a lead, contact or account the importer can see (same externalId, email or ' +
    'phone), or an earlier row of the same file.',
  valuesConfig: {
    SKIP: { description: 'The row is not written (outcome SKIPPED, naming the duplicate).' },
    UPDATE: { description: 'The duplicate lead (open, visible) gets the row\'s fields (UPDATED); a row duplicating a contact or account is SKIPPED.' },
    CREATE_ANYWAY: { description: 'A new lead is created all the same (a row whose externalId exists still updates that lead).' },
  },
});

export enum LeadImportRowOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  SKIPPED = 'SKIPPED',
  FAILED = 'FAILED',
}
registerEnumType(LeadImportRowOutcome, {
  name: 'LeadImportRowOutcome',
  description: 'What an import did with one row of the file.',
  valuesConfig: {
    CREATED: { description: 'A new lead was created.' },
    UPDATED: { description: 'An existing lead (same externalId, or the duplicate under UPDATE) was changed.' },
    UNCHANGED: { description: 'The existing lead already had these values.' },
    SKIPPED: { description: 'A duplicate under the SKIP policy (message names it); nothing written.' },
    FAILED: { description: 'The row was refused (message says why); nothing of it written, the other rows went on.' },
  },
});

export enum LeadImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(LeadImportFormat, {
  name: 'LeadImportFormat',
  description: 'The kind of file, detected from its bytes (XLSX: a zip), never from its name.',
  valuesConfig: { CSV: { description: 'Delimited text (delimiter and encoding detected).' }, XLSX: { description: 'An Excel workbook; its first sheet is read.' } },
});

/** An uploaded file, stored in PostgreSQL in chunks (lead_import_file_chunks) so any instance can read it. */
@Entity('lead_import_files')
export class LeadImportFile {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) workspaceId: string;
  @Column({ type: 'text' }) fileName: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) sizeBytes: number;
  @Column({ type: 'int' }) chunkCount: number;
  /** Who uploaded it: only they may start an import of it (importLeads). */
  @Column({ type: 'uuid', nullable: true }) createdByMemberId: string | null;
  @Column({ type: 'uuid', nullable: true }) createdByApiKeyId: string | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
}

@Entity('lead_import_file_chunks')
export class LeadImportFileChunk {
  @PrimaryColumn({ type: 'uuid' }) fileId: string;
  @PrimaryColumn({ type: 'int' }) seq: number;
  @Column({ type: 'uuid' }) workspaceId: string;
  @Column({ type: 'bytea' }) data: Buffer;
}

@ObjectType({ description: 'How far an import is: rows read from the file and what became of them (counts of committed batches).' })
export class LeadImportProgress {
  @Field(() => Int, { nullable: true, description: 'Data rows of the file (header excluded); null until the worker has checked the whole file.' })
  rowsTotal: number | null;
  @Field(() => Int, { description: 'Data rows processed and committed so far.' }) rowsRead: number;
  @Field(() => Int, { description: 'Rows that created a lead.' }) created: number;
  @Field(() => Int, { description: 'Rows that updated a lead (UPDATED or UNCHANGED).' }) updated: number;
  @Field(() => Int, { description: 'Duplicate rows skipped (SKIP policy).' }) skipped: number;
  @Field(() => Int, { description: 'Rows refused (see their results).' }) failed: number;
}

/** The options an import was started with (validated against the file's header). */
export interface LeadImportOptions {
  /** Column header → lead field. */
  mapping: Record<string, string>;
  duplicatePolicy: DuplicatePolicy;
  defaults: { sourceId?: string | null; assigneeId?: string | null; teamId?: string | null; currency?: string | null };
}

/** Who started the import, as it was then (the job acts as them). */
export interface ImporterSnapshot {
  kind: 'member' | 'apiKey';
  membershipId?: string;
  userId?: string;
  role?: string;
  accessScope?: string;
  apiKeyId?: string;
  scopes?: string[];
}

@ObjectType({ description: 'A lead import (importLeads, or POST /imports): its file, options, status, progress and per-row results.' })
@Entity('lead_imports')
@Index('lead_imports_workspace_created_idx', ['workspaceId', 'createdAt'])
export class LeadImport {
  @Field(() => ID, { description: 'The import id (uuid).' }) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) workspaceId: string;
  @Column({ type: 'uuid' }) fileId: string;
  @Field({ description: 'The uploaded file\'s name (sanitised).' }) @Column({ type: 'text' }) fileName: string;
  @Field(() => LeadImportFormat, { description: 'CSV or XLSX, from the bytes.' }) @Column({ type: 'text' }) format: LeadImportFormat;
  @Field(() => String, { nullable: true, description: 'CSV: the encoding read (UTF-8, UTF-8 with BOM shown as "utf-8-bom", windows-1252); null for XLSX.' })
  @Column({ type: 'text', nullable: true })
  encoding: string | null;
  @Field(() => String, { nullable: true, description: 'CSV: the delimiter sniffed from the header line ("," ";" tab or "|"); null for XLSX.' })
  @Column({ type: 'text', nullable: true })
  delimiter: string | null;
  @Field(() => [String], { description: 'The columns of the file\'s header line, in order.' }) @Column({ type: 'text', array: true }) columns: string[];
  @Field(() => DuplicatePolicy, { description: 'What duplicate rows do.' }) @Column({ type: 'text' }) duplicatePolicy: DuplicatePolicy;
  @Column({ type: 'jsonb' }) options: LeadImportOptions;
  @Column({ type: 'jsonb' }) importer: ImporterSnapshot;
  @Column({ type: 'uuid', nullable: true }) createdByMemberId: string | null;
  @Column({ type: 'uuid', nullable: true }) createdByApiKeyId: string | null;
  @Field(() => LeadImportStatus, { description: 'QUEUED, RUNNING, DONE or FAILED.' }) @Column({ type: 'text' }) status: LeadImportStatus;
  @Column({ type: 'int', nullable: true }) rowsTotal: number | null;
  /** The checkpoint: data rows committed (results, leads and counters in the same transaction). */
  @Column({ type: 'int', default: 0 }) rowsRead: number;
  @Column({ type: 'int', default: 0 }) createdCount: number;
  @Column({ type: 'int', default: 0 }) updatedCount: number;
  @Column({ type: 'int', default: 0 }) skippedCount: number;
  @Column({ type: 'int', default: 0 }) failedCount: number;
  @Field(() => String, { nullable: true, description: 'FAILED: why the file could not be read (e.g. "line 12: unclosed quote"); else null.' })
  @Column({ type: 'text', nullable: true })
  error: string | null;
  @Field({ description: 'When the import was accepted (UTC).' }) @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When a worker first started it (UTC).' }) @Column({ type: 'timestamptz', precision: 3, nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it became DONE or FAILED (UTC).' }) @Column({ type: 'timestamptz', precision: 3, nullable: true }) finishedAt: Date | null;
}

@ObjectType('LeadImportRowResult', { description: 'What an import did with one row of its file.' })
@Entity('lead_import_rows')
export class LeadImportRow {
  @PrimaryColumn({ type: 'uuid' }) importId: string;
  @Field(() => Int, { description: 'The row\'s number among the data rows of the file (1 = the first row after the header).' })
  @PrimaryColumn({ type: 'int' })
  rowNumber: number;
  @Column({ type: 'uuid' }) workspaceId: string;
  @Field(() => LeadImportRowOutcome, { description: 'What happened to the row.' }) @Column({ type: 'text' }) outcome: LeadImportRowOutcome;
  @Field(() => String, { nullable: true, description: 'Why it failed or was skipped ("<column or field> <problem>; ..."); null otherwise.' })
  @Column({ type: 'text', nullable: true })
  message: string | null;
  @Field(() => ID, { nullable: true, description: 'The lead created or updated, or the duplicate lead a SKIPPED row names; else null.' })
  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;
}
