import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../../platform/settings/setting-entry';

export enum InterestKind {
  INTEREST = 'INTEREST',
  DISINTEREST = 'DISINTEREST',
  UNMET_NEED = 'UNMET_NEED',
}
registerEnumType(InterestKind, { name: 'InterestKind' });

@ObjectType({ description: 'An area of interest (área de interés) for segmentation, configured by admins.' })
@Entity('interest_areas')
@Index('interest_areas_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class InterestArea extends SettingEntry {
  @Field()
  @Column({ type: 'text' })
  name: string;
}
