import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import type { Client } from 'graphql-ws';

/** A live subscription whose messages are queued until the test takes them. */
export interface LiveSubscription<T> {
  /** The next message (data or errors); rejects after `timeoutMs` without one. */
  next(timeoutMs?: number): Promise<FormattedExecutionResult<T>>;
  /** Resolves true if no message arrives within `ms`. */
  staysQuiet(ms: number): Promise<boolean>;
  close(): void;
  /** Resolves once the subscription receives events (it calls `trigger` to cause some), leaving the queue empty. */
  waitUntilLive(trigger: () => Promise<unknown>): Promise<void>;
}

export function subscribe<T, V>(
  client: Client,
  document: TypedDocumentNode<T, V>,
  variables: V,
): LiveSubscription<T> {
  const queue: FormattedExecutionResult<T>[] = [];
  const waiters: ((message: FormattedExecutionResult<T>) => void)[] = [];
  const deliver = (message: FormattedExecutionResult<T>) => {
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  };
  const unsubscribe = client.subscribe<T>(
    { query: print(document), variables: variables as Record<string, unknown> },
    {
      next: (value) => deliver(value as FormattedExecutionResult<T>),
      error: (error) => deliver({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
      complete: () => undefined,
    },
  );
  const live: LiveSubscription<T> = {
    next(timeoutMs = 5000) {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return new Promise((resolve, reject) => {
        const waiter = (message: FormattedExecutionResult<T>) => {
          clearTimeout(timer);
          resolve(message);
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no subscription message within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async staysQuiet(ms) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return queue.length === 0;
    },
    close: unsubscribe,
    async waitUntilLive(trigger) {
      // graphql-ws has no "subscribed" acknowledgement: trigger harmless events until one comes through,
      // then drop what the probes produced.
      for (let attempt = 0; attempt < 50; attempt += 1) {
        await trigger();
        try {
          await live.next(200);
          await new Promise((resolve) => setTimeout(resolve, 100));
          queue.length = 0;
          return;
        } catch {
          // not live yet
        }
      }
      throw new Error('the subscription never became live');
    },
  };
  return live;
}
