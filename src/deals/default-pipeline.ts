import { DealRequirement, StageKind } from './deal-enums';
import type { StageSpec } from './pipeline.inputs';

/**
 * What a new workspace starts with (the demo workspace too): one strict-order sales pipeline and a few lost
 * reasons, all editable by its admins afterwards.
 */
export const DEFAULT_PIPELINE: { name: string; strictOrder: boolean; stages: StageSpec[] } = {
  name: 'Sales',
  strictOrder: true,
  stages: [
    { name: 'Qualification', probability: '10', kind: StageKind.OPEN, requiredFields: [] },
    { name: 'Needs analysis', probability: '25', kind: StageKind.OPEN, requiredFields: [DealRequirement.CONTACT] },
    { name: 'Proposal', probability: '50', kind: StageKind.OPEN, requiredFields: [DealRequirement.AMOUNT, DealRequirement.EXPECTED_CLOSE_DATE] },
    { name: 'Negotiation', probability: '75', kind: StageKind.OPEN, requiredFields: [DealRequirement.AMOUNT, DealRequirement.CONTACT] },
    { name: 'Won', probability: '100', kind: StageKind.WON, requiredFields: [DealRequirement.AMOUNT] },
    { name: 'Lost', probability: '0', kind: StageKind.LOST, requiredFields: [] },
  ],
};

export const DEFAULT_LOST_REASONS = ['Price', 'Competitor', 'No budget', 'No decision', 'Timing'];
