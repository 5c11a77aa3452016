import { registerEnumType } from 'type-graphql';
import { Role } from '../identity/roles';
import type { GuardRule } from '../platform/auth/guard';

/** What a stage means for the deals in it: still open, or closed as won or lost. */
export enum StageKind {
  OPEN = 'OPEN',
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(StageKind, {
  name: 'StageKind',
  description: 'What a pipeline stage means for its deals.',
  valuesConfig: {
    OPEN: { description: 'The deal is being worked on.' },
    WON: { description: 'Entering it wins the deal (status WON, wonAt set).' },
    LOST: { description: 'Entering it loses the deal (status LOST, lostAt set).' },
  },
});

/** The state of a deal, decided by the kind of the stage it is in. */
export enum DealStatus {
  OPEN = 'OPEN',
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(DealStatus, {
  name: 'DealStatus',
  description: 'The state of a deal: the kind of the stage it is in.',
  valuesConfig: {
    OPEN: { description: 'In an OPEN stage.' },
    WON: { description: 'In a WON stage (winDeal, or moveDeal to a WON stage).' },
    LOST: { description: 'In a LOST stage (loseDeal, or moveDeal to a LOST stage).' },
  },
});

/** What a deal must have to enter a stage (and to stay in it while edited). */
export enum DealRequirement {
  AMOUNT = 'AMOUNT',
  EXPECTED_CLOSE_DATE = 'EXPECTED_CLOSE_DATE',
  CONTACT = 'CONTACT',
  PRODUCT_LINE = 'PRODUCT_LINE',
}
registerEnumType(DealRequirement, {
  name: 'DealRequirement',
  description: 'A field a deal must have to enter a stage; edits that would remove it while the deal is there are refused too.',
  valuesConfig: {
    AMOUNT: { description: 'An amount: at least one product line, or a manual amount.' },
    EXPECTED_CLOSE_DATE: { description: 'An expected close date.' },
    CONTACT: { description: 'At least one contact of the deal\'s account.' },
    PRODUCT_LINE: { description: 'At least one product line.' },
  },
});

/**
 * Who may do what with deals. Deals themselves: any member (their portfolio decides which deals), or an API key
 * with deals:read / deals:write. Pipelines and lost reasons are the workspace's sales process, configured like
 * the other settings: ADMIN and above (or deals:write).
 */
export const dealsGuard: { read: GuardRule; write: GuardRule; configure: GuardRule } = {
  read: { scope: 'deals:read' },
  write: { scope: 'deals:write', role: Role.MEMBER },
  configure: { scope: 'deals:write', role: Role.ADMIN },
};
