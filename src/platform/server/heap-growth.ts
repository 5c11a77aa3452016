import { setFlagsFromString } from 'node:v8';

/**
 * V8 sizes a process's heap from the machine's memory: on a large machine it lets the old generation grow to up
 * to four times what survived the last full collection before collecting again. Under concurrent requests that
 * is mostly dead request data kept resident (`npm run bench:graphql`: about 290 MB of RSS serving the account
 * page, heap mostly garbage). A fixed growth of `percent` (100: twice the live size) keeps RSS near 190 MB at
 * the same CPU per request, measured in the same run; the default 50 about 173 MB for about 4 % more CPU; 0 leaves
 * V8's own choice. V8 reads the flag at each collection, so setting it once at start applies from then on.
 * Processes only (main.ts, worker.ts): tests and scripts keep V8's default.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
