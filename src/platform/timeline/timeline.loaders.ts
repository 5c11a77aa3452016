import DataLoader from 'dataloader';
import type { Principal } from '../auth/principal';
import { principalReader } from '../loaders/batch';
import type { TimelineEntry } from './timeline-entry.entity';
import { accountIdsIn, redactEntry } from './timeline-redaction';
import type { TimelineService } from './timeline.service';

/** Per-request loaders of timeline entries. */
export function createTimelineLoaders(currentPrincipal: () => Principal | null, timeline: TimelineService) {
  const principal = principalReader(currentPrincipal, 'timeline');
  return {
    /**
     * Entries as the reader may see them: every entry of the request (all pages, all accounts of a list, a
     * subscription event) is checked in one batch, with one query at most.
     */
    redacted: new DataLoader<TimelineEntry, TimelineEntry, string>(
      async (entries) => {
        const visible = await timeline.visibleAccountIds(principal(), entries.flatMap(accountIdsIn));
        return entries.map((entry) => redactEntry(entry, visible));
      },
      { cacheKeyFn: (entry) => entry.id },
    ),
  };
}

export type TimelineLoaders = ReturnType<typeof createTimelineLoaders>;
