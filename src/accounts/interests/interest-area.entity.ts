import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../../platform/settings/setting-entry';

export enum InterestKind {
  INTEREST = 'INTEREST',
  DISINTEREST = 'DISINTEREST',
  UNMET_NEED = 'UNMET_NEED',
}
registerEnumType(InterestKind, {
  name: 'InterestKind',
  description: 'An account\'s stance on an interest area.',
  valuesConfig: {
    INTEREST: { description: 'The account is interested in the area.' },
    DISINTEREST: { description: 'The account is not interested in the area.' },
    UNMET_NEED: { description: 'The account needs something in the area that is not offered yet (a possible offer).' },
  },
});

@ObjectType({ description: 'An area of interest (área de interés) for segmentation, configured by admins.' })
@Entity('interest_areas')
@Index('interest_areas_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class InterestArea extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case.' })
  @Column({ type: 'text' })
  name: string;
}
