/**
 * The listed fields that validated input actually carries (undefined = not given, so an update leaves them
 * alone; null = clear them).
 */
export function presentFields<I extends object, K extends keyof I>(input: I, keys: readonly K[]): Partial<Pick<I, K>> {
  const present: Partial<Pick<I, K>> = {};
  for (const key of keys) {
    if (input[key] !== undefined) present[key] = (input[key] ?? null) as I[K];
  }
  return present;
}
