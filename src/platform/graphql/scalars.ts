import { Decimal } from 'decimal.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { EmailAddressResolver, JSONResolver } from 'graphql-scalars';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export const EmailAddressScalar = EmailAddressResolver;
export const JSONScalar = JSONResolver;

/** E.164 phone number (`+34911234567`). Inputs are normalised by services, which know the workspace's country. */
export const PhoneNumberScalar = new GraphQLScalarType<string, string>({
  name: 'PhoneNumber',
  description: 'A phone number in E.164 form, e.g. +34911234567.',
  serialize: (value) => String(value),
  parseValue: (value) => {
    const phone = typeof value === 'string' ? parsePhoneNumberFromString(value) : undefined;
    if (!phone?.isValid()) throw new GraphQLError('Value is not a valid phone number in international form');
    return phone.number;
  },
  parseLiteral: (ast) => {
    const phone = ast.kind === Kind.STRING ? parsePhoneNumberFromString(ast.value) : undefined;
    if (!phone?.isValid()) throw new GraphQLError('Value is not a valid phone number in international form');
    return phone.number;
  },
});

const DECIMAL_PATTERN = /^-?\d{1,28}(\.\d{1,12})?$/;
const parseDecimal = (value: unknown): string => {
  if (typeof value !== 'string' || !DECIMAL_PATTERN.test(value.trim())) {
    throw new GraphQLError('Value is not a decimal number written as a string, e.g. "1234.50"');
  }
  return canonicalDecimal(value.trim());
};

/** The number in canonical form with its scale kept ("021.50" → "21.50"): "21.000" stays "21.000" end to end. */
const canonicalDecimal = (text: string): string => {
  const fraction = text.split('.')[1]?.length ?? 0;
  return new Decimal(text).toFixed(fraction);
};

/** Exact decimal numbers, as strings (money and measures are never floats). */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1234.50"; its scale (digits after the point) is kept.',
  serialize: (value) => (typeof value === 'string' && DECIMAL_PATTERN.test(value) ? canonicalDecimal(value) : new Decimal(String(value)).toString()),
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING ? ast.value : undefined),
});

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const isIsoDate = (value: string): boolean =>
  DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const parseDate = (value: unknown): string => {
  if (typeof value !== 'string' || !isIsoDate(value)) throw new GraphQLError('Value is not a date in YYYY-MM-DD form');
  return value;
};

/** A calendar date without time or zone (YYYY-MM-DD). */
export const LocalDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
