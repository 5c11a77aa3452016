import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, groupedByKey, principalReader } from '../platform/loaders/batch';
import type { FollowUpState, FollowUpType } from './follow-up-settings.entity';
import type { FollowUpStatesService, FollowUpTypesService } from './follow-up-settings.service';
import type { FollowUp, FollowUpPostponement } from './follow-up.entity';
import type { FollowUpsService } from './follow-ups.service';

/** Per-request loaders of the follow-ups domain, bounded to the caller's workspace (and reach, for follow-ups). */
export function createFollowUpLoaders(
  currentPrincipal: () => Principal | null,
  followUps: FollowUpsService,
  types: FollowUpTypesService,
  states: FollowUpStatesService,
) {
  const principal = principalReader(currentPrincipal, 'followUps');
  return {
    /** Follow-up types by id, archived ones included (a follow-up keeps its type). */
    type: new DataLoader<string, FollowUpType | null>(async (ids) => byKey(ids, await types.byIds(principal().workspaceId, ids), (row) => row.id)),
    /** Follow-up states by id, archived ones included. */
    state: new DataLoader<string, FollowUpState | null>(async (ids) => byKey(ids, await states.byIds(principal().workspaceId, ids), (row) => row.id)),
    /** The visible follow-ups of each chain (by its root id), oldest first (one statement per batch of chains). */
    chain: new DataLoader<string, FollowUp[]>(async (rootIds) =>
      groupedByKey(rootIds, await followUps.chainsOf(principal(), rootIds), (row) => row.chainRootId),
    ),
    /** Postponements of each follow-up, oldest first (one statement per batch). */
    postponements: new DataLoader<string, FollowUpPostponement[]>(async (ids) =>
      groupedByKey(ids, await followUps.postponementsOf(principal(), ids), (row) => row.followUpId),
    ),
  };
}

export type FollowUpLoaders = ReturnType<typeof createFollowUpLoaders>;
