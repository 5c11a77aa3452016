import DataLoader from 'dataloader';
import type { MembersService } from '../identity/members.service';
import type { Team } from '../identity/identity.public';
import type { Principal } from '../platform/auth/principal';
import { byKey, principalReader } from '../platform/loaders/batch';
import { createFirstNLoader } from '../platform/pagination/first-n';
import type { TimelineService } from '../platform/timeline/timeline.service';
import { DUPLICATES_DEFAULT_FIRST, probeOfLead, type DuplicatesService } from './duplicates.service';
import type { DuplicateCandidate } from './duplicates.types';
import type { LeadCloseReason, LeadSource } from './lead-settings.entity';
import type { LeadCloseReasonsService, LeadSourcesService } from './lead-settings.service';
import type { Lead } from './lead.entity';
import type { LeadsService } from './leads.service';

export interface LeadLoaderSources {
  leads: LeadsService;
  leadSources: LeadSourcesService;
  leadCloseReasons: LeadCloseReasonsService;
  members: MembersService;
  timeline: TimelineService;
  duplicates: DuplicatesService;
}

/** Per-request loaders of the leads domain, bounded to the caller's workspace (leads: and to their scope). */
export function createLeadLoaders(currentPrincipal: () => Principal | null, services: LeadLoaderSources) {
  const principal = principalReader(currentPrincipal, 'lead');
  return {
    /** Visible leads by id (null when missing or outside the caller's reach). */
    lead: new DataLoader<string, Lead | null>(async (ids) => byKey(ids, await services.leads.byIds(principal(), ids), (row) => row.id)),
    /** Sources by id, archived ones included (a lead keeps its archived source). */
    source: new DataLoader<string, LeadSource | null>(async (ids) =>
      byKey(ids, await services.leadSources.byIds(principal().workspaceId, ids), (row) => row.id),
    ),
    closeReason: new DataLoader<string, LeadCloseReason | null>(async (ids) =>
      byKey(ids, await services.leadCloseReasons.byIds(principal().workspaceId, ids), (row) => row.id),
    ),
    /** Teams of the workspace by id (a lead's routing team). */
    team: new DataLoader<string, Team | null>(async (ids) => byKey(ids, await services.members.teamsByIds(principal().workspaceId, ids), (row) => row.id)),
    /** `Lead.duplicates`: one statement per kind of record for a batch of leads. */
    duplicates: new DataLoader<Lead, DuplicateCandidate[], string>(
      (leads) => services.duplicates.candidates(principal(), leads.map(probeOfLead), DUPLICATES_DEFAULT_FIRST),
      { cacheKeyFn: (lead) => lead.id },
    ),
    /** `Lead.timeline` pages (one statement per batch of leads). */
    timeline: createFirstNLoader(services.timeline.recordsSource(principal, false)),
    /** `Member.assignedLeads` pages (one statement per batch of members with the same arguments). */
    ofAssignee: createFirstNLoader(services.leads.assigneesSource(principal)),
  };
}

export type LeadLoaders = ReturnType<typeof createLeadLoaders>;
