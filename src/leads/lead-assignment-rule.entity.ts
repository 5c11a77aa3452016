import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SettingEntry } from '../platform/settings/setting-entry';

export enum LeadAssignmentKind {
  ROUND_ROBIN = 'ROUND_ROBIN',
  FIXED = 'FIXED',
}
registerEnumType(LeadAssignmentKind, {
  name: 'LeadAssignmentKind',
  description: 'How an assignment rule picks the assignee of a new lead.',
  valuesConfig: {
    ROUND_ROBIN: { description: 'In turn among the active members of the rule\'s team (exact under concurrency).' },
    FIXED: { description: 'Always the rule\'s assignee.' },
  },
});

/**
 * An assignment rule of the workspace (a settings list): who new leads without an assignee go to, optionally only
 * leads of one source. Rules for the lead's source come before rules for any source, then by position.
 */
@ObjectType({
  description:
    'Who new leads without an assignee go to, whatever the channel: in turn within a team, or a fixed member; optionally only ' +
    'for one source. The first matching rule applies (source-specific ones first, then by position); none: the creating member.',
})
@Entity('lead_assignment_rules')
@Index('lead_assignment_rules_workspace_name_key', ['workspaceId', 'name'], { unique: true })
export class LeadAssignmentRule extends SettingEntry {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => LeadAssignmentKind, { description: 'How the rule picks the assignee: ROUND_ROBIN within teamId, or FIXED to assigneeId.' })
  @Column({ type: 'varchar', length: 16 })
  kind: LeadAssignmentKind;

  @Field(() => ID, { nullable: true, description: 'Only leads of this source; null: any source.' })
  @Column({ type: 'uuid', nullable: true })
  sourceId: string | null;

  @Field(() => ID, { nullable: true, description: 'ROUND_ROBIN: the team whose active members take turns. FIXED: the routing team the lead gets (optional).' })
  @Column({ type: 'uuid', nullable: true })
  teamId: string | null;

  @Field(() => ID, { name: 'assigneeId', nullable: true, description: 'FIXED: the member every matching lead goes to (see assignee).' })
  @Column({ type: 'uuid', nullable: true })
  assigneeMembershipId: string | null;

  @Field(() => Int, { description: 'Order among rules of the same specificity (lower first); default 0, then oldest first.' })
  @Column({ type: 'int', default: 0 })
  position: number;

  /** How many leads the rule has handed out: the next one goes to member number `turns mod team size`. */
  @Column({ type: 'bigint', default: 0 })
  turns: string;
}
