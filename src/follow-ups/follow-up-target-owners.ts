import type { AccountsService } from '../accounts/accounts.service';
import type { DealsService } from '../deals/deals.service';
import { RecordType } from '../platform/records/record-types';
import type { TargetOwners } from './follow-ups.service';

/**
 * The owners whose IDLE count a follow-up's target carries (follow-up-counters.service.ts: accounts by their
 * owners, open deals by their owner), through the owning domains' services: one statement per kind of target
 * named, none for contacts and leads.
 */
export function targetOwnersVia(accounts: AccountsService, deals: DealsService): TargetOwners {
  return async (manager, principal, targets) => {
    const idsOf = (type: RecordType) => targets.filter((target) => target.recordType === type).map((target) => target.recordId);
    const accountIds = idsOf(RecordType.ACCOUNT);
    const dealIds = idsOf(RecordType.DEAL);
    return [
      ...(accountIds.length ? await accounts.ownerIdsOf(manager, principal, accountIds) : []),
      ...(dealIds.length ? await deals.ownerIdsOf(manager, principal, dealIds) : []),
    ];
  };
}
