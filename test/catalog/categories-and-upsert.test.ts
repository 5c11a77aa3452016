import {
  ArchiveProductCategoryDocument,
  CreateProductCategoryDocument,
  ProductCategoriesDocument,
  ProductDocument,
  UpdateProductCategoryDocument,
  UpsertProductsDocument,
  type UpsertProductRow,
} from '../generated/graphql';
import { createProduct, createProductCategory } from '../support/catalog-factories';
import { createApiKey, createWorkspace, expectData, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

describe('catalog: product categories and upsertProducts', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  let other: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ MAX_BODY_BYTES: '5000000', MAX_QUERY_COMPLEXITY: '100000' });
    ws = await createWorkspace(t, 'Categories');
    other = await createWorkspace(t, 'Elsewhere');
  });
  afterAll(() => t.stop());

  const parentOf = async (id: string): Promise<string | null> =>
    (await t.app.db.query('SELECT parent_id FROM product_categories WHERE id = $1', [id]))[0].parent_id;

  describe('categories', () => {
    it('form a tree; moving a category under itself or a descendant is a cycle, refused naming input.parentId', async () => {
      const root = await createProductCategory(t, ws.manager.token);
      const child = await createProductCategory(t, ws.manager.token, root.id);
      const grandchild = await createProductCategory(t, ws.manager.token, child.id);
      expect(grandchild.parentId).toBe(child.id);
      for (const parentId of [root.id, grandchild.id]) {
        const cycle = await t.gql(UpdateProductCategoryDocument, { input: { id: root.id, parentId } }, { token: ws.manager.token });
        expect(cycle.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.parentId' }] });
      }
      expect(await parentOf(root.id)).toBeNull();
      const moved = expectData(await t.gql(UpdateProductCategoryDocument, { input: { id: grandchild.id, parentId: root.id } }, { token: ws.manager.token }));
      expect(moved.updateProductCategory.parentId).toBe(root.id);
    });

    it('refuses a parent of another workspace, on create and on update, writing nothing', async () => {
      const foreign = await createProductCategory(t, other.manager.token);
      const mine = await createProductCategory(t, ws.manager.token);
      const created = await t.gql(CreateProductCategoryDocument, { input: { name: 'Smuggled', parentId: foreign.id } }, { token: ws.manager.token });
      expect(created.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.parentId' }] });
      const updated = await t.gql(UpdateProductCategoryDocument, { input: { id: mine.id, parentId: foreign.id } }, { token: ws.manager.token });
      expect(updated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.parentId' }] });
      expect(await parentOf(mine.id)).toBeNull();
      const names = (await t.app.db.query("SELECT count(*)::int AS n FROM product_categories WHERE name = 'Smuggled'"))[0].n;
      expect(names).toBe(0);
    });

    it('archiving keeps the category: its products still show it, new products cannot use it', async () => {
      const category = await createProductCategory(t, ws.manager.token);
      const product = await createProduct(t, ws.manager.token, { categoryId: category.id });
      expectData(await t.gql(ArchiveProductCategoryDocument, { input: { id: category.id } }, { token: ws.manager.token }));
      const read = expectData(await t.gql(ProductDocument, { id: product.id }, { token: ws.member.token })).product;
      expect(read.category).toEqual({ id: category.id, name: category.name });
      const listed = expectData(await t.gql(ProductCategoriesDocument, { includeArchived: false }, { token: ws.member.token })).productCategories;
      expect(listed.map((c) => c.id)).not.toContain(category.id);
      const refused = await t.gql(UpsertProductsDocument, {
        input: { rows: [{ externalId: 'ARCH-1', sku: 'ARCH-1', name: 'x', unitPrice: '1', currency: 'EUR', taxRate: '0', unitOfMeasure: 'unit', categoryId: category.id }] },
      }, { token: ws.manager.token });
      expect(expectData(refused).upsertProducts[0]).toMatchObject({ status: 'ERROR', fields: ['input.rows.0.categoryId'] });
    });

    it('a MEMBER reads categories but cannot create them (FORBIDDEN)', async () => {
      expect(expectData(await t.gql(ProductCategoriesDocument, {}, { token: ws.member.token })).productCategories.length).toBeGreaterThan(0);
      const refused = await t.gql(CreateProductCategoryDocument, { input: { name: 'By a member' } }, { token: ws.member.token });
      expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('another workspace sees none of them and gets NOT_FOUND when changing one', async () => {
      const mine = await createProductCategory(t, ws.manager.token);
      const theirs = expectData(await t.gql(ProductCategoriesDocument, { includeArchived: true }, { token: other.owner.token })).productCategories;
      expect(theirs.map((c) => c.id)).not.toContain(mine.id);
      const hijack = await t.gql(UpdateProductCategoryDocument, { input: { id: mine.id, name: 'Hijack' } }, { token: other.owner.token });
      expect(hijack.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('upsertProducts', () => {
    const row = (externalId: string, overrides: Partial<UpsertProductRow> = {}): UpsertProductRow => ({
      externalId,
      sku: externalId,
      name: `Product ${externalId}`,
      unitPrice: '1.50',
      currency: 'EUR',
      taxRate: '21.000',
      unitOfMeasure: 'unit',
      ...overrides,
    });
    const upsert = async (rows: UpsertProductRow[], token = ws.manager.token) =>
      expectData(await t.gql(UpsertProductsDocument, { input: { rows } }, { token })).upsertProducts;

    it('reports created, updated, unchanged and error per row, in input order, writing only the valid rows', async () => {
      const taken = await createProduct(t, ws.manager.token);
      await upsert([row('U-1'), row('U-2')]);
      const results = await upsert([
        row('U-1'),
        row('U-2', { unitPrice: '2.00' }),
        row('U-3'),
        row('U-4', { taxRate: '101' }),
        row('U-5', { sku: taken.sku }),
        row('U-6', { sku: 'U-SAME' }),
        row('U-7', { sku: 'U-SAME' }),
        row('U-8', { currency: 'ZZZ' }),
      ]);
      expect(results.map((r) => [r.index, r.externalId, r.status])).toEqual([
        [0, 'U-1', 'UNCHANGED'],
        [1, 'U-2', 'UPDATED'],
        [2, 'U-3', 'CREATED'],
        [3, 'U-4', 'ERROR'],
        [4, 'U-5', 'ERROR'],
        [5, 'U-6', 'ERROR'],
        [6, 'U-7', 'ERROR'],
        [7, 'U-8', 'ERROR'],
      ]);
      expect(results[3].fields).toEqual(['input.rows.3.taxRate']);
      expect(results[4].fields).toEqual(['input.rows.4.sku']);
      expect(results[7].fields).toEqual(['input.rows.7.currency']);
      const updated = expectData(await t.gql(ProductDocument, { id: results[1].id as string }, { token: ws.member.token })).product;
      expect(updated).toMatchObject({ unitPrice: '2.00', taxRate: '21.000', version: 2 });
      const written = await t.app.db.query(
        "SELECT count(*)::int AS n FROM products WHERE workspace_id = $1 AND external_id IN ('U-4', 'U-5', 'U-6', 'U-7', 'U-8')",
        [ws.workspaceId],
      );
      expect(written[0].n).toBe(0);
    });

    it('another workspace\'s externalIds and categories are not reachable: its rows create in its own workspace or fail', async () => {
      const category = await createProductCategory(t, ws.manager.token);
      await upsert([row('X-1')]);
      const [stranger] = await upsert([row('X-2', { categoryId: category.id })], other.manager.token);
      expect(stranger).toMatchObject({ status: 'ERROR', fields: ['input.rows.0.categoryId'] });
      const [own] = await upsert([row('X-1', { name: 'Theirs' })], other.manager.token);
      expect(own.status).toBe('CREATED');
      const mine = await t.app.db.query("SELECT name FROM products WHERE workspace_id = $1 AND external_id = 'X-1'", [ws.workspaceId]);
      expect(mine).toEqual([{ name: 'Product X-1' }]);
    });

    it('needs MANAGER or catalog:write: a MEMBER and a catalog:read key get FORBIDDEN', async () => {
      const readKey = await createApiKey(t, ws.owner.token, ['catalog:read']);
      for (const token of [ws.member.token, readKey]) {
        const refused = await t.gql(UpsertProductsDocument, { input: { rows: [row('F-1')] } }, { token });
        expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('runs the same number of SQL statements for 10 and for 1,000 rows (created, then updated)', async () => {
      const rows = (prefix: string, n: number, price: string) => Array.from({ length: n }, (_, i) => row(`${prefix}-${i}`, { unitPrice: price }));
      const cost = async (prefix: string, n: number) => {
        let created = 0;
        const insert = await t.countStatements(async () => {
          created = (await upsert(rows(prefix, n, '1.00'))).filter((r) => r.status === 'CREATED').length;
        });
        const update = await t.countStatements(async () => upsert(rows(prefix, n, '2.00')));
        expect(created).toBe(n);
        return { insert, update };
      };
      const small = await cost('S10', 10);
      const large = await cost('L1000', 1000);
      expect(large).toEqual(small);
    });
  });
});
