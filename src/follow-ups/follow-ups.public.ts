/**
 * What other domains may name of follow-ups: `FollowUp` as a GraphQL type (the documents domain adds its
 * `documents` field). Its rows stay follow-ups': other domains read them through FollowUpsService or the record
 * registry (eslint.config.mjs forbids importing another domain's `*.entity` files).
 */
export { FollowUp } from './follow-up.entity';
