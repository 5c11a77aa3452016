/**
 * What other domains may name of the catalog: `Product` as a GraphQL type (a deal line's product). Its rows stay
 * the catalog's: other domains read them through ProductsService or the catalog loaders (eslint.config.mjs
 * forbids importing another domain's `*.entity` files).
 */
export { Product } from './product.entity';
