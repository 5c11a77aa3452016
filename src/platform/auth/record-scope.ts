import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Principal } from './principal';
import { AccessScope, hasRoleAtLeast, Role } from './roles';

/**
 * THE place where portfolio (cartera) visibility is decided, as SQL. Every query that returns accounts or
 * anything hanging off an account (contacts, documents, timeline, later deals, follow-ups, receivables) adds
 * the predicate built here; services never decide visibility on their own.
 *
 * - API keys and members with scope ALL: the whole workspace.
 * - OWN: accounts the member owns (primary or secondary).
 * - TEAM: accounts owned by the member or by anyone sharing a team with them.
 *
 * Leads are not seen through an account but through their assignee and routing team (leadScope below).
 */
export interface ScopePredicate {
  sql: string;
  params: Record<string, unknown>;
}

const seesEverything = (principal: Principal): boolean =>
  principal.kind === 'apiKey' || principal.accessScope === AccessScope.ALL;

/** The memberships whose accounts this principal may see, as a SQL sub-select (null when unrestricted). */
function visibleOwnersSql(principal: Principal): string | null {
  if (seesEverything(principal) || principal.kind !== 'member') return null;
  if (principal.accessScope === AccessScope.OWN) return 'SELECT CAST(:scopeMemberId AS uuid)';
  return `SELECT CAST(:scopeMemberId AS uuid)
          UNION
          SELECT mates.membership_id FROM team_members mine
            JOIN team_members mates ON mates.team_id = mine.team_id AND mates.workspace_id = mine.workspace_id
           WHERE mine.membership_id = :scopeMemberId AND mine.workspace_id = :scopeWorkspaceId`;
}

const paramsOf = (principal: Principal): Record<string, unknown> => ({
  scopeWorkspaceId: principal.workspaceId,
  scopeMemberId: principal.kind === 'member' ? principal.membershipId : null,
});

/** Predicate on an account row aliased `alias`: same workspace and within the principal's portfolio. */
export function accountScope(principal: Principal, alias: string): ScopePredicate {
  const owners = visibleOwnersSql(principal);
  const tenant = `${alias}.workspace_id = :scopeWorkspaceId`;
  if (!owners) return { sql: tenant, params: paramsOf(principal) };
  return {
    sql: `${tenant} AND EXISTS (SELECT 1 FROM account_owners scope_owner
            WHERE scope_owner.workspace_id = ${alias}.workspace_id AND scope_owner.account_id = ${alias}.id
              AND scope_owner.membership_id IN (${owners}))`,
    params: paramsOf(principal),
  };
}

/**
 * Predicate on a row that hangs off an account through `accountIdColumn` (e.g. `c.account_id`) and may carry
 * its own owner (`ownerColumn`, for records without an account such as a loose contact).
 */
export function attachedScope(
  principal: Principal,
  alias: string,
  accountIdColumn: string,
  ownerColumn?: string,
): ScopePredicate {
  const owners = visibleOwnersSql(principal);
  const tenant = `${alias}.workspace_id = :scopeWorkspaceId`;
  if (!owners) return { sql: tenant, params: paramsOf(principal) };
  const viaAccount = `EXISTS (SELECT 1 FROM account_owners scope_owner
      WHERE scope_owner.workspace_id = ${alias}.workspace_id AND scope_owner.account_id = ${accountIdColumn}
        AND scope_owner.membership_id IN (${owners}))`;
  const viaOwner = ownerColumn ? ` OR (${accountIdColumn} IS NULL AND ${ownerColumn} IN (${owners}))` : '';
  return { sql: `${tenant} AND (${viaAccount}${viaOwner})`, params: paramsOf(principal) };
}

/** The teams the member belongs to, as a SQL sub-select. */
const MY_TEAMS = `SELECT scope_team.team_id FROM team_members scope_team
   WHERE scope_team.workspace_id = :scopeWorkspaceId AND scope_team.membership_id = :scopeMemberId`;

/**
 * Predicate on a lead row aliased `alias` (columns assignee_membership_id, team_id): API keys and ALL see every
 * lead of the workspace; OWN the leads assigned to them; TEAM also those assigned to a teammate or routed to one
 * of their teams. An unassigned lead is also seen by MANAGER and above (whatever their scope) and by the members
 * of its routing team, who may claim it.
 */
export function leadScope(principal: Principal, alias: string): ScopePredicate {
  const assignees = visibleOwnersSql(principal);
  const tenant = `${alias}.workspace_id = :scopeWorkspaceId`;
  if (!assignees || principal.kind !== 'member') return { sql: tenant, params: paramsOf(principal) };
  const assignee = `${alias}.assignee_membership_id`;
  const routedToMyTeam = `${alias}.team_id IN (${MY_TEAMS})`;
  const assigned = `${assignee} IN (${assignees})${principal.accessScope === AccessScope.TEAM ? ` OR ${routedToMyTeam}` : ''}`;
  const unassigned = `${assignee} IS NULL AND ${hasRoleAtLeast(principal.role, Role.MANAGER) ? 'TRUE' : routedToMyTeam}`;
  return { sql: `${tenant} AND (${assigned} OR (${unassigned}))`, params: paramsOf(principal) };
}

/**
 * Predicate on a row that names its record by record_type / record_id and copies that record's anchor
 * (account_id, owner_membership_id): visible exactly when the record is. A lead's rows follow the lead's rule;
 * the others hang off an account, or, without one, their record's owner. The target of a follow-up is one of these.
 */
