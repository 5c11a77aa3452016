import type { Principal } from '../auth/principal';

/** DataLoader results in key order: the row of each key, or null when the batch query did not return one. */
export function byKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const index = new Map<K, T>();
  for (const row of rows) index.set(keyOf(row), row);
  return keys.map((key) => index.get(key) ?? null);
}

/** DataLoader results in key order: the rows of each key (in the order the batch query returned them). */
export function groupedByKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** The principal of the request, read at batch time; loaders below guarded fields always have one. */
export function principalReader(currentPrincipal: () => Principal | null, loaders: string): () => Principal {
  return () => {
    const principal = currentPrincipal();
    if (!principal) throw new Error(`${loaders} loaders need a principal`);
    return principal;
  };
}
