import { defineProjection } from '../platform/data/lean-rows';

/**
 * What the FollowUp field resolvers read beyond a field of their own name (lean reads load only these columns).
 * Add a line when a field resolver reads a new property.
 */
export const followUpProjection = defineProjection({
  needs: {
    type: ['typeId'],
    state: ['stateId'],
    assignee: ['assigneeMembershipId'],
    chain: ['chainRootId'],
    createdBy: ['createdBy'],
  },
});