function recordAnchorScope(principal: Principal, alias: string): ScopePredicate {
  const attached = attachedScope(principal, alias, `${alias}.account_id`, `${alias}.owner_membership_id`);
  if (!visibleOwnersSql(principal)) return attached;
  const lead = leadScope(principal, 'scope_lead');
  return {
    sql: `((${alias}.record_type <> 'LEAD' AND ${attached.sql}) OR (${alias}.record_type = 'LEAD' AND EXISTS (
            SELECT 1 FROM leads scope_lead WHERE scope_lead.workspace_id = ${alias}.workspace_id AND scope_lead.id = ${alias}.record_id
              AND ${lead.sql})))`,
    params: { ...attached.params, ...lead.params },
  };
}

/**
 * Predicate on a document row aliased `alias`: visible exactly when its record is (recordAnchorScope). A follow-up's
 * document is anchored to the follow-up itself, not to a copy of its target's anchor: it is visible exactly when
 * the follow-up is (followUpScope: its target's visibility, and always its assignee), whether the target is a
 * lead, an account, a contact or a deal, and it follows the follow-up when the target moves or the assignee changes.
 */
export function documentScope(principal: Principal, alias: string): ScopePredicate {
  const record = recordAnchorScope(principal, alias);
  if (!visibleOwnersSql(principal)) return record;
  const followUp = followUpScope(principal, 'scope_fu');
  return {
    sql: `((${alias}.record_type <> 'FOLLOW_UP' AND ${record.sql}) OR (${alias}.record_type = 'FOLLOW_UP' AND EXISTS (
            SELECT 1 FROM follow_ups scope_fu WHERE scope_fu.workspace_id = ${alias}.workspace_id AND scope_fu.id = ${alias}.record_id
              AND ${followUp.sql})))`,
    params: { ...record.params, ...followUp.params },
  };
}

/**
 * Predicate on a follow-up row aliased `alias` (columns as a document's: record_type, record_id, account_id,
 * owner_membership_id; plus assignee_membership_id): visible when its target record is (recordAnchorScope), and
 * always to its assignee, whatever their portfolio.
 */
export function followUpScope(principal: Principal, alias: string): ScopePredicate {
  const target = recordAnchorScope(principal, alias);
  if (!visibleOwnersSql(principal) || principal.kind !== 'member') return target;
  return {
    sql: `${alias}.workspace_id = :scopeWorkspaceId AND ((${target.sql}) OR ${alias}.assignee_membership_id = :scopeMemberId)`,
    params: target.params,
  };
}

/**
 * A scope rule: the predicate that keeps a principal to the rows of one kind of record it may see, given the
 * alias of that kind's table in the query. Every kind of tenant record names one of the rules below (in this
 * module only) when it is handed to the scoped data access (src/platform/data).
 */
export type ScopeRule = (principal: Principal, alias: string) => ScopePredicate;

/** The scope rules, by kind of record. */
export const scopeRules = {
  /** An account: workspace + portfolio (its owners). */
  account: accountScope,
  /**
   * A row hanging off an account through its `account_id` column (contacts, documents, later deals and
   * receivables); with `ownerColumn`, a row without account is visible through that owner (a loose contact).
   */
  attachedToAccount:
    (ownerColumn?: string): ScopeRule =>
    (principal, alias) =>
      attachedScope(principal, alias, `${alias}.account_id`, ownerColumn ? `${alias}.${ownerColumn}` : undefined),
  /** A lead: its assignee, its routing team, and MANAGER+ for unassigned ones (leadScope). */
  lead: leadScope,
  /** A document: as its record (documentScope); a follow-up's document as the follow-up. */
  document: documentScope,
  /** A follow-up: as its target record, and always to its assignee (followUpScope). */
  followUp: followUpScope,
  /** Workspace-wide data every member reads (catalog, settings lists): the workspace only, no portfolio. */
  workspace: (principal: Principal, alias: string): ScopePredicate => ({
    sql: `${alias}.workspace_id = :scopeWorkspaceId`,
    params: { scopeWorkspaceId: principal.workspaceId },
  }),
  /**
   * Work a principal started (a lead import, `created_by_member_id`): API keys see the workspace's, members their
   * own, MANAGER and above everyone's.
   */
  startedBy: (principal: Principal, alias: string): ScopePredicate => ({
    sql:
      principal.kind === 'apiKey' || hasRoleAtLeast(principal.role, Role.MANAGER)
        ? `${alias}.workspace_id = :scopeWorkspaceId`
        : `${alias}.workspace_id = :scopeWorkspaceId AND ${alias}.created_by_member_id = :scopeMemberId`,
    params: paramsOf(principal),
  }),
  // Extension point: rules of records that are not (only) seen through an account go here, next to the others.
  // Domains never write scope SQL of their own.
} satisfies Record<string, ScopeRule | ((...args: never[]) => ScopeRule)>;

/** Anything that runs a TypeORM query builder: the DataSource or a transaction's EntityManager. */
interface QueryBuilderSource {
  createQueryBuilder(): SelectQueryBuilder<ObjectLiteral>;
}

/**
 * Which of `accountIds` (of the principal's workspace, e.g. ids stored in timeline entries) the principal may see.
 * One query for any number of ids; none when the principal sees the whole workspace or there is nothing to check.
 */
export async function visibleAccountIds(
  source: QueryBuilderSource,
  principal: Principal,
  accountIds: readonly string[],
): Promise<Set<string>> {
  const wanted = [...new Set(accountIds)];
  if (!wanted.length || seesEverything(principal)) return new Set(wanted);
  const scope = accountScope(principal, 'a');
  const rows: { id: string }[] = await source
    .createQueryBuilder()
    .select('a.id', 'id')
    .from('accounts', 'a')
    .where('a.id IN (:...scopeAccountIds)', { scopeAccountIds: wanted })
    .andWhere(scope.sql, scope.params)
    .getRawMany();
  return new Set(rows.map((row) => row.id));
}
