import type { EventBus } from '../../src/platform/events/event-bus';
import { activityTopic, type ActivityChangedEvent } from '../../src/platform/events/activity.topic';

/** What this instance's bus delivers on the activity topic for one workspace (to assert what was, or was not, announced). */
export function tapActivity(bus: EventBus, workspaceId: string) {
  const received: ActivityChangedEvent[] = [];
  const iterator = bus.subscribe(activityTopic, (event) => event.workspaceId === workspaceId)[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      received.push(next.value);
    }
  })();
  return { received, stop: () => iterator.return?.() };
}
