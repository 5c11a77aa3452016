import { registerEnumType } from 'type-graphql';
import { chunkLists, defineTopic } from '../platform/events/topic';

/** What happened to a deal, as `dealChanged` tells it. */
export enum DealChangeKind {
  CREATED = 'CREATED',
  CHANGED = 'CHANGED',
  MOVED = 'MOVED',
  WON = 'WON',
  LOST = 'LOST',
  REOPENED = 'REOPENED',
}
registerEnumType(DealChangeKind, {
  name: 'DealChangeKind',
  description: 'What happened to a deal.',
  valuesConfig: {
    CREATED: { description: 'Created (createDeal, upsertDeals).' },
    CHANGED: { description: 'Its fields or lines changed (updateDeal, line mutations, upsertDeals).' },
    MOVED: { description: 'Moved to another OPEN stage (forward or back).' },
    WON: { description: 'Entered a WON stage.' },
    LOST: { description: 'Entered a LOST stage.' },
    REOPENED: { description: 'Reopened from WON or LOST to an OPEN stage.' },
  },
});

/** Deals that changed (ids and pipelines only: receivers load what they push, through the viewer's authorization). */
export interface DealChangedEvent {
  workspaceId: string;
  deals: { id: string; pipelineId: string; change: DealChangeKind }[];
}

export const dealChangedTopic = defineTopic<DealChangedEvent>('deals', { chunk: chunkLists<DealChangedEvent>('deals') });
