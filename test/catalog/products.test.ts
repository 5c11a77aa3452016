import {
  ArchiveProductDocument,
  CreateProductDocument,
  ProductDocument,
  ProductsDocument,
  UpdateProductDocument,
  type CreateProductInput,
  type ProductFilter,
  type ProductOrder,
} from '../generated/graphql';
import { createProduct, createProductCategory } from '../support/catalog-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('catalog products', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp();
    ws = await createWorkspace(t, 'Catalog');
    other = await createWorkspace(t, 'Elsewhere');
  });
  afterAll(() => t.stop());

  const productCount = async (workspaceId: string): Promise<number> =>
    (await t.app.db.query('SELECT count(*)::int AS n FROM products WHERE workspace_id = $1', [workspaceId]))[0].n;

  const base = (overrides: Partial<CreateProductInput> = {}): CreateProductInput => ({
    sku: `S-${Math.random().toString(36).slice(2, 10)}`,
    name: 'Widget',
    unitPrice: '1',
    currency: 'EUR',
    taxRate: '21',
    unitOfMeasure: 'unit',
    ...overrides,
  });

  it('keeps unit price and tax rate exactly as written ("19.99", "21.000") from input to storage to output', async () => {
    const product = await createProduct(t, ws.manager.token, { unitPrice: '19.99', taxRate: '21.000', currency: 'usd' });
    expect(product).toMatchObject({ unitPrice: '19.99', taxRate: '21.000', currency: 'USD', active: true, version: 1 });
    const read = expectData(await t.gql(ProductDocument, { id: product.id }, { token: ws.member.token })).product;
    expect(read).toMatchObject({ unitPrice: '19.99', taxRate: '21.000' });
    const [stored] = await t.app.db.query('SELECT unit_price::text AS price, tax_rate::text AS tax FROM products WHERE id = $1', [product.id]);
    expect(stored).toEqual({ price: '19.99', tax: '21.000' });
  });

  it('updates with expectedVersion and refuses a stale one with CONFLICT VERSION_MISMATCH', async () => {
    const product = await createProduct(t, ws.manager.token);
    const updated = expectData(
      await t.gql(UpdateProductDocument, { input: { id: product.id, expectedVersion: 1, name: 'Renamed', unitPrice: '5.5' } }, { token: ws.manager.token }),
    ).updateProduct;
    expect(updated).toMatchObject({ name: 'Renamed', unitPrice: '5.5', version: 2 });
    const stale = await t.gql(UpdateProductDocument, { input: { id: product.id, expectedVersion: 1, name: 'Late' } }, { token: ws.manager.token });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH', currentVersion: 2 });
    const staleArchive = await t.gql(ArchiveProductDocument, { input: { id: product.id, expectedVersion: 1 } }, { token: ws.manager.token });
    expect(staleArchive.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'VERSION_MISMATCH' });
    const read = expectData(await t.gql(ProductDocument, { id: product.id }, { token: ws.member.token })).product;
    expect(read).toMatchObject({ name: 'Renamed', archivedAt: null });
  });

  it('archives: the product leaves the list but stays readable by id', async () => {
    const product = await createProduct(t, ws.manager.token, { name: 'To archive' });
    const archived = expectData(await t.gql(ArchiveProductDocument, { input: { id: product.id, expectedVersion: 1 } }, { token: ws.manager.token })).archiveProduct;
    expect(archived.archivedAt).not.toBeNull();
    const list = expectData(await t.gql(ProductsDocument, { filter: { id: { eq: product.id } } }, { token: ws.member.token })).products;
    expect(list.totalCount).toBe(0);
    expect(expectData(await t.gql(ProductDocument, { id: product.id }, { token: ws.member.token })).product.id).toBe(product.id);
  });

  it('refuses a sku already used in the workspace (CONFLICT SKU_TAKEN), but another workspace may use it', async () => {
    const product = await createProduct(t, ws.manager.token);
    const before = await productCount(ws.workspaceId);
    const clash = await t.gql(CreateProductDocument, { input: base({ sku: product.sku }) }, { token: ws.manager.token });
    expect(clash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SKU_TAKEN' });
    const renamed = await createProduct(t, ws.manager.token);
    const updateClash = await t.gql(UpdateProductDocument, { input: { id: renamed.id, sku: product.sku } }, { token: ws.manager.token });
    expect(updateClash.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'SKU_TAKEN' });
    expect(await productCount(ws.workspaceId)).toBe(before + 1);
    expect((await createProduct(t, other.manager.token, { sku: product.sku })).sku).toBe(product.sku);
  });

  it.each([
    ['a negative price', { unitPrice: '-1.00' }, 'input.unitPrice'],
    ['a price with 5 decimals', { unitPrice: '1.00001' }, 'input.unitPrice'],
    ['a tax rate over 100', { taxRate: '100.001' }, 'input.taxRate'],
    ['an unknown currency', { currency: 'XYZ' }, 'input.currency'],
    ['an empty sku', { sku: ' ' }, 'input.sku'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, overrides, path) => {
    const before = await productCount(ws.workspaceId);
    const result = await t.gql(CreateProductDocument, { input: base(overrides) }, { token: ws.manager.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path }] });
    expect(await productCount(ws.workspaceId)).toBe(before);
  });

  it('refuses a category of another workspace (BAD_USER_INPUT input.categoryId) on create and update, writing nothing', async () => {
    const foreign = await createProductCategory(t, other.manager.token);
    const before = await productCount(ws.workspaceId);
    const result = await t.gql(CreateProductDocument, { input: base({ categoryId: foreign.id }) }, { token: ws.manager.token });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.categoryId' }] });
    const product = await createProduct(t, ws.manager.token);
    const moved = await t.gql(UpdateProductDocument, { input: { id: product.id, categoryId: foreign.id } }, { token: ws.manager.token });
    expect(moved.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.categoryId' }] });
    expect(await productCount(ws.workspaceId)).toBe(before + 1);
    expect(expectData(await t.gql(ProductDocument, { id: product.id }, { token: ws.member.token })).product.categoryId).toBeNull();
  });

  it('a MEMBER and a catalog:read API key read the catalog but cannot write it (FORBIDDEN)', async () => {
    const product = await createProduct(t, ws.manager.token);
    const readKey = await createApiKey(t, ws.owner.token, ['catalog:read']);
    const writeKey = await createApiKey(t, ws.owner.token, ['catalog:write']);
    for (const token of [ws.member.token, readKey]) {
      expect(expectData(await t.gql(ProductDocument, { id: product.id }, { token })).product.id).toBe(product.id);
      const create = await t.gql(CreateProductDocument, { input: base() }, { token });
      expect(create.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const update = await t.gql(UpdateProductDocument, { input: { id: product.id, name: 'Nope' } }, { token });
      expect(update.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(expectData(await t.gql(ProductDocument, { id: product.id }, { token: ws.member.token })).product.name).toBe(product.name);
    expect((await createProduct(t, writeKey)).version).toBe(1);
  });

  it('another workspace gets NOT_FOUND for a product and sees none in its list', async () => {
    const product = await createProduct(t, ws.manager.token);
    const read = await t.gql(ProductDocument, { id: product.id }, { token: other.owner.token });
    expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const update = await t.gql(UpdateProductDocument, { input: { id: product.id, name: 'Hijack' } }, { token: other.owner.token });
    expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const list = expectData(await t.gql(ProductsDocument, { filter: { id: { eq: product.id } } }, { token: other.owner.token })).products;
    expect(list.totalCount).toBe(0);
  });

  describe('filters and orderings', () => {
    let tree: { tools: string; hammers: string; claw: string; paint: string };
    beforeAll(async () => {
      const tools = await createProductCategory(t, ws.manager.token, null, 'Tools');
      const hammers = await createProductCategory(t, ws.manager.token, tools.id, 'Hammers');
      const claw = await createProductCategory(t, ws.manager.token, hammers.id, 'Claw hammers');
      const paint = await createProductCategory(t, ws.manager.token, null, 'Paint');
      tree = { tools: tools.id, hammers: hammers.id, claw: claw.id, paint: paint.id };
      const make = (sku: string, name: string, unitPrice: string, categoryId: string, extra: Partial<CreateProductInput> = {}) =>
        createProduct(t, ws.manager.token, { sku, name, unitPrice, categoryId, ...extra });
      await make('FLT-TOOLBOX', 'Toolbox', '30.00', tools.id);
      await make('FLT-MALLET', 'Mallet', '9.99', hammers.id, { description: 'Rubber head' });
      await make('FLT-CLAW', 'Claw hammer', '10.00', claw.id, { active: false });
      await make('FLT-WHITE', 'White paint', '10.01', paint.id);
    });

    const skus = async (filter: ProductFilter, orderBy: ProductOrder[] = [{ field: 'SKU', direction: 'ASC' }]) =>
      expectData(await t.gql(ProductsDocument, { filter: { and: [{ sku: { startsWith: 'FLT-' } }, filter] }, orderBy, first: 50 }, { token: ws.member.token }))
        .products.nodes.map((p) => p.sku);

    it('a category matches its descendants too', async () => {
      expect(await skus({ categoryId: { withDescendants: tree.tools } })).toEqual(['FLT-CLAW', 'FLT-MALLET', 'FLT-TOOLBOX']);
      expect(await skus({ categoryId: { withDescendants: tree.hammers } })).toEqual(['FLT-CLAW', 'FLT-MALLET']);
      expect(await skus({ categoryId: { withDescendants: tree.paint } })).toEqual(['FLT-WHITE']);
    });

    it('a category of another workspace matches nothing', async () => {
      const foreign = await createProductCategory(t, other.manager.token);
      expect(await skus({ categoryId: { withDescendants: foreign.id } })).toEqual([]);
    });

    it('price ranges compare exact decimals', async () => {
      expect(await skus({ unitPrice: { gte: '10.00', lte: '10.01' } })).toEqual(['FLT-CLAW', 'FLT-WHITE']);
      expect(await skus({ unitPrice: { gt: '10' } })).toEqual(['FLT-TOOLBOX', 'FLT-WHITE']);
    });

    it('text matches name, sku or description ignoring case; active and sku filter too', async () => {
      expect(await skus({ text: 'rubber' })).toEqual(['FLT-MALLET']);
      expect(await skus({ text: 'HAMMER' })).toEqual(['FLT-CLAW']);
      expect(await skus({ text: 'flt-tool' })).toEqual(['FLT-TOOLBOX']);
      expect(await skus({ active: { eq: false } })).toEqual(['FLT-CLAW']);
      expect(await skus({ sku: { in: ['FLT-WHITE', 'FLT-MALLET'] } })).toEqual(['FLT-MALLET', 'FLT-WHITE']);
    });

    it('orders by unit price and by name', async () => {
      expect(await skus({}, [{ field: 'UNIT_PRICE', direction: 'DESC' }])).toEqual(['FLT-TOOLBOX', 'FLT-WHITE', 'FLT-CLAW', 'FLT-MALLET']);
      expect(await skus({}, [{ field: 'NAME', direction: 'ASC' }])).toEqual(['FLT-CLAW', 'FLT-MALLET', 'FLT-TOOLBOX', 'FLT-WHITE']);
    });
  });
});
