import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../platform/settings/setting-entry';

@ObjectType({ description: 'A configurable kind of document (contract, invoice, ID copy...).' })
@Entity('document_types')
@Index('document_types_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class DocumentType extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case, e.g. "Contract".' })
  @Column({ type: 'text' })
  name: string;
}
