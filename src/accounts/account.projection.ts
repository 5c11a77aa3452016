import { defineProjection } from '../platform/data/lean-rows';

/**
 * What the Account and Contact field resolvers read beyond a field of their own name (lean reads load only
 * these columns; under tests an undeclared read throws). Add a line when a field resolver reads a new property.
 */
export const accountProjection = defineProjection({
  needs: { typeLabel: ['type'], archivedBy: ['archivedAt', 'archivedBy'] },
});

export const contactProjection = defineProjection({
  needs: { account: ['accountId'], owner: ['ownerMembershipId'], archivedBy: ['archivedAt', 'archivedBy'] },
});
