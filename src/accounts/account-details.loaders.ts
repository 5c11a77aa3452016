import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, groupedByKey, principalReader } from '../platform/loaders/batch';
import { characteristicViewOf, type AccountCharacteristicsService } from './characteristics/account-characteristics.service';
import type { AccountCharacteristicValue } from './characteristics/characteristic-definition.inputs';
import { interestViewOf, type AccountInterestsService } from './interests/account-interests.service';
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
  const principal = principalReader(currentPrincipal, 'account detail');
  const workspaceId = (): string => principal().workspaceId;
  return {
    characteristicsOfAccount: new DataLoader<string, AccountCharacteristicValue[]>(async (accountIds) => {
      const rows = await services.accountCharacteristics.ofAccounts(workspaceId(), accountIds);
      return groupedByKey(accountIds, rows, (row) => row.accountId).map((group) => group.map(characteristicViewOf));
    }),
    interestsOfAccount: new DataLoader<string, AccountInterestView[]>(async (accountIds) => {
      const rows = await services.accountInterests.ofAccounts(workspaceId(), accountIds);
      return groupedByKey(accountIds, rows, (row) => row.accountId).map((group) => group.map(interestViewOf));
    }),
    relationshipsOfAccount: new DataLoader<string, AccountRelationshipView[]>(async (accountIds) => {
      const rows = await services.accountRelationships.ofAccounts(workspaceId(), accountIds);
      const ends = rows.flatMap((row) => [
        { accountId: row.fromAccountId, row },
        { accountId: row.toAccountId, row },
      ]);
      return groupedByKey(accountIds, ends, (end) => end.accountId).map((group, i) =>
        group.map((end) => relationshipViewOf(end.row, accountIds[i])),
      );
    }),
    /** Relationship types of the caller's workspace by id, archived ones included. */
    relationshipType: new DataLoader<string, RelationshipType | null>(async (ids) => {
      return byKey(ids, await services.relationshipTypes.byIds(workspaceId(), ids), (row) => row.id);
    }),
  };
}

export type AccountDetailsLoaders = ReturnType<typeof createAccountDetailsLoaders>;
