/**
 * What other domains may name of documents: `Document` (e.g. the documents an inbound email attached, to answer
 * with). Its rows stay documents': other domains go through DocumentsService (eslint.config.mjs forbids importing
 * another domain's `*.entity` files).
 */
export { Document } from './document.entity';
