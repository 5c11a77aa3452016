import { z } from 'zod';
import { phoneListFor } from './account.schemas';
import type { Contact } from './contact.entity';
import { emailList, optionalText, searchTextOf } from '../platform/text/normalize';
import { presentFields } from '../platform/validation/present-fields';

const id = (what: string) => z.uuid({ message: `must be ${what} id` });

/** A last name is never null in storage: clearing it stores ''. Absent stays absent (updates leave it alone). */
const lastName = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .nullable()
  .optional()
  .transform((value) => (value === null ? '' : value));

/** Shape and format checks of contact fields (all problems are reported together). */
export const contactFieldsSchemaFor = (defaultCountry: string | null) =>
  z.object({
    firstName: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    lastName,
    position: optionalText(200),
    emails: emailList.optional(),
    phones: phoneListFor(defaultCountry).optional(),
    notes: optionalText(20000),
    externalId: optionalText(200),
  });

export const createContactSchemaFor = (defaultCountry: string | null) =>
  contactFieldsSchemaFor(defaultCountry).extend({
    accountId: id('an account').nullable().optional(),
    ownerId: id('a member').nullable().optional(),
  });

export const updateContactSchemaFor = (defaultCountry: string | null) =>
  contactFieldsSchemaFor(defaultCountry)
    .partial()
    .extend({
      id: id('a contact'),
      expectedVersion: z.number().int().nullable().optional(),
      accountId: id('an account').nullable().optional(),
      ownerId: id('a member').nullable().optional(),
    });

export const upsertContactRowSchemaFor = (defaultCountry: string | null) =>
  contactFieldsSchemaFor(defaultCountry)
    .extend({
      externalId: z.string().trim().min(1, 'is required to upsert').max(200),
      accountId: id('an account').nullable().optional(),
      accountExternalId: z.string().trim().min(1, 'must not be empty').max(200).nullable().optional(),
      ownerId: id('a member').nullable().optional(),
    })
    .superRefine((row, ctx) => {
      if (row.accountId != null && row.accountExternalId != null) {
        ctx.addIssue({ code: 'custom', path: ['accountExternalId'], message: 'cannot be given together with accountId' });
      }
    });

type ContactFields = Partial<z.output<ReturnType<typeof contactFieldsSchemaFor>>>;

/** The columns a contact input may set directly, normalised (phones in E.164, emails lower case). */
export type ContactColumns = Partial<Pick<Contact, 'firstName' | 'lastName' | 'position' | 'emails' | 'phones' | 'notes' | 'externalId'>>;

const COLUMN_FIELDS = ['firstName', 'lastName', 'position', 'emails', 'phones', 'notes', 'externalId'] as const;

/** Picks the contact columns present in validated input (absent keys are left untouched by updates). */
export const contactColumnsOf = (fields: ContactFields): ContactColumns => presentFields(fields, COLUMN_FIELDS);

/** What the timeline tracks of a contact, under the names the API uses (ownerId, not ownerMembershipId). */
export interface ContactTrackedView {
  firstName: string;
  lastName: string;
  position: string | null;
  emails: string[];
  phones: string[];
  notes: string | null;
  externalId: string | null;
  accountId: string | null;
  ownerId: string | null;
}

export const CONTACT_TRACKED_FIELDS = [
  'firstName',
  'lastName',
  'position',
  'emails',
  'phones',
  'notes',
  'externalId',
  'accountId',
  'ownerId',
] as const satisfies readonly (keyof ContactTrackedView)[];

export const trackedViewOf = (contact: Contact): ContactTrackedView => ({
  firstName: contact.firstName,
  lastName: contact.lastName,
  position: contact.position,
  emails: contact.emails,
  phones: contact.phones,
  notes: contact.notes,
  externalId: contact.externalId,
  accountId: contact.accountId,
  ownerId: contact.ownerMembershipId,
});

export const contactSearchText = (contact: Pick<Contact, 'firstName' | 'lastName' | 'position' | 'emails' | 'phones'>): string =>
  searchTextOf([contact.firstName, contact.lastName, contact.position, ...contact.emails], contact.phones);

export const contactDisplayName = (contact: Pick<Contact, 'firstName' | 'lastName'>): string =>
  [contact.firstName, contact.lastName].filter(Boolean).join(' ');
