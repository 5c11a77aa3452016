import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../platform/settings/setting-entry';
import { ActivityEffect, FollowUpKind } from './follow-up-enums';

@ObjectType({ description: 'A kind of follow-up of the workspace (a settings list), e.g. "Phone call", "Collection call".' })
@Entity('follow_up_types')
@Index('follow_up_types_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class FollowUpType extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => FollowUpKind, { description: 'The base kind (CALL, EMAIL, MEETING, VISIT, TASK, COLLECTION).' })
  @Column({ type: 'varchar', length: 16 })
  kind: FollowUpKind;

  @Field(() => Int, { description: 'Minutes a follow-up of this type lasts unless told otherwise (1 to 1440).' })
  @Column({ type: 'integer' })
  defaultDurationMinutes: number;
}

@ObjectType({ description: 'Why a follow-up stays active or what news came up (a settings list), e.g. "Waiting for the customer".' })
@Entity('follow_up_states')
@Index('follow_up_states_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class FollowUpState extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;
}

@ObjectType({ description: 'A kind of activity logged on a follow-up (a settings list), a progress or a regress entry, e.g. "Proposal sent".' })
@Entity('follow_up_activity_definitions')
@Index('follow_up_activity_definitions_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class FollowUpActivityDefinition extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => ActivityEffect, { description: 'PROGRESS or REGRESS.' })
  @Column({ type: 'varchar', length: 16 })
  effect: ActivityEffect;
}
