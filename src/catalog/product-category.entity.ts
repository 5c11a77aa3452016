import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../platform/settings/setting-entry';

@ObjectType({ description: 'A product category of the workspace; categories form a tree through parentId (no cycles).' })
@Entity('product_categories')
@Index('product_categories_workspace_name_key', ['workspaceId', 'name'], { unique: true })
@Index('product_categories_workspace_parent_idx', ['workspaceId', 'parentId'])
export class ProductCategory extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => ID, { nullable: true, description: 'The parent category (same workspace); null for a top-level category.' })
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;
}
