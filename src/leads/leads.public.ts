/**
 * What other domains may name of leads: `Lead` as a GraphQL type (search hits; the documents domain adds its
 * `documents` field). Its rows stay leads': other domains read them through LeadsService or the record registry
 * (eslint.config.mjs forbids importing another domain's `*.entity` files).
 */
export { Lead } from './lead.entity';
/** The seeded sources' codes: capture channels (inbound email and calls) name theirs (EMAIL, CALL). */
export type { LeadSourceCode } from './lead-settings.entity';
