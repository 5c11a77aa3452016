import { registerEnumType } from 'type-graphql';

// Roles and access scopes are platform's (guards and record scope apply them); identity assigns them to members.
export { AccessScope, hasRoleAtLeast, Role, roleRank } from '../platform/auth/roles';

export enum MembershipStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  REMOVED = 'REMOVED',
}

registerEnumType(MembershipStatus, { name: 'MembershipStatus' });
