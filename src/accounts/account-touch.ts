import type { EntityManager } from 'typeorm';
import { actorRefOf } from '../platform/auth/actor';
import type { Principal } from '../platform/auth/principal';
import { Account } from './account.entity';
import type { AccountsService } from './accounts.service';

/**
 * Marks a change to data that belongs to an account (its characteristics, its interests): bumps `version` and
 * `updatedAt` and records who changed it, so `expectedVersion` catches concurrent edits. The account must already
 * be locked by `AccountsService.lockVisible` in this transaction; it is read back through AccountsService.
 */
export async function touchAccount(
  manager: EntityManager,
  accounts: AccountsService,
  principal: Principal,
  account: Account,
): Promise<Account> {
  await manager
    .createQueryBuilder()
    .update(Account)
    .set({ updatedBy: actorRefOf(principal) })
    .where('id = :id AND workspace_id = :workspaceId', { id: account.id, workspaceId: principal.workspaceId })
    .execute();
  return accounts.get(principal, account.id, manager);
}
