import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { groupBy } from './accounts.loaders';
import type { Contact } from './contact.entity';
import type { ContactsService } from './contacts.service';

/** Per-request loaders of contacts, bounded to the caller's workspace and portfolio (through ContactsService). */
export function createContactLoaders(currentPrincipal: () => Principal | null, contacts: ContactsService) {
  const principal = (): Principal => {
    const current = currentPrincipal();
    if (!current) throw new Error('contact loaders need a principal');
    return current;
  };
  return {
    /** Visible contacts by id (null when missing or outside the caller's portfolio). */
    contact: new DataLoader<string, Contact | null>(async (ids) => {
      const rows = await contacts.byIds(principal(), ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Non-archived contacts of each account, by last name, first name, id (one query per batch of accounts). */
    ofAccount: new DataLoader<string, Contact[]>(async (accountIds) => {
      const groups = groupBy(await contacts.listByAccounts(principal(), accountIds), (row) => row.accountId);
      return accountIds.map((id) => groups.get(id) ?? []);
    }),
  };
}

export type ContactLoaders = ReturnType<typeof createContactLoaders>;
