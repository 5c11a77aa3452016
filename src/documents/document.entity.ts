import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActorRef } from '../platform/auth/actor';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import { DocumentType } from './document-type.entity';
import { declareRecordType } from '../platform/records/record-types';

/** A file attached to a record. Content lives in document_contents so listing documents never reads bytes. */
@ObjectType({ description: 'A file attached to a record; visible exactly when its record is. Download its bytes from downloadUrl.' })
@Entity('documents')
@Index('documents_workspace_record_idx', ['workspaceId', 'recordId', 'createdAt', 'id'])
@Index('documents_workspace_account_idx', ['workspaceId', 'accountId'])
export class Document {
  @Field(() => ID, { description: 'The document\'s id.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field(() => RecordType, { description: 'The kind of record it is attached to.' })
  @Column({ type: 'varchar', length: 32 })
  recordType: RecordType;

  @Field(() => ID, { description: 'The record it is attached to.' })
  @Column({ type: 'uuid' })
  recordId: string;

  /** The account the record hangs off (decides visibility); null for records without one. */
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  /** Owner of the record when it has no account (e.g. a loose contact). */
  @Column({ type: 'uuid', nullable: true })
  ownerMembershipId: string | null;

  @Column({ type: 'uuid', nullable: true })
  typeId: string | null;

  @ManyToOne(() => DocumentType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'type_id' })
  type?: DocumentType;

  @Field({ description: 'The file name as stored: no path or control characters, at most 255 characters.' })
  @Column({ type: 'text' })
  fileName: string;

  @Field({ description: 'Media type sniffed from the content (e.g. application/pdf), not taken from the client.' })
  @Column({ type: 'text' })
  contentType: string;

  @Field(() => Int, { description: 'Size of the content, in bytes.' })
  @Column({ type: 'int' })
  sizeBytes: number;

  @Field({ description: 'SHA-256 of the content, 64 lower-case hex digits (also the download\'s ETag).' })
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Field({ description: 'When the document was attached (UTC).' })
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column(() => ActorRef, { prefix: 'created_by' })
  createdBy: ActorRef;
}

// Documents are records with a history of their own.
declare module '../platform/records/record-types' {
  interface RecordTypes {
    DOCUMENT: 'DOCUMENT';
  }
}
declareRecordType('DOCUMENT', 'A document (a file attached to a record).');
