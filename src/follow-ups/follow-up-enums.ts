import { registerEnumType } from 'type-graphql';
import { Role } from '../identity/roles';
import type { GuardRule } from '../platform/auth/guard';

/** What kind of work a follow-up type is (the base every workspace type maps to). */
export enum FollowUpKind {
  CALL = 'CALL',
  EMAIL = 'EMAIL',
  MEETING = 'MEETING',
  VISIT = 'VISIT',
  TASK = 'TASK',
  COLLECTION = 'COLLECTION',
}
registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  description: 'The base kind of a follow-up type.',
  valuesConfig: {
    CALL: { description: 'A phone call.' },
    EMAIL: { description: 'An email to send or answer.' },
    MEETING: { description: 'A meeting (in person or online).' },
    VISIT: { description: 'A visit to the customer.' },
    TASK: { description: 'Any other task.' },
    COLLECTION: { description: 'A collection (cobranza) call or action on a receivable.' },
  },
});

/** Where a follow-up is in its life. */
export enum FollowUpStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(FollowUpStatus, {
  name: 'FollowUpStatus',
  description: 'Where a follow-up is in its life.',
  valuesConfig: {
    OPEN: { description: 'Still to do (it may be postponed, closed, cancelled or continued).' },
    DONE: { description: 'Closed with an outcome (closeFollowUp or continueFollowUp).' },
    CANCELLED: { description: 'Cancelled (cancelFollowUp); kept for history.' },
  },
});

/** How a closed follow-up went. */
export enum FollowUpOutcome {
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
}
registerEnumType(FollowUpOutcome, {
  name: 'FollowUpOutcome',
  description: 'How a closed follow-up went.',
  valuesConfig: {
    SUCCESS: { description: 'It achieved its purpose.' },
    FAILURE: { description: 'It did not (no answer, refused...).' },
  },
});

/** Whether an activity entry moves the follow-up forward or back (an activity definition's effect). */
export enum ActivityEffect {
  PROGRESS = 'PROGRESS',
  REGRESS = 'REGRESS',
}
registerEnumType(ActivityEffect, {
  name: 'ActivityEffect',
  description: 'Whether an activity of this definition moves the work forward or back.',
  valuesConfig: {
    PROGRESS: { description: 'A step forward (e.g. "Proposal sent", "Customer answered").' },
    REGRESS: { description: 'A step back (e.g. "No answer", "Customer asked to wait").' },
  },
});

/**
 * Who may do what with follow-ups: any member works them (their target's visibility, or being the assignee,
 * decides which), API keys with followups:read / followups:write; their settings (types, states) are ADMIN+.
 */
export const followUpsGuard: { read: GuardRule; write: GuardRule; settings: GuardRule } = {
  read: { scope: 'followups:read' },
  write: { scope: 'followups:write', role: Role.MEMBER },
  settings: { scope: 'followups:write', role: Role.ADMIN },
};
