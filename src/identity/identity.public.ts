/**
 * What other domains may name of identity: `Membership` as a GraphQL type (fields returning a member) and as the
 * target of their foreign keys (account and contact owners). Its rows stay identity's: other domains read them
 * through MembersService or the identity loaders, never with a repository of their own (eslint.config.mjs
 * forbids importing another domain's `*.entity` files).
 */
export { Membership } from './membership.entity';
/** `Team` as a GraphQL type (a lead's routing team), read through MembersService. */
export { Team } from './team.entity';
