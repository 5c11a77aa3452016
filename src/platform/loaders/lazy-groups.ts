/**
 * Per-request loader groups, each created on first use: a request touching accounts and identity builds their
 * DataLoaders only, not every domain's (dozens of loaders, most of them unused by any one request).
 */
export function lazyGroups<T extends Record<string, () => object>>(factories: T): { [K in keyof T]: ReturnType<T[K]> } {
  const groups = {} as { [K in keyof T]: ReturnType<T[K]> };
  for (const [name, create] of Object.entries(factories)) {
    Object.defineProperty(groups, name, {
      enumerable: true,
      configurable: true,
      get() {
        const value = create();
        Object.defineProperty(groups, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return groups;
}
