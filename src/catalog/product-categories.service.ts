import type { EntityManager } from 'typeorm';
import { Role } from '../identity/roles';
import type { GuardRule } from '../platform/auth/guard';
import type { Principal } from '../platform/auth/principal';
import { BadUserInputError } from '../platform/errors/errors';
import { defineSettingsList, settingsListService } from '../platform/settings/settings-list';
import { CreateProductCategoryInput, createProductCategorySchema, UpdateProductCategoryInput, updateProductCategorySchema } from './catalog.inputs';
import { ProductCategory } from './product-category.entity';

/** Who reads and who edits the catalog: any member (or catalog:read); MANAGER and above (or catalog:write). */
export const catalogGuard: { read: GuardRule; write: GuardRule } = {
  read: { scope: 'catalog:read' },
  write: { scope: 'catalog:write', role: Role.MANAGER },
};

/**
 * The parent must be a category of the caller's workspace and not the category itself or one of its
 * descendants: one statement walks up from the new parent (bounded by the workspace) and reports the ancestors.
 */
async function checkParent(manager: EntityManager, principal: Principal, category: ProductCategory): Promise<void> {
  if (!category.parentId) return;
  const [row] = await manager.query<{ ancestors: string[] | null }[]>(
    `WITH RECURSIVE up(id, parent_id) AS (
       SELECT id, parent_id FROM product_categories WHERE workspace_id = $1 AND id = $2
       UNION SELECT c.id, c.parent_id FROM product_categories c JOIN up ON c.id = up.parent_id WHERE c.workspace_id = $1
     ) SELECT array_agg(id::text) AS ancestors FROM up`,
    [principal.workspaceId, category.parentId],
  );
  const ancestors = row?.ancestors ?? [];
  if (!ancestors.length) throw BadUserInputError.field('input.parentId', 'is not a product category of this workspace');
  if (category.id && ancestors.includes(category.id)) {
    throw BadUserInputError.field('input.parentId', 'would make a cycle: it is this category or one of its descendants');
  }
}

/** Settings: the workspace's product categories, a tree through parentId. */
export const productCategories = defineSettingsList({
  entity: ProductCategory,
  plural: 'productCategories',
  guard: catalogGuard,
  create: { input: CreateProductCategoryInput, schema: createProductCategorySchema },
  update: { input: UpdateProductCategoryInput, schema: updateProductCategorySchema },
  check: checkParent,
  descriptions: {
    list: 'Product categories of the workspace, by name (a flat list; parentId gives the tree).',
    create: 'Adds a product category; a parent that is not a category of this workspace is BAD_USER_INPUT at input.parentId.',
    update:
      'Renames or moves a category (archived ones too); a parent that is the category, one of its descendants (a ' +
      'cycle) or not of this workspace is BAD_USER_INPUT at input.parentId.',
    archive: 'Archives a category: products keep it; new products can\'t use it.',
  },
});

export class ProductCategoriesService extends settingsListService(productCategories) {}
