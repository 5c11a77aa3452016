import type { Product } from '../catalog/catalog.public';
import type { FieldProblem } from '../platform/errors/errors';
import { ExactDecimal, roundMoney } from '../platform/money/currency';
import type { DealLineSpec } from './deal.schemas';
import type { DealLine } from './deal-line.entity';

/** What a line is priced from. */
export interface LinePrice {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

/** A line's amounts, each a money string at the currency's minor units. */
export interface LineAmounts {
  subtotal: string;
  discountAmount: string;
  taxAmount: string;
  total: string;
}

const HUNDRED = new ExactDecimal(100);

/**
 * The one rounding rule of deals (README, "Deals"), per line, each step rounded half-up to the currency's minor
 * units (platform/money/currency.ts roundMoney):
 *   subtotal = round(quantity x unitPrice)
 *   discount = round(subtotal x discountPercent / 100)
 *   tax      = round((subtotal - discount) x taxRate / 100)
 *   total    = subtotal - discount + tax            (exact: its terms are already rounded)
 * The deal's totals are the exact sums of its lines' amounts. 3 x 19.99 EUR, 7.5 % off, 21 % tax:
 * 59.97 - 4.50 (4.49775) + 11.65 (11.6487) = 67.12.
 */
export function lineAmounts(line: LinePrice, currency: string): LineAmounts {
  const subtotal = roundMoney(new ExactDecimal(line.quantity).times(line.unitPrice), currency);
  const discountAmount = roundMoney(new ExactDecimal(subtotal).times(line.discountPercent).dividedBy(HUNDRED), currency);
  const net = new ExactDecimal(subtotal).minus(discountAmount);
  const taxAmount = roundMoney(net.times(line.taxRate).dividedBy(HUNDRED), currency);
  return { subtotal, discountAmount, taxAmount, total: roundMoney(net.plus(taxAmount), currency) };
}

/** The deal's columns that come from its lines. */
export interface LineTotals {
  lineCount: number;
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  linesTotal: string;
}

export function totalsOf(lines: readonly LineAmounts[], currency: string): LineTotals {
  const sum = (pick: (line: LineAmounts) => string): string =>
    roundMoney(lines.reduce((total, line) => total.plus(pick(line)), new ExactDecimal(0)), currency);
  return {
    lineCount: lines.length,
    subtotal: sum((line) => line.subtotal),
    discountTotal: sum((line) => line.discountAmount),
    taxTotal: sum((line) => line.taxAmount),
    linesTotal: sum((line) => line.total),
  };
}

/** The deal's amount: its lines' total when it has lines, else its manual amount. */
export const amountOf = (deal: { lineCount: number; linesTotal: string; manualAmount: string | null }): string | null =>
  deal.lineCount > 0 ? deal.linesTotal : deal.manualAmount;

/** A line's own columns (without ids, deal or position), priced. */
export type LineColumns = Pick<DealLine, 'productId' | 'name' | 'description' | 'unitOfMeasure'> & LinePrice & LineAmounts;

/**
 * Lines as they will be stored: a catalog product gives the name, price, tax and unit the input leaves out (its
 * price only in the deal's currency); an inline line must give them. `products` are the products named, found in
 * the caller's workspace. Problems name `<pathOf(index)>.<field>`.
 */
export function linesFrom(
  specs: readonly DealLineSpec[],
  products: ReadonlyMap<string, Product>,
  currency: string,
  pathOf: (index: number) => string,
): { lines: LineColumns[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const lines: LineColumns[] = [];
  specs.forEach((spec, index) => {
    const path = pathOf(index);
    const product = spec.productId ? products.get(spec.productId) : undefined;
    const before = problems.length;
    if (spec.productId && !product) problems.push({ path: `${path}.productId`, message: 'is not a product of this workspace' });
    else if (product?.archivedAt) problems.push({ path: `${path}.productId`, message: 'is an archived product' });
    else if (product && !product.active) problems.push({ path: `${path}.productId`, message: 'is an inactive product' });
    if (!spec.productId) {
      for (const field of ['name', 'unitPrice', 'taxRate'] as const) {
        if (spec[field] == null) problems.push({ path: `${path}.${field}`, message: 'is required for a line without a catalog product' });
      }
    } else if (product && spec.unitPrice == null && product.currency !== currency) {
      problems.push({ path: `${path}.unitPrice`, message: `is required: the product is priced in ${product.currency}, the deal is in ${currency}` });
    }
    if (problems.length > before) return;
    const price: LinePrice = {
      quantity: spec.quantity,
      unitPrice: spec.unitPrice ?? (product as Product).unitPrice,
      discountPercent: spec.discountPercent ?? '0',
      taxRate: spec.taxRate ?? (product as Product).taxRate,
    };
    lines.push({
      productId: product?.id ?? null,
      name: spec.name ?? (product as Product).name,
      description: spec.description ?? null,
      unitOfMeasure: spec.unitOfMeasure ?? product?.unitOfMeasure ?? 'unit',
      ...price,
      ...lineAmounts(price, currency),
    });
  });
  return { lines, problems };
}
