import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, principalReader } from '../platform/loaders/batch';
import { createFirstNLoader } from '../platform/pagination/first-n';
import type { TimelineService } from '../platform/timeline/timeline.service';
import type { Contact } from './contact.entity';
import type { ContactsService } from './contacts.service';

/** Per-request loaders of contacts, bounded to the caller's workspace and portfolio (through ContactsService). */
export function createContactLoaders(currentPrincipal: () => Principal | null, contacts: ContactsService, timeline: TimelineService) {
  const principal = principalReader(currentPrincipal, 'contact');
  return {
    /** Visible contacts by id (null when missing or outside the caller's portfolio). */
    contact: new DataLoader<string, Contact | null>(async (ids) => {
      return byKey(ids, await contacts.byIds(principal(), ids), (row) => row.id);
    }),
    /** The first non-archived contacts of each account, by last name, first name, id (one statement per batch). */
    ofAccount: createFirstNLoader(contacts.accountsSource(principal)),
    /** `Contact.timeline` pages (one statement per batch of contacts). */
    timeline: createFirstNLoader(timeline.recordsSource(principal, false)),
  };
}

export type ContactLoaders = ReturnType<typeof createContactLoaders>;
