import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, groupedByKey, principalReader } from '../platform/loaders/batch';
import { createFirstNLoader } from '../platform/pagination/first-n';
import type { TimelineService } from '../platform/timeline/timeline.service';
import type { AccountOwner } from './account-owner.entity';
import type { Account } from './account.entity';
import type { AccountsService } from './accounts.service';

/** Per-request loaders of the accounts domain, bounded to the caller's workspace and portfolio. */
export function createAccountLoaders(currentPrincipal: () => Principal | null, accounts: AccountsService, timeline: TimelineService) {
  const principal = principalReader(currentPrincipal, 'account');
  return {
    /** Visible accounts by id (null when missing or outside the caller's portfolio). */
    account: new DataLoader<string, Account | null>(async (ids) => {
      return byKey(ids, await accounts.byIds(principal(), ids), (row) => row.id);
    }),
    ownersOfAccount: new DataLoader<string, AccountOwner[]>(async (accountIds) => {
      return groupedByKey(accountIds, await accounts.ownersOf(principal().workspaceId, accountIds), (row) => row.accountId);
    }),
    /** `Account.timeline` pages: the account's history and everything anchored to it, one statement per batch. */
    timeline: createFirstNLoader(timeline.recordsSource(principal, true)),
  };
}

export type AccountLoaders = ReturnType<typeof createAccountLoaders>;
