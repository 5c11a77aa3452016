import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import type { PrincipalCache } from '../platform/auth/principal-cache';
import { announceActivity } from '../platform/events/activity.topic';
import type { EventBus } from '../platform/events/event-bus';
import { principalsTopic, type PrincipalsChangedEvent } from '../platform/auth/principals.topic';
import { randomToken, sha256 } from '../platform/auth/secrets';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, type FieldProblem } from '../platform/errors/errors';
import { ErrorReason } from '../platform/errors/error-reason';
import { diffFields } from '../platform/timeline/diff';
import { RecordType } from '../platform/timeline/timeline-entry.entity';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { parseInput } from '../platform/validation/parse-input';
import type { Embed } from '../platform/data/lean-rows';
import { memberEmbedOf, membersWithProfiles, type MemberWithProfile, type UserProfile } from './member-reads';
import { inviteMemberSchema, setMemberTimeZoneSchema, updateMemberSchema } from './identity.schemas';
import type { FieldChange } from '../platform/timeline/timeline-entry.entity';
import { Membership } from './membership.entity';
import { hasRoleAtLeast, MembershipStatus, Role } from './roles';
import { Team, TeamMember } from './team.entity';
import { User } from './user.entity';

export type { MemberWithProfile, UserProfile } from './member-reads';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export interface Invitation {
  membership: Membership;
  /** One-time token for acceptInvitation (always given, whether or not the person already has an account). */
  invitationToken: string;
}

/** Members and teams of a workspace. Every method is bounded to the caller's workspace. */
export class MembersService {
  constructor(
    private readonly db: DataSource,
    /** Audits identity changes (identityHistory) in their transaction. */
    private readonly timeline: TimelineService,
    /** Announces changes of rights to every instance, so open connections re-authenticate at once. */
    private readonly events?: EventBus,
    /** This instance's cached authentications: a change of rights forgets them as soon as it commits. */
    private readonly principals?: PrincipalCache,
  ) {}

  private audit(manager: EntityManager, principal: Principal, member: Membership, kind: string, entry: { changes?: FieldChange[]; data?: Record<string, unknown> }) {
    return this.timeline.record(manager, principal, [{ kind, recordType: RecordType.MEMBER, recordId: member.id, accountId: null, ...entry }]);
  }

