import { Decimal } from 'decimal.js';
import { z } from 'zod';

/**
 * Currencies and money amounts, for every domain that stores money (catalog prices, deal lines, receivables).
 * Amounts are exact decimals (decimal.js here, `numeric` in PostgreSQL, the Decimal scalar as a string in the
 * API): never floats.
 */

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO-4217 currency code (upper case) that this runtime knows. */
export const isCurrencyCode = (code: string): boolean => CURRENCIES.has(code);

/** An ISO-4217 code in any case, upper-cased ("eur" → "EUR"). */
export const currencySchema = z
  .string()
  .trim()
  .transform((code) => code.toUpperCase())
  .refine(isCurrencyCode, 'must be an ISO-4217 currency code, e.g. "EUR"');

/** A non-negative amount of money with at most 14 integer digits and 4 decimals, kept as written (a Decimal string). */
export const moneyAmountSchema = z
  .string()
  .trim()
  .regex(/^\d{1,14}(\.\d{1,4})?$/, 'must be a non-negative decimal with at most 4 decimals, e.g. "19.99"');

const minorUnits = new Map<string, number>();

/** Digits after the decimal point of the currency's minor unit (ISO 4217, as ICU reports them): EUR 2, JPY 0, KWD 3. */
export function minorUnitsOf(currency: string): number {
  let digits = minorUnits.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorUnits.set(currency, digits);
  }
  return digits;
}

/** decimal.js with room for any product of stored values (quantities x prices x percentages) without rounding. */
export const ExactDecimal = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
export type ExactDecimal = InstanceType<typeof ExactDecimal>;

/**
 * THE money rounding rule: to the currency's minor unit, half away from zero ("round half up" for the positive
 * amounts we store: 4.495 EUR → 4.50, 4.494 → 4.49; 0.5 JPY → 1; 1.2345 KWD → 1.235). Returned as a string with
 * exactly that many decimals ("60" for JPY, "59.97" for EUR, "1.235" for KWD).
 */
export function roundMoney(value: ExactDecimal | string, currency: string): string {
  return new ExactDecimal(value).toDecimalPlaces(minorUnitsOf(currency), Decimal.ROUND_HALF_UP).toFixed(minorUnitsOf(currency));
}

/** How many decimals `value` (a plain decimal string) is written with. */
export const decimalsOf = (value: string): number => value.split('.')[1]?.length ?? 0;
