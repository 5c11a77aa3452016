/**
 * A typed topic of the event bus. A domain declares its topics beside its events (`defineTopic<DealChanged>(
 * 'deals')`); publishers and subscribers then get the payload type from the topic, and the bus knows no domain.
 * Payloads carry ids and the change kind, never whole records: receivers load what they push, through the
 * viewer's authorization.
 */
export interface Topic<TEvent> {
  readonly name: string;
  /**
   * Splits an event into parts whose JSON stays within `maxBytes` (a NOTIFY payload is limited to 8,000 bytes).
   * Without it an event goes out whole, and one over the limit fails the publishing transaction.
   */
  readonly chunk?: (event: TEvent, maxBytes: number) => TEvent[];
  /** Only for typing: never set. */
  readonly __event?: TEvent;
}

export interface TopicOptions<TEvent> {
  chunk?: (event: TEvent, maxBytes: number) => TEvent[];
}

/** Topics travel by name over the one NOTIFY channel: two declarations of one name would mix their payloads. */
const declaredNames = new Set<string>();

export function defineTopic<TEvent>(name: string, options: TopicOptions<TEvent> = {}): Topic<TEvent> {
  if (declaredNames.has(name)) throw new Error(`the event topic "${name}" is declared twice`);
  declaredNames.add(name);
  return { name, chunk: options.chunk };
}

/** The keys of `TEvent` whose values are arrays. */
export type ListKey<TEvent> = { [K in keyof TEvent]-?: TEvent[K] extends readonly unknown[] ? K : never }[keyof TEvent] & string;

const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

/**
 * A `chunk` for events made of id lists: the items of `keys` (in that order) are packed into as few parts as fit
 * in the byte budget, every other field copied to each part. An event whose lists are all empty announces
 * nothing (no part).
 */
export function chunkLists<TEvent extends object>(...keys: ListKey<TEvent>[]): (event: TEvent, maxBytes: number) => TEvent[] {
  return (event, maxBytes) => {
    const emptyLists = (): Record<string, unknown[]> => Object.fromEntries(keys.map((key) => [key, []]));
    const baseBytes = bytesOf({ ...event, ...emptyLists() });
    const parts: TEvent[] = [];
    let lists = emptyLists();
    let bytes = baseBytes;
    let count = 0;
    for (const key of keys) {
      for (const item of event[key] as readonly unknown[]) {
        const itemBytes = bytesOf(item) + 1; // its comma
        if (count > 0 && bytes + itemBytes > maxBytes) {
          parts.push({ ...event, ...lists });
          lists = emptyLists();
          bytes = baseBytes;
          count = 0;
        }
        lists[key].push(item);
        bytes += itemBytes;
        count += 1;
      }
    }
    if (count > 0) parts.push({ ...event, ...lists });
    return parts;
  };
}
