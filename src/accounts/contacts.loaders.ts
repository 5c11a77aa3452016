import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, groupedByKey, principalReader } from '../platform/loaders/batch';
import type { Contact } from './contact.entity';
import type { ContactsService } from './contacts.service';

/** Per-request loaders of contacts, bounded to the caller's workspace and portfolio (through ContactsService). */
export function createContactLoaders(currentPrincipal: () => Principal | null, contacts: ContactsService) {
  const principal = principalReader(currentPrincipal, 'contact');
  return {
    /** Visible contacts by id (null when missing or outside the caller's portfolio). */
    contact: new DataLoader<string, Contact | null>(async (ids) => {
      return byKey(ids, await contacts.byIds(principal(), ids), (row) => row.id);
    }),
    /** Non-archived contacts of each account, by last name, first name, id (one query per batch of accounts). */
    ofAccount: new DataLoader<string, Contact[]>(async (accountIds) => {
      return groupedByKey(accountIds, await contacts.listByAccounts(principal(), accountIds), (row) => row.accountId);
    }),
  };
}

export type ContactLoaders = ReturnType<typeof createContactLoaders>;
