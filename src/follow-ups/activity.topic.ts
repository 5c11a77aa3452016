import { chunkLists, defineTopic } from '../platform/events/topic';

/**
 * Something that may change members' activity counters and agendas: follow-ups created or changed (their old
 * and new assignees), leads assigned (NEW_LEADS), or time passing (the clock tick: follow-ups that became overdue,
 * a "today" that rolled over). Ids only: receivers recompute through the viewer's authorization. Published in
 * the change's transaction (a rolled-back change announces nothing).
 */
export interface ActivityChangedEvent {
  workspaceId: string;
  /** The members whose counters or agenda may have changed (assignees before and after). */
  memberIds: string[];
  followUpIds: string[];
  leadIds: string[];
  /** Time passing, not a change of data: counters may move, agendas do not. */
  clock?: boolean;
}

export const activityTopic = defineTopic<ActivityChangedEvent>('activity', { chunk: chunkLists<ActivityChangedEvent>('memberIds', 'followUpIds', 'leadIds') });
