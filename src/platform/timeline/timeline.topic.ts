import { chunkLists, defineTopic } from '../events/topic';

/** New timeline entries (ids only: receivers load what they push, through the viewer's authorization). */
export interface TimelineEvent {
  workspaceId: string;
  entries: { id: string; recordId: string; accountId: string | null }[];
}

export const timelineTopic = defineTopic<TimelineEvent>('timeline', { chunk: chunkLists<TimelineEvent>('entries') });
