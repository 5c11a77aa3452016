import { registerEnumType } from 'type-graphql';

// Roles and access scopes are platform's (guards and record scope apply them); identity assigns them to members.
export { AccessScope, hasRoleAtLeast, Role, roleRank } from '../platform/auth/roles';

export enum MembershipStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  REMOVED = 'REMOVED',
}

registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'Where a member is in the workspace.',
  valuesConfig: {
    INVITED: { description: 'Invited; not yet accepted (acceptInvitation).' },
    ACTIVE: { description: 'May log in and use the workspace.' },
    REMOVED: { description: 'Removed (or left); lost access at once, kept in history.' },
  },
});
