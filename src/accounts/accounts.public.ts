/**
 * What other domains may name of accounts: `Account` and `Contact` as GraphQL types (search hits; the documents
 * domain adds `documents` fields to them). Their rows stay accounts': other domains read them through
 * AccountsService, ContactsService or RecordsService (eslint.config.mjs forbids importing another domain's
 * `*.entity` files).
 */
export { Account } from './account.entity';
export { Contact } from './contact.entity';
