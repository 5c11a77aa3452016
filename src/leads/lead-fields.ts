import type { z } from 'zod';
import type { FieldProblem } from '../platform/errors/errors';
import { searchTextOf } from '../platform/text/normalize';
import { presentFields } from '../platform/validation/present-fields';
import type { Lead, LeadSourceDetails } from './lead.entity';
import type { leadFieldsSchemaFor } from './lead.schemas';

/** The lead columns an input may set (and what the timeline compares by value). */
export const LEAD_INPUT_FIELDS = [
  'title',
  'companyName',
  'personName',
  'emails',
  'phones',
  'website',
  'sourceId',
  'sourceDetails',
  'expectedValue',
  'currency',
  'notes',
  'externalId',
] as const satisfies readonly (keyof Lead)[];

/** What change detection and LEAD_UPDATED entries compare: the input fields and the status. */
export const LEAD_TRACKED_FIELDS = [...LEAD_INPUT_FIELDS, 'status'] as const satisfies readonly (keyof Lead)[];

type LeadFields = Partial<z.output<ReturnType<typeof leadFieldsSchemaFor>>>;
export type LeadColumns = Partial<Pick<Lead, (typeof LEAD_INPUT_FIELDS)[number]>>;

/** The columns present in validated input (absent keys are left alone by updates; null clears). */
export function leadColumnsOf(fields: LeadFields): LeadColumns {
  const columns = presentFields(fields, LEAD_INPUT_FIELDS) as LeadColumns;
  if (columns.sourceDetails) columns.sourceDetails = compactDetails(columns.sourceDetails);
  return columns;
}

/** Source details without empty parts (null when nothing is left), so equal details compare equal. */
function compactDetails(details: LeadSourceDetails): LeadSourceDetails | null {
  const utm = details.utm ? Object.fromEntries(Object.entries(details.utm).filter(([, value]) => value != null)) : {};
  const compact = Object.fromEntries(
    Object.entries({ ...details, utm: Object.keys(utm).length ? utm : null }).filter(([, value]) => value != null),
  );
  return Object.keys(compact).length ? (compact as LeadSourceDetails) : null;
}

type Identity = Pick<Lead, 'companyName' | 'personName' | 'emails' | 'phones'>;

/** The title a lead shows without one of its own: its company, else its person, first email or first phone. */
export const derivedTitle = (lead: Identity): string | null =>
  lead.companyName ?? lead.personName ?? lead.emails[0] ?? lead.phones[0] ?? null;

/**
 * The rules across fields, on the lead as it would be saved (`given` says whether its title was given): it needs
 * something to show it by, and an expected value needs its currency.
 */
export function leadProblems(lead: Identity & Pick<Lead, 'expectedValue' | 'currency'>, titleGiven: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!titleGiven && !derivedTitle(lead)) {
    problems.push({ path: 'title', message: 'is required when the lead has no company name, person name, email or phone' });
  }
  if (lead.expectedValue != null && lead.currency == null) problems.push({ path: 'currency', message: 'is required with expectedValue' });
  if (lead.expectedValue == null && lead.currency != null) problems.push({ path: 'expectedValue', message: 'is required with currency' });
  return problems;
}

export const leadSearchText = (lead: Pick<Lead, 'title' | 'companyName' | 'personName' | 'emails' | 'website' | 'phones'>): string =>
  searchTextOf([lead.title, lead.companyName, lead.personName, ...lead.emails, lead.website], lead.phones);
