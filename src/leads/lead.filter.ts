import { defineFilterable } from '../platform/filtering/define-filterable';
import { custom, decimal, enumeration, enumFilterInput, text, textList, timestamp, uuid } from '../platform/filtering/filter-fields';
import { SqlFilter } from '../platform/filtering/sql-filter';
import { defineOrdering, OrderDirection } from '../platform/pagination/ordering';
import { foldForSearch } from '../platform/text/normalize';
import { LeadCloseResult, LeadStatus, type Lead } from './lead.entity';

export const LeadStatusFilter = enumFilterInput(LeadStatus, 'LeadStatusFilter');
export const LeadCloseResultFilter = enumFilterInput(LeadCloseResult, 'LeadCloseResultFilter');

/** The free-text condition: contained (accents and case ignored) in the title, company, person, emails, website or phone digits. */
function textAnywhere(sql: SqlFilter, value: string): string | null {
  const folded = foldForSearch(value.trim());
  return folded ? sql.string('l.search_text', { contains: folded }) : null;
}

/** Lead conditions against the lead alias `l`. */
export const leadFilter = defineFilterable({
  name: 'LeadFilter',
  description: 'Typed lead conditions; fields combine with AND; use and / or / not to compose.',
  fields: {
    id: uuid('l.id'),
    text: custom(() => String, textAnywhere, {
      description: 'Contained in the title, company name, person name, emails, website or phone digits; accents and case ignored.',
    }),
    title: text('l.title'),
    companyName: text('l.company_name'),
    personName: text('l.person_name'),
    email: textList('l.emails', { description: 'Any of the lead\'s emails (stored lower case).' }),
    phone: textList('l.phones', { description: 'Any of the lead\'s phones (E.164).' }),
    status: enumeration('l.status', LeadStatusFilter),
    sourceId: uuid('l.source_id'),
    assigneeId: uuid('l.assignee_membership_id', { description: 'The assignee; `isNull: true` for unassigned leads.' }),
    teamId: uuid('l.team_id', { description: 'The routing team.' }),
    closeResult: enumeration('l.close_result', LeadCloseResultFilter),
    closeReasonId: uuid('l.close_reason_id'),
    convertedById: uuid('l.converted_by_membership_id', { description: 'The member credited with the conversion (commissions).' }),
    expectedValue: decimal('l.expected_value', { description: 'Compared as exact decimals, whatever the currency.' }),
    currency: text('l.currency'),
    externalId: text('l.external_id'),
    createdAt: timestamp('l.created_at', { description: 'A created range: gte / lt … (ISO-8601, UTC).' }),
    updatedAt: timestamp('l.updated_at'),
    closedAt: timestamp('l.closed_at'),
    convertedAt: timestamp('l.converted_at'),
  },
});
export const LeadFilter = leadFilter.Input;
export type LeadFilter = InstanceType<typeof LeadFilter>;

/** Lead orderings (newest first unless told otherwise), ending with the id. */
export const leadOrdering = defineOrdering({
  name: 'LeadOrder',
  alias: 'l',
  keys: {
    CREATED_AT: { sql: 'l.created_at', type: 'timestamp', value: (l: Lead) => l.createdAt },
    UPDATED_AT: { sql: 'l.updated_at', type: 'timestamp', value: (l: Lead) => l.updatedAt },
    TITLE: { sql: 'l.title', type: 'text', value: (l: Lead) => l.title },
    STATUS: { sql: 'l.status', type: 'text', value: (l: Lead) => l.status },
    // Leads without a value sort as -1 (first ascending, last descending).
    EXPECTED_VALUE: { sql: 'COALESCE(l.expected_value, -1)', type: 'decimal', value: (l: Lead) => l.expectedValue ?? '-1' },
  },
  defaults: [{ field: 'CREATED_AT', direction: OrderDirection.DESC }],
});
export const LeadOrder = leadOrdering.Input;
export type LeadOrder = InstanceType<typeof LeadOrder>;
