// The client side of `npm run bench:subscriptions`: a separate process (the file-descriptor limit is per process)
// that opens graphql-ws subscribers, one socket each, and records when each of their messages arrives. Driven over
// IPC by scripts/bench-subscriptions.ts.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

interface OpenCommand {
  type: 'open';
  url: string;
  count: number;
  /** Subscriber i uses subscriptions[i % length]. */
  subscriptions: { token: string; query: string; variables: Record<string, unknown> }[];
  /** The subscription pushes its current state first (counters): that push is not an event. */
  initial: boolean;
}

let clients: Client[] = [];
/** Arrival times (epoch ms) of each subscriber's messages after the initial one. */
let arrivals: number[][] = [];
let initialSeen = 0;
let errors = 0;
let watchedIndex = -1;

const send = (message: unknown) => process.send?.(message);

function reportProgress(): void {
  if (watchedIndex < 0) return;
  if (arrivals.every((times) => times.length > watchedIndex)) {
    const index = watchedIndex;
    watchedIndex = -1;
    send({ type: 'received', index });
  }
}

async function open(command: OpenCommand): Promise<void> {
  arrivals = Array.from({ length: command.count }, () => []);
  initialSeen = 0;
  const batch = 200;
  for (let start = 0; start < command.count; start += batch) {
    const opened: Promise<void>[] = [];
    for (let i = start; i < Math.min(command.count, start + batch); i += 1) {
      const subscription = command.subscriptions[i % command.subscriptions.length];
      let connected!: () => void;
      opened.push(new Promise((resolve) => (connected = resolve)));
      const client = createClient({
        url: command.url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${subscription.token}` },
        retryAttempts: 0,
        lazy: true,
        on: { connected: () => connected() },
      });
      clients.push(client);
      let first = command.initial;
      client.subscribe(
        { query: subscription.query, variables: subscription.variables },
        {
          next: (message) => {
            if (message.errors) errors += 1;
            if (first) {
              first = false;
              initialSeen += 1;
              if (initialSeen === command.count) send({ type: 'initial' });
              return;
            }
            arrivals[i].push(Date.now());
            reportProgress();
          },
          error: () => (errors += 1),
          complete: () => undefined,
        },
      );
    }
    await Promise.all(opened);
  }
  send({ type: 'opened', errors });
}

process.on('message', (message: { type: string; index?: number } & Partial<OpenCommand>) => {
  if (message.type === 'open') void open(message as OpenCommand);
  else if (message.type === 'watch') {
    watchedIndex = message.index ?? 0;
    reportProgress();
  } else if (message.type === 'reset') {
    for (const times of arrivals) times.length = 0;
    send({ type: 'reset' });
  } else if (message.type === 'collect') send({ type: 'arrivals', arrivals, errors });
  else if (message.type === 'close') {
    void Promise.all(clients.map((client) => client.dispose())).then(() => {
      clients = [];
      send({ type: 'closed' });
    });
  }
});
send({ type: 'ready' });
