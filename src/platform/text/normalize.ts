import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * Text normalisers every domain shares (accounts, contacts, later leads): they return the stored form or a
 * message explaining why the value is not acceptable.
 */
export type Normalised<T> = { ok: true; value: T } | { ok: false; message: string };

/** A phone as E.164; numbers written without `+country` are read with the default country (when there is one). */
export function normalisePhone(raw: string, defaultCountry: string | null): Normalised<string> {
  const phone = parsePhoneNumberFromString(raw.trim(), (defaultCountry ?? undefined) as CountryCode | undefined);
  if (!phone || !phone.isValid()) {
    return {
      ok: false,
      message: defaultCountry
        ? 'is not a valid phone number'
        : 'is not a valid phone number in international form (+<country code> ...)',
    };
  }
  return { ok: true, value: phone.number };
}

/** Tax ids (NIF, CIF, RUT, NIT, VAT...): letters and digits, 5 to 20 once spaces, dots, dashes and slashes go. */
export function normaliseTaxId(raw: string): Normalised<string> {
  const value = raw.replace(/[\s.\-/]/g, '').toUpperCase();
  if (!/^[A-Z0-9]{5,20}$/.test(value)) {
    return { ok: false, message: 'must be 5 to 20 letters or digits (spaces, dots, dashes and slashes are ignored)' };
  }
  if (!/\d/.test(value)) return { ok: false, message: 'must contain digits' };
  return { ok: true, value };
}

/** Trimmed text of at most `max` characters; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

/** An email address, trimmed and lower-cased. */
export const emailAddress = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid email address' }));

/** Up to 20 email addresses, without repeats. */
export const emailList = z
  .array(emailAddress)
  .max(20, 'at most 20 emails')
  .transform((emails) => [...new Set(emails)]);

/** A web address; one written without a scheme gets https://. Empty becomes null. */
export const websiteSchema = z
  .string()
  .trim()
  .max(500)
  .transform((value) => (value === '' ? null : /^https?:\/\//i.test(value) ? value : `https://${value}`))
  .pipe(z.url({ message: 'must be a web address' }).nullable())
  .nullable()
  .optional();

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** An ISO-4217 currency code: any case in, upper case out ("eur" → "EUR"). */
export const currencyCodeSchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine((code) => CURRENCIES.has(code), 'must be an ISO-4217 currency code, e.g. "EUR"');

/** A non-negative amount of money with at most 14 integer digits and 4 decimals, kept as written (a Decimal string). */
export const moneyAmountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,4})?$/, 'must be a non-negative decimal with at most 4 decimals, e.g. "19.99"');

export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code')
  .nullable()
  .optional();

/** Lower case without accents, so "maria garcia" finds "María García" (search text and queries alike). */
export const foldForSearch = (value: string): string =>
  value.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Builds the search text: folded words plus phone digits (so "91 123" finds +34911234567). */
export function searchTextOf(parts: (string | null | undefined)[], phones: string[]): string {
  const words = foldForSearch(parts.filter(Boolean).join(' '));
  const digits = phones.map((phone) => phone.replace(/\D/g, '')).join(' ');
  return `${words} ${digits}`.trim();
}