  async list(principal: Principal): Promise<Membership[]> {
    return this.db.getRepository(Membership).find({
      where: { workspaceId: principal.workspaceId, status: In([MembershipStatus.ACTIVE, MembershipStatus.INVITED]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  async get(principal: Principal, memberId: string): Promise<Membership> {
    const membership = await this.db
      .getRepository(Membership)
      .findOne({ where: { id: memberId, workspaceId: principal.workspaceId } });
    if (!membership) throw new NotFoundError('Member');
    return membership;
  }

  /**
   * Invites a person by email. The answer is the same whatever the email (DESIGN §3, no existence leaks): always
   * an INVITED member, shown with the name given here, and a one-time invitation token. A person without an
   * account sets a password with it; one with an account accepts it with their password (acceptInvitation).
   */
  async invite(principal: Principal, input: unknown): Promise<Invitation> {
    const data = parseInput(inviteMemberSchema, input);
    this.assertMayGrant(principal, data.role);
    const invitedName = data.name ?? data.email.split('@')[0];
    return this.db.transaction(async (manager) => {
      let user = await manager.findOne(User, { where: { email: data.email } });
      user ??= await manager.save(manager.create(User, { email: data.email, name: invitedName, passwordHash: null }));
      const existing = await manager.findOne(Membership, { where: { workspaceId: principal.workspaceId, userId: user.id } });
      if (existing && existing.status !== MembershipStatus.REMOVED) {
        throw new ConflictError('This person is already a member of the workspace', { reason: ErrorReason.ALREADY_MEMBER });
      }
      const invitationToken = randomToken();
      const membership = existing ?? manager.create(Membership, { workspaceId: principal.workspaceId, userId: user.id });
      Object.assign(membership, {
        role: data.role,
        accessScope: data.accessScope,
        status: MembershipStatus.INVITED,
        invitationTokenHash: sha256(invitationToken),
        invitationExpiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        invitedName,
      });
      const saved = await manager.save(membership);
      if (data.teamIds) await this.replaceTeams(manager, principal.workspaceId, saved.id, data.teamIds, 'input.teamIds');
      await this.audit(manager, principal, saved, 'MEMBER_INVITED', {
        data: { name: invitedName, role: saved.role, accessScope: saved.accessScope, teamIds: data.teamIds ?? [] },
      });
      return { membership: saved, invitationToken };
    });
  }

  async update(principal: Principal, input: unknown): Promise<Membership> {
    const data = parseInput(updateMemberSchema, input);
    return this.announcing(async (manager, announce) => {
      const target = await this.lockMember(manager, principal.workspaceId, data.memberId);
      const before = { role: target.role, accessScope: target.accessScope };
      if (data.expectedVersion != null && data.expectedVersion !== target.version) {
        throw new ConflictError('This member changed since you read it', { reason: ErrorReason.VERSION_MISMATCH, currentVersion: target.version });
      }
      if (target.role === Role.OWNER) this.assertMayGrant(principal, Role.OWNER);
      if (data.role) {
        this.assertMayGrant(principal, data.role);
        if (target.role === Role.OWNER && data.role !== Role.OWNER) await this.assertNotLastOwner(manager, target);
        target.role = data.role;
      }
      if (data.accessScope) target.accessScope = data.accessScope;
      const rightsChanged = target.role !== before.role || target.accessScope !== before.accessScope;
      const saved = await manager.save(target);
      // Teams are rights too: a TEAM-scoped member's reach (and what their live states show) moves with them.
      if (rightsChanged || data.teamIds) await announce(saved);
      if (data.teamIds) await this.replaceTeams(manager, principal.workspaceId, saved.id, data.teamIds, 'input.teamIds');
      const changes = diffFields(before, saved, ['role', 'accessScope']);
      if (changes.length || data.teamIds) {
        await this.audit(manager, principal, saved, 'MEMBER_UPDATED', { changes, data: data.teamIds ? { teamIds: data.teamIds } : undefined });
      }
      return saved;
    });
  }

  /** A member's own time zone (null: the workspace's): a member sets theirs, ADMIN+ (or an API key) anyone's. */
  async setTimeZone(principal: Principal, input: unknown): Promise<Membership> {
    const data = parseInput(setMemberTimeZoneSchema, input);
    const memberId = data.memberId ?? (principal.kind === 'member' ? principal.membershipId : null);
    if (!memberId) throw BadUserInputError.field('input.memberId', 'is required for an API key');
    if (principal.kind === 'member' && memberId !== principal.membershipId && !hasRoleAtLeast(principal.role, Role.ADMIN)) {
      throw new ForbiddenError('Only an ADMIN or above may set another member\'s time zone', ErrorReason.ROLE_REQUIRED);
    }
    return this.db.transaction(async (manager) => {
      const target = await this.lockMember(manager, principal.workspaceId, memberId);
      const before = { timeZone: target.timeZone };
      target.timeZone = data.timeZone ?? null;
      const changes = diffFields(before, target, ['timeZone']);
      if (!changes.length) return target;
      const saved = await manager.save(target);
      await this.audit(manager, principal, saved, 'MEMBER_UPDATED', { changes });
      // Their "today" moved: DUE_TODAY and the others are recounted in the new zone.
      await announceActivity(this.events, manager, { workspaceId: principal.workspaceId, memberIds: [saved.id] });
      return saved;
    });
  }

  /** Time zones of members of the workspace (null: none of their own), for counters and agendas; one query. */
  async timeZonesOf(workspaceId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows = await this.db.getRepository(Membership).find({ where: { workspaceId, id: In([...ids]) }, select: { id: true, timeZone: true } });
    return new Map(rows.map((row) => [row.id, row.timeZone]));
  }

  /** Removes a member (or lets a member leave). The last OWNER cannot leave. */
  async remove(principal: Principal, memberId: string): Promise<Membership> {
    return this.announcing(async (manager, announce) => {
      const target = await this.lockMember(manager, principal.workspaceId, memberId);
      const leavingSelf = principal.kind === 'member' && principal.membershipId === target.id;
      if (!leavingSelf) {
        if (principal.kind === 'member' && !hasRoleAtLeast(principal.role, Role.ADMIN)) {
          throw new ForbiddenError('Only admins may remove other members', ErrorReason.ROLE_REQUIRED);
        }
        if (target.role === Role.OWNER) this.assertMayGrant(principal, Role.OWNER);
      }
      if (target.role === Role.OWNER) await this.assertNotLastOwner(manager, target);
      target.status = MembershipStatus.REMOVED;
      target.invitationTokenHash = null;
      const saved = await manager.save(target);
      await manager.delete(TeamMember, { membershipId: target.id });
      await manager.update('refresh_sessions', { membershipId: target.id }, { revokedAt: new Date() });
      await announce(saved);
      await this.audit(manager, principal, saved, 'MEMBER_REMOVED', { data: { role: saved.role, leftSelf: leavingSelf } });
      return saved;
    });
  }

  /** The users' profiles (what a Member shows of its user: no password hash). */
  async usersByIds(ids: readonly string[]): Promise<UserProfile[]> {
    return this.db.getRepository(User).find({ where: { id: In([...ids]) }, select: { id: true, email: true, name: true } });
  }

  /**
   * Memberships of the workspace, each with its user's profile, in one statement: the membership loaders prime
   * the user loader with them, so a member's name and email cost nothing more.
   */
  membershipsWithUsersByIds(workspaceId: string, ids: readonly string[]): Promise<MemberWithProfile[]> {
    return membersWithProfiles(this.db, workspaceId, ids);
  }

  /**
   * A member (with their profile) read in another record's statement (data/embedded-reads.ts), for the id
   * `memberIdSql(alias)` gives (null when none); the caller's identity loaders adopt it (`adoptMember`).
   */
  memberEmbed(property: string, memberIdSql: (alias: string) => string): Embed {
    return memberEmbedOf(this.db, property, memberIdSql);
  }

  /**
   * Which of `ids` are active members of the workspace (owners and assignees must be); one query, none for [].
   * Inside a transaction pass its `manager`: a second connection per transaction can starve the pool.
   */
  /**
   * One BAD_USER_INPUT problem per reference that is not an active member of the workspace ("is not an active
   * member of this workspace" at its path), in one statement: what owners, assignees and credits are checked with.
   */
  async inactiveMemberProblems(
    workspaceId: string,
    references: readonly { path: string; id: string | null | undefined }[],
    manager?: EntityManager,
  ): Promise<FieldProblem[]> {
    const given = references.filter((reference): reference is { path: string; id: string } => Boolean(reference.id));
    if (!given.length) return [];
    const active = await this.activeMemberIds(workspaceId, given.map((reference) => reference.id), manager);
    return given.filter((reference) => !active.has(reference.id)).map(({ path }) => ({ path, message: 'is not an active member of this workspace' }));
  }

  async activeMemberIds(workspaceId: string, ids: readonly (string | null | undefined)[], manager: EntityManager = this.db.manager): Promise<Set<string>> {
    const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (!wanted.length) return new Set();
    const found = await manager.getRepository(Membership).find({
      where: { workspaceId, id: In(wanted), status: MembershipStatus.ACTIVE },
      select: { id: true },
    });
    return new Set(found.map((membership) => membership.id));
  }

  /**
   * Active members, of every workspace, whose calendar day changed between `from` and `to` (their midnight fell in
   * that interval, in their own time zone, else their workspace's): the clock tick re-announces their counters
   * ("today" moved).
   */
  async dayRolledOverBetween(from: Date, to: Date): Promise<Map<string, string[]>> {
    const rows: { workspace_id: string; ids: string[] }[] = await this.db.query(
      `SELECT m.workspace_id, array_agg(m.id::text) AS ids
         FROM workspaces w JOIN memberships m ON m.workspace_id = w.id AND m.status = $3
        WHERE ($2::timestamptz AT TIME ZONE COALESCE(m.time_zone, w.time_zone))::date
            > ($1::timestamptz AT TIME ZONE COALESCE(m.time_zone, w.time_zone))::date
        GROUP BY m.workspace_id`,
      [from, to, MembershipStatus.ACTIVE],
    );
    return new Map(rows.map((row) => [row.workspace_id, row.ids]));
  }

  /** Team ids per membership (used by TEAM access scope and the Member.teams field). */
  async teamLinks(workspaceId: string, membershipIds: readonly string[]): Promise<TeamMember[]> {
    return this.db.getRepository(TeamMember).find({ where: { workspaceId, membershipId: In([...membershipIds]) } });
  }

  async teamsByIds(workspaceId: string, ids: readonly string[], manager: EntityManager = this.db.manager): Promise<Team[]> {
    return manager.getRepository(Team).find({ where: { workspaceId, id: In([...ids]) } });
  }

  /** The active members of each team, by membership id (lead routing's round robin); one query, none for []. */
  async activeMembersOfTeams(workspaceId: string, teamIds: readonly string[], manager: EntityManager = this.db.manager): Promise<Map<string, string[]>> {
    const wanted = [...new Set(teamIds)];
    const byTeam = new Map<string, string[]>(wanted.map((id) => [id, []]));
    if (!wanted.length) return byTeam;
    const rows = await manager
      .getRepository(TeamMember)
      .createQueryBuilder('tm')
      .innerJoin(Membership, 'm', 'm.id = tm.membershipId AND m.workspaceId = tm.workspaceId')
      .where('tm.workspaceId = :workspaceId AND tm.teamId IN (:...wanted) AND m.status = :active', { workspaceId, wanted, active: MembershipStatus.ACTIVE })
      .orderBy('tm.membershipId')
      .getMany();
    for (const row of rows) byTeam.get(row.teamId)?.push(row.membershipId);
    return byTeam;
  }

  async teamMemberLinks(workspaceId: string, teamIds: readonly string[]): Promise<TeamMember[]> {
    return this.db.getRepository(TeamMember).find({ where: { workspaceId, teamId: In([...teamIds]) } });
  }

  private async lockMember(manager: EntityManager, workspaceId: string, memberId: string): Promise<Membership> {
    const target = await manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.id = :memberId AND m.workspaceId = :workspaceId', { memberId, workspaceId })
      .getOne();
    if (!target || target.status === MembershipStatus.REMOVED) throw new NotFoundError('Member');
    return target;
  }

  /**
   * Runs a command that may change members' rights in one transaction. `announce` publishes the change in it
   * (delivered to every instance only if it commits, after what it committed); once the transaction is over, this
   * instance's principal cache forgets those members at once, without waiting for the bus.
   */
  private async announcing<T>(
    command: (manager: EntityManager, announce: (membership: Membership) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    const changes: PrincipalsChangedEvent[] = [];
    try {
      return await this.db.transaction((manager) =>
        command(manager, async (membership) => {
          const change = { workspaceId: membership.workspaceId, membershipIds: [membership.id], apiKeyIds: [] };
          await this.events?.publish(manager, principalsTopic, change);
          changes.push(change);
        }),
      );
    } finally {
      // Also when the commit failed: it may have happened (a lost connection), and forgetting costs only a look-up.
      for (const change of changes) this.principals?.forget(change);
    }
  }

  /** Only an OWNER may create, change or remove an OWNER; nobody may grant a role above their own. */
  private assertMayGrant(principal: Principal, role: Role): void {
    if (principal.kind !== 'member') {
      if (role === Role.OWNER) throw new ForbiddenError('API keys cannot grant or change the OWNER role', ErrorReason.MEMBERS_ONLY);
      return;
    }
    if (!hasRoleAtLeast(principal.role, role)) throw new ForbiddenError(`Only ${role} or higher may grant or change ${role}`, ErrorReason.ROLE_REQUIRED);
  }

  private async assertNotLastOwner(manager: EntityManager, target: Membership): Promise<void> {
    // Lock the workspace's owners so two concurrent demotions cannot both pass.
    const owners = await manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.workspaceId = :workspaceId AND m.role = :role AND m.status = :status', {
        workspaceId: target.workspaceId,
        role: Role.OWNER,
        status: MembershipStatus.ACTIVE,
      })
      .getMany();
    if (owners.filter((owner) => owner.id !== target.id).length === 0) {
      throw new ConflictError('The last OWNER of a workspace cannot leave or be demoted; make another OWNER first', { reason: ErrorReason.LAST_OWNER });
    }
  }

  async replaceTeams(
    manager: EntityManager,
    workspaceId: string,
    membershipId: string,
    teamIds: string[],
    path: string,
  ): Promise<void> {
    const unique = [...new Set(teamIds)];
    const found = unique.length ? await manager.find(Team, { where: { workspaceId, id: In(unique) } }) : [];
    if (found.length !== unique.length) throw BadUserInputError.field(path, 'contains a team that does not exist');
    await manager.delete(TeamMember, { workspaceId, membershipId });
    if (unique.length) {
      await manager.insert(TeamMember, unique.map((teamId) => ({ teamId, membershipId, workspaceId })));
    }
  }
}
