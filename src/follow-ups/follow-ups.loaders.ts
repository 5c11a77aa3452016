import DataLoader from 'dataloader';
import type { Principal } from '../platform/auth/principal';
import { byKey, groupedByKey, principalReader } from '../platform/loaders/batch';
import { createFirstNLoader } from '../platform/pagination/first-n';
import type { FollowUpEntriesService } from './follow-up-entries.service';
import type { FollowUpActivityDefinition, FollowUpState, FollowUpType } from './follow-up-settings.entity';
import type { FollowUpActivityDefinitionsService, FollowUpStatesService, FollowUpTypesService } from './follow-up-settings.service';
import type { FollowUp, FollowUpPostponement } from './follow-up.entity';
import type { FollowUpsService } from './follow-ups.service';

/** The follow-ups domain's services the loaders read through. */
export interface FollowUpLoaderServices {
  followUps: FollowUpsService;
  followUpTypes: FollowUpTypesService;
  followUpStates: FollowUpStatesService;
  followUpActivityDefinitions: FollowUpActivityDefinitionsService;
  followUpEntries: FollowUpEntriesService;
}

/** Per-request loaders of the follow-ups domain, bounded to the caller's workspace (and reach, for follow-ups). */
export function createFollowUpLoaders(currentPrincipal: () => Principal | null, services: FollowUpLoaderServices) {
  const { followUps, followUpTypes: types, followUpStates: states, followUpActivityDefinitions: definitions, followUpEntries: entries } = services;
  const principal = principalReader(currentPrincipal, 'followUps');
  return {
    /** Follow-up types by id, archived ones included (a follow-up keeps its type). */
    type: new DataLoader<string, FollowUpType | null>(async (ids) => byKey(ids, await types.byIds(principal().workspaceId, ids), (row) => row.id)),
    /** Follow-up states by id, archived ones included. */
    state: new DataLoader<string, FollowUpState | null>(async (ids) => byKey(ids, await states.byIds(principal().workspaceId, ids), (row) => row.id)),
    /** Activity definitions by id, archived ones included (a logged activity keeps its definition). */
    activityDefinition: new DataLoader<string, FollowUpActivityDefinition | null>(async (ids) =>
      byKey(ids, await definitions.byIds(principal().workspaceId, ids), (row) => row.id),
    ),
    /** The visible follow-ups of each chain (by its root id), oldest first (one statement per batch of chains). */
    chain: new DataLoader<string, FollowUp[]>(async (rootIds) =>
      groupedByKey(rootIds, await followUps.chainsOf(principal(), rootIds), (row) => row.chainRootId),
    ),
    /** Postponements of each follow-up, oldest first (one statement per batch). */
    postponements: new DataLoader<string, FollowUpPostponement[]>(async (ids) =>
      groupedByKey(ids, await followUps.postponementsOf(principal(), ids), (row) => row.followUpId),
    ),
    /** FollowUp.observations: a page per follow-up, one statement per batch. */
    observations: createFirstNLoader(entries.observationsSource(principal)),
    /** FollowUp.activities: a page per follow-up, one statement per batch. */
    activities: createFirstNLoader(entries.activitiesSource(principal)),
  };
}

export type FollowUpLoaders = ReturnType<typeof createFollowUpLoaders>;
