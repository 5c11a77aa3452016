import { Field, ID, InputType, Int } from 'type-graphql';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import type { MembersService } from '../identity/members.service';
import type { Principal } from '../platform/auth/principal';
import { inWorkspace } from '../platform/data/workspace-rows';
import { BadUserInputError, type FieldProblem } from '../platform/errors/errors';
import { defineSettingsList, settingNameSchema, SettingsList } from '../platform/settings/settings-list';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { LeadAssignmentKind, LeadAssignmentRule } from './lead-assignment-rule.entity';
import { leadsGuard, type LeadSourcesService } from './lead-settings.service';
import type { Lead } from './lead.entity';
import type { LeadRouter, Routed } from './leads.service';

@InputType({ description: 'A new assignment rule.' })
export class CreateLeadAssignmentRuleInput {
  @Field({ description: 'Unique in the workspace, ignoring case; 1 to 200 characters.' }) name: string;
  @Field(() => LeadAssignmentKind, { description: 'ROUND_ROBIN needs teamId; FIXED needs assigneeId.' }) kind: LeadAssignmentKind;
  @Field(() => ID, { nullable: true, description: 'Only leads of this source (of this workspace); default: any source.' }) sourceId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A team of this workspace: whose members take turns (ROUND_ROBIN), or the routing team given (FIXED).' })
  teamId?: string | null;
  @Field(() => ID, { nullable: true, description: 'FIXED: an active member of this workspace.' }) assigneeId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Lower applies first among rules of the same specificity; default 0.' }) position?: number | null;
}

@InputType({ description: 'Changes to an assignment rule; fields left out are kept, null clears the optional ones.' })
export class UpdateLeadAssignmentRuleInput {
  @Field(() => ID, { description: 'The rule.' }) id: string;
  @Field(() => String, { nullable: true, description: 'A new name (unique ignoring case).' }) name?: string | null;
  @Field(() => LeadAssignmentKind, { nullable: true, description: 'A new kind (with what it needs).' }) kind?: LeadAssignmentKind | null;
  @Field(() => ID, { nullable: true, description: 'Only leads of this source; null: any source.' }) sourceId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The rule\'s team.' }) teamId?: string | null;
  @Field(() => ID, { nullable: true, description: 'FIXED: the assignee.' }) assigneeId?: string | null;
  @Field(() => Int, { nullable: true, description: 'Order among rules of the same specificity.' }) position?: number | null;
}

const uuid = (what: string) => z.uuid({ message: `must be ${what} id` }).nullable().optional();
const ruleFields = {
  sourceId: uuid('a lead source'),
  teamId: uuid('a team'),
  assigneeId: uuid('a member'),
  position: z.number().int().min(-1000).max(1000).nullable().optional(),
};
/** `assigneeId` in GraphQL, `assigneeMembershipId` on the row. */
const renamed = <T extends { assigneeId?: string | null }>({ assigneeId, ...rest }: T) =>
  assigneeId === undefined ? rest : { ...rest, assigneeMembershipId: assigneeId };

export const leadAssignmentRules = defineSettingsList({
  entity: LeadAssignmentRule,
  plural: 'leadAssignmentRules',
  guard: { read: leadsGuard.read, write: leadsGuard.settings },
  create: {
    input: CreateLeadAssignmentRuleInput,
    schema: z.object({ name: settingNameSchema, kind: z.enum(LeadAssignmentKind), ...ruleFields }).transform(renamed),
  },
  update: {
    input: UpdateLeadAssignmentRuleInput,
    schema: z.object({ id: z.string(), name: settingNameSchema.nullable().optional(), kind: z.enum(LeadAssignmentKind).nullable().optional(), ...ruleFields }).transform(renamed),
  },
  descriptions: {
    list: 'The workspace\'s lead assignment rules, by name (they apply source-specific first, then by position). Any member (leads:read).',
    create: 'BAD_USER_INPUT for a ROUND_ROBIN rule without a team, a FIXED one without an active assignee, or ids not of this workspace; CONFLICT (NAME_TAKEN).',
    update: 'BAD_USER_INPUT as create; NOT_FOUND outside the workspace; CONFLICT (NAME_TAKEN).',
    archive: 'The rule stops applying (leads it assigned keep their assignee). NOT_FOUND outside the workspace.',
  },
});

/**
 * Lead routing: the assignment rules (a settings list, edited by ADMIN+) and the router that applies them to new
 * leads in their creating transaction. A round-robin rule hands out turns with one atomic UPDATE of its `turns`
 * counter per batch (the row lock serializes concurrent creators), so 100 leads created at once across a team of
 * 4 give each member exactly 25.
 */
