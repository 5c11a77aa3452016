import type { z } from 'zod';
import type { accountFieldsSchemaFor } from './account.schemas';
import { presentFields } from '../platform/validation/present-fields';
import { searchTextOf } from '../platform/text/normalize';
import type { Account } from './account.entity';

type AccountFields = Partial<z.output<ReturnType<typeof accountFieldsSchemaFor>>>;

/** The columns an account input may set, normalised (phones to E.164, tax id canonical). */
export type AccountColumns = Partial<
  Pick<
    Account,
    | 'name'
    | 'legalName'
    | 'taxId'
    | 'type'
    | 'emails'
    | 'phones'
    | 'website'
    | 'industry'
    | 'billingAddress'
    | 'shippingAddress'
    | 'notes'
    | 'externalId'
  >
>;

export const ACCOUNT_TRACKED_FIELDS = [
  'name',
  'legalName',
  'taxId',
  'type',
  'emails',
  'phones',
  'website',
  'industry',
  'billingAddress',
  'shippingAddress',
  'notes',
  'externalId',
] as const satisfies readonly (keyof Account)[];

/** Picks the account columns present in validated input (absent keys are left untouched by updates). */
export const accountColumnsOf = (fields: AccountFields): AccountColumns => presentFields(fields, ACCOUNT_TRACKED_FIELDS);

export const accountSearchText = (account: Pick<Account, 'name' | 'legalName' | 'taxId' | 'emails' | 'phones'>): string =>
  searchTextOf([account.name, account.legalName, account.taxId, ...account.emails], account.phones);
