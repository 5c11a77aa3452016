import { chunkLists, defineTopic } from '../../platform/events/topic';

/** Lead imports whose status or progress changed (ids only: receivers load what they push, as the viewer may see it). */
export interface LeadImportChangedEvent {
  workspaceId: string;
  importIds: string[];
}

export const leadImportChangedTopic = defineTopic<LeadImportChangedEvent>('leadImports', { chunk: chunkLists<LeadImportChangedEvent>('importIds') });
