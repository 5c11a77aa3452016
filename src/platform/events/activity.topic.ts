import type { EntityManager } from 'typeorm';
import type { EventBus } from './event-bus';
import { chunkLists, defineTopic } from './topic';

/**
 * Something that may change members' activity counters and agendas, whichever domain changed it: follow-ups
 * created or changed (their old and new assignees), leads assigned (NEW_LEADS), records a member owns gaining or
 * losing an OPEN follow-up, changing owner, closing or being archived (IDLE), a time zone that moved a member's
 * "today", or time passing (the clock tick). Ids only: receivers recompute through the viewer's authorization.
 * Published in the change's transaction (a rolled-back change announces nothing). Receivers deduplicate what they
 * push, so announcing a member whose counters did not move costs a recount, while missing one is a stale counter:
 * publishers announce every member a change may concern.
 */
export interface ActivityChangedEvent {
  workspaceId: string;
  /** The members whose counters or agenda may have changed (e.g. assignees before and after, owners before and after). */
  memberIds: string[];
  followUpIds: string[];
  leadIds: string[];
  /** Time passing, not a change of data: counters may move, agendas do not. */
  clock?: boolean;
}

export const activityTopic = defineTopic<ActivityChangedEvent>('activity', { chunk: chunkLists<ActivityChangedEvent>('memberIds', 'followUpIds', 'leadIds') });

/** What a publisher says: the members may come with nulls and repeats (an unowned record, the same owner twice). */
export interface ActivityAnnouncement {
  workspaceId: string;
  memberIds: readonly (string | null | undefined)[];
  followUpIds?: readonly string[];
  leadIds?: readonly string[];
}

/**
 * Publishes on `activityTopic` in the command's transaction (`manager`): the members deduplicated and without
 * nulls. Nothing at all when there is nothing to announce, or no bus (scripts).
 */
export async function announceActivity(events: EventBus | undefined, manager: EntityManager, announcement: ActivityAnnouncement): Promise<void> {
  if (!events) return;
  const memberIds = [...new Set(announcement.memberIds.filter((id): id is string => Boolean(id)))];
  const followUpIds = [...new Set(announcement.followUpIds ?? [])];
  const leadIds = [...new Set(announcement.leadIds ?? [])];
  if (!memberIds.length && !followUpIds.length && !leadIds.length) return;
  await events.publish(manager, activityTopic, { workspaceId: announcement.workspaceId, memberIds, followUpIds, leadIds });
}
