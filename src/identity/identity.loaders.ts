import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, groupedByKey } from '../platform/loaders/batch';
import type { MembersService, MemberWithProfile, UserProfile } from './members.service';
import type { Team } from './team.entity';
import type { Workspace } from './workspace.entity';
import type { WorkspacesService } from './workspaces.service';
import type { Membership } from './membership.entity';

const byId = <T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] => byKey(ids, rows, (row) => row.id);

/** Per-request loaders of the identity domain; every one is bounded to the caller's workspace. */
export function createIdentityLoaders(
  currentPrincipal: () => Principal | null,
  members: MembersService,
  workspaces: WorkspacesService,
) {
  // Read at batch time: log-in mutations set the principal during the request.
  const workspaceOf = (): string => currentPrincipal()?.workspaceId ?? '00000000-0000-0000-0000-000000000000';
  /**
   * Profiles already read in this request, by user id: Member.name and email answer from it synchronously (an
   * async resolver always sends graphql-js down its promise path, per field of every row).
   */
  const profiles = new Map<string, UserProfile>();
  const user = new DataLoader<string, UserProfile | null>(async (ids) => {
    const found = await members.usersByIds(ids);
    for (const row of found) profiles.set(row.id, row);
    return byId(ids, found);
  });
  /** Memberships with their users in one statement; the users go into the user loader (Member.name, email). */
  const adoptProfile = (row: MemberWithProfile): void => {
    user.prime(row.user.id, row.user);
    profiles.set(row.user.id, row.user);
  };
  const membershipsWithUsers = async (workspaceId: string, ids: readonly string[]): Promise<Membership[]> => {
    const found = await members.membershipsWithUsersByIds(workspaceId, ids);
    for (const row of found) adoptProfile(row);
    return found.map((row) => row.membership);
  };
  const membership = new DataLoader<string, Membership | null>(async (ids) => byId(ids, await membershipsWithUsers(workspaceOf(), ids)));
  return {
    user,
    /** The user's profile when this request has already read it (else undefined: use `user`). */
    loadedUser: (userId: string): UserProfile | undefined => profiles.get(userId),
    membership,
    /**
     * A member read with another record (MembersService.memberEmbed): its profile joins this request's, and the
     * membership is the one `membership.load(id)` answers from then on. Returns the membership.
     */
    adoptMember: (row: MemberWithProfile): Membership => {
      adoptProfile(row);
      membership.prime(row.membership.id, row.membership);
      return row.membership;
    },
    workspace: new DataLoader<string, Workspace | null>(async (ids) =>
      byId(ids, await workspaces.byIds(ids.filter((id) => id === workspaceOf()))),
    ),
    teamsOfMembership: new DataLoader<string, Team[]>(async (membershipIds) => {
      const workspaceId = workspaceOf();
      const links = await members.teamLinks(workspaceId, membershipIds);
      const teams = links.length ? await members.teamsByIds(workspaceId, [...new Set(links.map((l) => l.teamId))]) : [];
      const teamById = new Map(teams.map((team) => [team.id, team]));
      return groupedByKey(membershipIds, links, (link) => link.membershipId).map((group) =>
        group
          .map((link) => teamById.get(link.teamId))
          .filter((team): team is Team => Boolean(team))
          .sort((x, y) => x.name.localeCompare(y.name)),
      );
    }),
    membersOfTeam: new DataLoader<string, Membership[]>(async (teamIds) => {
      const workspaceId = workspaceOf();
      const links = await members.teamMemberLinks(workspaceId, teamIds);
      const memberships = await membershipsWithUsers(workspaceId, [...new Set(links.map((l) => l.membershipId))]);
      const byMembership = new Map(memberships.map((m) => [m.id, m]));
      return groupedByKey(teamIds, links, (link) => link.teamId).map((group) =>
        group.map((link) => byMembership.get(link.membershipId)).filter((m): m is Membership => Boolean(m)),
      );
    }),
  };
}

export type IdentityLoaders = ReturnType<typeof createIdentityLoaders>;
