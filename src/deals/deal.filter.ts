import { defineFilterable } from '../platform/filtering/define-filterable';
import { date, decimal, enumeration, enumFilterInput, text, timestamp, uuid } from '../platform/filtering/filter-fields';
import { defineOrdering, OrderDirection } from '../platform/pagination/ordering';
import { DealStatus } from './deal-enums';
import type { Deal } from './deal.entity';

/** Lines of the deal `d` (for the product condition). */
const LINES = { from: 'deal_lines fl', where: 'fl.workspace_id = d.workspace_id AND fl.deal_id = d.id' };

/** Deal conditions against the deal alias `d`. */
export const dealFilter = defineFilterable({
  name: 'DealFilter',
  description: 'Typed deal conditions; fields combine with AND; use and / or / not to compose.',
  fields: {
    id: uuid('d.id', { description: 'The deal\'s id.' }),
    title: text('d.title', { description: 'The title (contains / startsWith / endsWith ignore case).' }),
    externalId: text('d.external_id', { description: 'The integrator\'s id.' }),
    pipelineId: uuid('d.pipeline_id', { description: 'The deal\'s pipeline.' }),
    stageId: uuid('d.stage_id', { description: 'The deal\'s current stage.' }),
    status: enumeration('d.status', enumFilterInput(DealStatus, 'DealStatusFilter'), { description: 'OPEN, WON or LOST.' }),
    ownerId: uuid('d.owner_membership_id', { description: 'The member responsible for the deal (isNull: nobody).' }),
    accountId: uuid('d.account_id', { description: 'The deal\'s account.' }),
    sourceLeadId: uuid('d.source_lead_id', { description: 'The lead the deal was converted from (isNull: not from a lead).' }),
    convertedById: uuid('d.converted_by_membership_id', { description: 'The member credited with converting its lead (commissions; isNull: not from a lead).' }),
    amount: decimal('d.amount', { description: 'The deal\'s amount (gte / lte ...), compared as exact decimals; deals without one match only isNull.' }),
    currency: text('d.currency', { description: 'ISO-4217 code, upper case.' }),
    expectedCloseDate: date('d.expected_close_date', { description: 'Expected close date range (YYYY-MM-DD).' }),
    productId: uuid('fl.product_id', { within: LINES, description: 'Deals with a line of this catalog product (eq / in).' }),
    createdAt: timestamp('d.created_at', { description: 'When the deal was created (range).' }),
    updatedAt: timestamp('d.updated_at', { description: 'When it last changed (range).' }),
    wonAt: timestamp('d.won_at', { description: 'When it was won (range; isNull: not won).' }),
    lostAt: timestamp('d.lost_at', { description: 'When it was lost (range; isNull: not lost).' }),
  },
});
export const DealFilter = dealFilter.Input;
export type DealFilter = InstanceType<typeof DealFilter>;

/** A date that sorts after every real one, for deals without an expected close date. */
const NO_DATE = '9999-12-31';

/** Deal orderings (newest first unless told otherwise), ending with the id. */
export const dealOrdering = defineOrdering({
  name: 'DealOrder',
  alias: 'd',
  keys: {
    TITLE: { sql: 'd.title', type: 'text', value: (d: Deal) => d.title },
    // Deals without an amount sort as -1 (before every real amount, ascending).
    AMOUNT: { sql: 'COALESCE(d.amount, -1)', type: 'decimal', value: (d: Deal) => d.amount ?? '-1' },
    // Deals without a date sort last ascending (as 9999-12-31); ISO dates sort as text.
    EXPECTED_CLOSE_DATE: {
      sql: `COALESCE(CAST(d.expected_close_date AS text), '${NO_DATE}')`,
      type: 'text',
      value: (d: Deal) => d.expectedCloseDate ?? NO_DATE,
    },
    CREATED_AT: { sql: 'd.created_at', type: 'timestamp', value: (d: Deal) => d.createdAt },
    UPDATED_AT: { sql: 'd.updated_at', type: 'timestamp', value: (d: Deal) => d.updatedAt },
    STAGE_ENTERED_AT: { sql: 'd.stage_entered_at', type: 'timestamp', value: (d: Deal) => d.stageEnteredAt },
  },
  defaults: [{ field: 'CREATED_AT', direction: OrderDirection.DESC }],
});
export const DealOrder = dealOrdering.Input;
export type DealOrder = InstanceType<typeof DealOrder>;
