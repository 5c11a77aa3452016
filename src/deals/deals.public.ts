/**
 * What other domains may name of deals: `Deal` as a GraphQL type (search hits; later leads' conversions). Its rows
 * stay the deals domain's: other domains read them through DealsService (eslint.config.mjs forbids importing
 * another domain's `*.entity` files).
 */
export { Deal } from './deal.entity';
