import { defineFilterable } from '../platform/filtering/define-filterable';
import { custom, enumeration, enumFilterInput, text, timestamp, uuid } from '../platform/filtering/filter-fields';
import { defineOrdering, OrderDirection } from '../platform/pagination/ordering';
import { FollowUpStatus } from './follow-up-enums';
import type { FollowUp } from './follow-up.entity';

/** Open and due before the statement's time. */
const OVERDUE = "(fu.status = 'OPEN' AND fu.due_at < now())";

/** Follow-up conditions against the follow-up alias `fu`. */
export const followUpFilter = defineFilterable({
  name: 'FollowUpFilter',
  description: 'Typed follow-up conditions; fields combine with AND; use and / or / not to compose.',
  fields: {
    id: uuid('fu.id', { description: 'The follow-up\'s id.' }),
    subject: text('fu.subject', { description: 'The subject (contains / startsWith / endsWith ignore case).' }),
    dueAt: timestamp('fu.due_at', { description: 'When it is due (range of UTC instants; a day of a time zone is [its midnight, the next) with explicit offsets).' }),
    assigneeId: uuid('fu.assignee_membership_id', { description: 'The member who does it (isNull: nobody).' }),
    typeId: uuid('fu.type_id', { description: 'Its follow-up type.' }),
    stateId: uuid('fu.state_id', { description: 'Its state (isNull: none).' }),
    status: enumeration('fu.status', enumFilterInput(FollowUpStatus, 'FollowUpStatusFilter'), { description: 'OPEN, DONE or CANCELLED.' }),
    recordId: uuid('fu.record_id', { description: 'Its target record (an account, contact, lead or deal id).' }),
    recordType: text('fu.record_type', { description: 'The kind of its target: ACCOUNT, CONTACT, LEAD or DEAL.' }),
    accountId: uuid('fu.account_id', { description: 'The account its target hangs off (isNull: a lead or a loose contact).' }),
    chainRootId: uuid('fu.chain_root_id', { description: 'The first follow-up of its chain.' }),
    overdue: custom(() => Boolean, (_sql, value: boolean) => (value ? OVERDUE : `NOT ${OVERDUE}`), {
      description: 'true: OPEN and due before now; false: the others.',
    }),
    createdAt: timestamp('fu.created_at', { description: 'When it was created (range).' }),
  },
});
export const FollowUpFilter = followUpFilter.Input;
export type FollowUpFilter = InstanceType<typeof FollowUpFilter>;

/** Follow-up orderings (soonest due first unless told otherwise), ending with the id. */
export const followUpOrdering = defineOrdering({
  name: 'FollowUpOrder',
  alias: 'fu',
  keys: {
    DUE_AT: { sql: 'fu.due_at', type: 'timestamp', value: (f: FollowUp) => f.dueAt, description: 'By due time.' },
    CREATED_AT: { sql: 'fu.created_at', type: 'timestamp', value: (f: FollowUp) => f.createdAt, description: 'By creation time.' },
  },
  defaults: [{ field: 'DUE_AT', direction: OrderDirection.ASC }],
});
export const FollowUpOrder = followUpOrdering.Input;
export type FollowUpOrder = InstanceType<typeof FollowUpOrder>;
