import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ActorRef } from '../platform/auth/actor';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import { DocumentType } from './document-type.entity';
import { declareRecordType } from '../platform/records/record-types';

/** A file attached to a record. Content lives in document_contents so listing documents never reads bytes. */
@ObjectType()
@Entity('documents')
@Index('documents_workspace_record_idx', ['workspaceId', 'recordId', 'createdAt', 'id'])
@Index('documents_workspace_account_idx', ['workspaceId', 'accountId'])
export class Document {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Field(() => RecordType)
  @Column({ type: 'varchar', length: 32 })
  recordType: RecordType;

  @Field(() => ID)
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

  @Field()
  @Column({ type: 'text' })
  fileName: string;

  @Field({ description: 'Sniffed from the content, not taken from the client.' })
  @Column({ type: 'text' })
  contentType: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  sizeBytes: number;

  @Field()
  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Field()
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
declareRecordType('DOCUMENT');
