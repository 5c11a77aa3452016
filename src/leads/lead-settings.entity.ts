import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../platform/settings/setting-entry';

/** The system codes of the lead sources every workspace starts with; capture channels find their source by code. */
export const LEAD_SOURCE_CODES = ['MANUAL', 'IMPORT', 'WEB_FORM', 'EMAIL', 'CALL', 'MAILING', 'API', 'REFERRAL'] as const;
export type LeadSourceCode = (typeof LEAD_SOURCE_CODES)[number];

@ObjectType({ description: 'Where leads come from (a settings list of the workspace): seeded with the capture channels, extensible.' })
@Entity('lead_sources')
@Index('lead_sources_workspace_name_key', ['workspaceId', 'name'], { unique: true })
@Index('lead_sources_workspace_code_key', ['workspaceId', 'code'], { unique: true, where: 'code IS NOT NULL' })
export class LeadSource extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The system code of a seeded source (MANUAL, IMPORT, WEB_FORM, EMAIL, CALL, MAILING, API, REFERRAL), which capture ' +
      'channels use whatever its name; null for sources the workspace added. Not editable.',
  })
  @Column({ type: 'varchar', length: 32, nullable: true })
  code: LeadSourceCode | null;
}

@ObjectType({ description: 'Why a lead was closed (a settings list of the workspace), e.g. "No budget", "Bought elsewhere".' })
@Entity('lead_close_reasons')
@Index('lead_close_reasons_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class LeadCloseReason extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;
}