export class LeadRoutingService extends SettingsList<LeadAssignmentRule> implements LeadRouter {
  constructor(
    db: DataSource,
    timeline: TimelineService,
    private readonly members: MembersService,
    private readonly sources: LeadSourcesService,
  ) {
    super(db, timeline, leadAssignmentRules);
  }

  async route(manager: EntityManager, principal: Principal, leads: readonly Pick<Lead, 'sourceId' | 'teamId'>[], ruleId?: string | null): Promise<(Routed | null)[]> {
    if (!leads.length) return [];
    const rules = await inWorkspace(manager, principal).find(LeadAssignmentRule, {
      where: { archivedAt: IsNull() },
      order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    if (!rules.length) return leads.map(() => null);
    const ordered = [...rules.filter((rule) => rule.sourceId), ...rules.filter((rule) => !rule.sourceId)];
    // A channel's own rule (a web form's) wins over the matching ones while it is active.
    const preferred = ruleId ? rules.find((rule) => rule.id === ruleId) : undefined;
    const matched = leads.map((lead) => preferred ?? ordered.find((rule) => !rule.sourceId || rule.sourceId === lead.sourceId) ?? null);
    const used = [...new Set(matched.filter((rule): rule is LeadAssignmentRule => rule !== null))];
    const fixedActive = await this.members.activeMemberIds(
      principal.workspaceId,
      used.filter((rule) => rule.kind === LeadAssignmentKind.FIXED).map((rule) => rule.assigneeMembershipId),
      manager,
    );
    const teams = await this.members.activeMembersOfTeams(
      principal.workspaceId,
      used.flatMap((rule) => (rule.kind === LeadAssignmentKind.ROUND_ROBIN && rule.teamId ? [rule.teamId] : [])),
      manager,
    );
    // One counter update per round-robin rule, for all its leads of this batch: turns start..start+k-1.
    const nextTurn = new Map<string, number>();
    for (const rule of used) {
      const team = rule.teamId ? (teams.get(rule.teamId) ?? []) : [];
      if (rule.kind !== LeadAssignmentKind.ROUND_ROBIN || !team.length) continue;
      const count = matched.filter((candidate) => candidate === rule).length;
      // The row lock this takes is held until the creating transaction ends: concurrent creators queue here.
      const [rows] = await manager.query<[{ start: string }[], number]>(
        'UPDATE lead_assignment_rules SET turns = turns + $3 WHERE workspace_id = $1 AND id = $2 RETURNING turns - $3 AS start',
        [principal.workspaceId, rule.id, count],
      );
      nextTurn.set(rule.id, Number(rows[0].start));
    }
    return matched.map((rule) => {
      if (!rule) return null;
      if (rule.kind === LeadAssignmentKind.FIXED) {
        return rule.assigneeMembershipId && fixedActive.has(rule.assigneeMembershipId)
          ? { assigneeId: rule.assigneeMembershipId, teamId: rule.teamId, ruleId: rule.id }
          : null;
      }
      const team = teams.get(rule.teamId ?? '') ?? [];
      const turn = nextTurn.get(rule.id);
      if (!team.length || turn === undefined) return null;
      nextTurn.set(rule.id, turn + 1);
      return { assigneeId: team[turn % team.length], teamId: rule.teamId, ruleId: rule.id };
    });
  }

  /** A rule as it would be saved must be complete: its kind's team or assignee, and ids of this workspace. */
  protected override async save(manager: EntityManager, principal: Principal, rule: LeadAssignmentRule): Promise<LeadAssignmentRule> {
    const problems: FieldProblem[] = [];
    if (rule.kind === LeadAssignmentKind.ROUND_ROBIN && !rule.teamId) problems.push({ path: 'input.teamId', message: 'is required for a ROUND_ROBIN rule' });
    if (rule.kind === LeadAssignmentKind.FIXED && !rule.assigneeMembershipId) problems.push({ path: 'input.assigneeId', message: 'is required for a FIXED rule' });
    if (rule.teamId && !(await this.members.teamsByIds(principal.workspaceId, [rule.teamId], manager)).length) {
      problems.push({ path: 'input.teamId', message: 'is not a team of this workspace' });
    }
    if (rule.assigneeMembershipId && !(await this.members.activeMemberIds(principal.workspaceId, [rule.assigneeMembershipId], manager)).size) {
      problems.push({ path: 'input.assigneeId', message: 'is not an active member of this workspace' });
    }
    if (rule.sourceId && !(await this.sources.byIds(principal.workspaceId, [rule.sourceId], manager)).length) {
      problems.push({ path: 'input.sourceId', message: 'is not a lead source of this workspace' });
    }
    if (problems.length) throw new BadUserInputError(problems);
    rule.position ??= 0;
    return super.save(manager, principal, rule);
  }
}
