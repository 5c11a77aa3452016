import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../../platform/settings/setting-entry';

@ObjectType({ description: 'A kind of account-to-account link (parent, partner, guarantor...), configured by admins.' })
@Entity('relationship_types')
@Index('relationship_types_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class RelationshipType extends SettingEntry {
  @Field({ description: 'Label seen from the "from" account, e.g. "parent of"; unique in the workspace, ignoring case.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Label seen from the "to" account, e.g. "subsidiary of"; null for symmetric links (both see the name).' })
  @Column({ type: 'text', nullable: true })
  inverseName: string | null;
}
