import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { embeddedList, mapEmbed } from '../platform/data/embedded-reads';
import { projectionOf, readLean, type Embed } from '../platform/data/lean-rows';
import { Membership } from './membership.entity';
import type { User } from './user.entity';

/** What a Member shows of its user. */
export type UserProfile = Pick<User, 'id' | 'email' | 'name'>;

/** A membership as Member fields read it, with its user's profile. */
export interface MemberWithProfile {
  membership: Membership;
  user: UserProfile;
}

/** What a Member read loads: every column but the invitation's secret and expiry (never shown). */
const MEMBER_COLUMNS = projectionOf(['userId', 'role', 'accessScope', 'status', 'timeZone', 'invitedName', 'version', 'createdAt', 'updatedAt']);
const PROFILE_COLUMNS = projectionOf(['email', 'name']);

/** Memberships joined to their users, for lean reads of both (no entity hydration, no invitation secrets). */
const withUsers = (db: DataSource, alias: string, userAlias: string): SelectQueryBuilder<Membership> =>
  db.getRepository(Membership).createQueryBuilder(alias).innerJoin(`${alias}.user`, userAlias);

/** A lean membership read with its `user` joined: the profile goes its own way (the row stays partial). */
function apart(membership: Membership): MemberWithProfile {
  const user = membership.user as User;
  membership.user = undefined;
  return { membership, user };
}

/** Memberships of the workspace among `ids`, each with its user's profile, in one statement. */
export async function membersWithProfiles(db: DataSource, workspaceId: string, ids: readonly string[]): Promise<MemberWithProfile[]> {
  if (!ids.length) return [];
  const query = withUsers(db, 'm', 'u').where('m.workspaceId = :workspaceId AND m.id = ANY(:ids)', { workspaceId, ids: [...ids] });
  return (await readLean(query, MEMBER_COLUMNS, { user: PROFILE_COLUMNS })).map(apart);
}

/** The membership of the row's workspace whose id `memberIdSql(alias)` gives, embedded in the row's statement (null when none). */
export function memberEmbedOf(db: DataSource, property: string, memberIdSql: (alias: string) => string): Embed {
  const list = embeddedList({
    property,
    rows: (alias) =>
      withUsers(db, 'embedded_member', 'embedded_user').where(
        `embedded_member.workspace_id = ${alias}.workspace_id AND embedded_member.id = (${memberIdSql(alias)})`,
      ),
    order: [{ sql: 'embedded_member.id', direction: 'ASC' }],
    limit: 1,
    projection: MEMBER_COLUMNS,
    joined: { user: PROFILE_COLUMNS },
    // A seller owns many of a page's accounts (a deal's, a follow-up's): each member is read once per statement.
    repeats: true,
  });
  return mapEmbed(list, (rows) => {
    const [membership] = rows as Membership[];
    return membership ? apart(membership) : null;
  });
}
