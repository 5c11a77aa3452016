import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Document } from './document.entity';

/** The bytes of a document (PostgreSQL by default); read only when downloading. */
@Entity('document_contents')
export class DocumentContent {
  @PrimaryColumn({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @OneToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Document;
}
