import { registerEnumType } from 'type-graphql';

export enum Role {
  OWNER = 'OWNER',
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  MEMBER = 'MEMBER',
}

/** Higher rank may do everything a lower rank may. */
export const roleRank: Record<Role, number> = { OWNER: 4, ADMIN: 3, MANAGER: 2, MEMBER: 1 };

export const hasRoleAtLeast = (role: Role, minimum: Role): boolean => roleRank[role] >= roleRank[minimum];

/** What part of the workspace's portfolio (cartera) a member sees. */
export enum AccessScope {
  ALL = 'ALL',
  TEAM = 'TEAM',
  OWN = 'OWN',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'A member role; each includes the rights of those below it.',
  valuesConfig: {
    OWNER: { description: 'Everything, including changing other owners; a workspace keeps at least one.' },
    ADMIN: { description: 'Manages members, teams, API keys, settings lists and workspace settings.' },
    MANAGER: { description: 'Also reassigns account owners and edits the catalog.' },
    MEMBER: { description: 'Reads and edits the records within their access scope.' },
  },
});
registerEnumType(AccessScope, {
  name: 'AccessScope',
  description: 'ALL: the whole workspace; TEAM: accounts owned by anyone in my teams; OWN: accounts I own.',
  valuesConfig: {
    ALL: { description: 'Every account of the workspace, and what hangs off them.' },
    TEAM: { description: 'Accounts owned (primary or secondary) by the member or by anyone sharing a team with them, and what hangs off them.' },
    OWN: { description: 'Accounts the member owns (primary or secondary), and what hangs off them.' },
  },
});
