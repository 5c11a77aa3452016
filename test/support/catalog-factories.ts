import { randomBytes } from 'node:crypto';
import { CreateProductCategoryDocument, CreateProductDocument, type CreateProductInput } from '../generated/graphql';
import { expectData } from './factories';
import type { TestApp } from './test-app';

const suffix = (): string => randomBytes(4).toString('hex');

/** Creates a product as `managerToken` (MANAGER or above, or a catalog:write key); a fresh sku unless told. */
export async function createProduct(t: TestApp, managerToken: string, overrides: Partial<CreateProductInput> = {}) {
  const input: CreateProductInput = {
    sku: `SKU-${suffix()}`,
    name: `Product ${suffix()}`,
    unitPrice: '10.00',
    currency: 'EUR',
    taxRate: '21',
    unitOfMeasure: 'unit',
    ...overrides,
  };
  return expectData(await t.gql(CreateProductDocument, { input }, { token: managerToken })).createProduct;
}

/** Creates a product category (under `parentId` when given) as `managerToken`. */
export async function createProductCategory(t: TestApp, managerToken: string, parentId: string | null = null, name = `Category ${suffix()}`) {
  return expectData(await t.gql(CreateProductCategoryDocument, { input: { name, parentId } }, { token: managerToken })).createProductCategory;
}
