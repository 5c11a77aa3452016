import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../platform/settings/setting-entry';

@ObjectType({ description: 'Why a deal was lost (a settings list of the workspace, e.g. "Price", "Competitor").' })
@Entity('deal_lost_reasons')
@Index('deal_lost_reasons_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class DealLostReason extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case.' })
  @Column({ type: 'text' })
  name: string;
}
