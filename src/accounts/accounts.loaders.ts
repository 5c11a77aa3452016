import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import type { AccountOwner } from './account-owner.entity';
import type { Account } from './account.entity';
import type { AccountsService } from './accounts.service';

const groupBy = <T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};
export { groupBy };

/** Per-request loaders of the accounts domain, bounded to the caller's workspace and portfolio. */
export function createAccountLoaders(currentPrincipal: () => Principal | null, accounts: AccountsService) {
  const principal = (): Principal => {
    const current = currentPrincipal();
    if (!current) throw new Error('account loaders need a principal');
    return current;
  };
  return {
    /** Visible accounts by id (null when missing or outside the caller's portfolio). */
    account: new DataLoader<string, Account | null>(async (ids) => {
      const rows = await accounts.byIds(principal(), ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ownersOfAccount: new DataLoader<string, AccountOwner[]>(async (accountIds) => {
      const groups = groupBy(await accounts.ownersOf(principal().workspaceId, accountIds), (row) => row.accountId);
      return accountIds.map((id) => groups.get(id) ?? []);
    }),
  };
}

export type AccountLoaders = ReturnType<typeof createAccountLoaders>;
