import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { groupBy } from './accounts.loaders';
import { characteristicViewOf, type AccountCharacteristicsService } from './characteristics/account-characteristics.service';
import type { AccountCharacteristicValue } from './characteristics/characteristic-definition.inputs';
import type { AccountInterestsService } from './interests/account-interests.service';
import type { AccountInterestView } from './interests/interest.inputs';
import { relationshipViewOf, type AccountRelationshipsService } from './relationships/account-relationships.service';
import type { RelationshipType } from './relationships/relationship-type.entity';
import type { RelationshipTypesService } from './relationships/relationship-types.service';
import type { AccountRelationshipView } from './relationships/relationship.inputs';

export interface AccountDetailsServices {
  accountCharacteristics: AccountCharacteristicsService;
  accountInterests: AccountInterestsService;
  accountRelationships: AccountRelationshipsService;
  relationshipTypes: RelationshipTypesService;
}

/**
 * Per-request loaders of what hangs off an account (characteristics, interests, relationships): one query per
 * kind whatever the number of accounts. Keys are ids of accounts the caller has already been allowed to see;
 * every query is bounded by the caller's workspace.
 */
export function createAccountDetailsLoaders(currentPrincipal: () => Principal | null, services: AccountDetailsServices) {
  const workspaceId = (): string => {
    const principal = currentPrincipal();
    if (!principal) throw new Error('account detail loaders need a principal');
    return principal.workspaceId;
  };
  return {
    characteristicsOfAccount: new DataLoader<string, AccountCharacteristicValue[]>(async (accountIds) => {
      const groups = groupBy(await services.accountCharacteristics.ofAccounts(workspaceId(), accountIds), (row) => row.accountId);
      return accountIds.map((id) => (groups.get(id) ?? []).map(characteristicViewOf));
    }),
    interestsOfAccount: new DataLoader<string, AccountInterestView[]>(async (accountIds) => {
      const groups = groupBy(await services.accountInterests.ofAccounts(workspaceId(), accountIds), (row) => row.accountId);
      return accountIds.map((id) =>
        (groups.get(id) ?? []).map((row) => ({ area: row.area, kind: row.kind, note: row.note, updatedAt: row.updatedAt })),
      );
    }),
    relationshipsOfAccount: new DataLoader<string, AccountRelationshipView[]>(async (accountIds) => {
      const rows = await services.accountRelationships.ofAccounts(workspaceId(), accountIds);
      const ends = rows.flatMap((row) => [
        { accountId: row.fromAccountId, row },
        { accountId: row.toAccountId, row },
      ]);
      const groups = groupBy(ends, (end) => end.accountId);
      return accountIds.map((id) => (groups.get(id) ?? []).map((end) => relationshipViewOf(end.row, id)));
    }),
    /** Relationship types of the caller's workspace by id, archived ones included. */
    relationshipType: new DataLoader<string, RelationshipType | null>(async (ids) => {
      const rows = await services.relationshipTypes.byIds(workspaceId(), ids);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

export type AccountDetailsLoaders = ReturnType<typeof createAccountDetailsLoaders>;
