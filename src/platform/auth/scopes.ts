/** The domains an API key can be scoped to; each with `:read` or `:write` (write implies read). */
export const API_DOMAINS = [
  'identity',
  'accounts',
  'leads',
  'catalog',
  'deals',
  'followups',
  'receivables',
  'reports',
  'integrations',
] as const;

export type ApiDomain = (typeof API_DOMAINS)[number];
export type ApiScope = `${ApiDomain}:${'read' | 'write'}`;

export const ALL_API_SCOPES: readonly ApiScope[] = API_DOMAINS.flatMap((domain) => [
  `${domain}:read` as const,
  `${domain}:write` as const,
]);

export const isApiScope = (value: string): value is ApiScope => (ALL_API_SCOPES as readonly string[]).includes(value);

export function scopeGranted(granted: ReadonlySet<string>, required: ApiScope): boolean {
  if (granted.has(required)) return true;
  const [domain, access] = required.split(':');
  return access === 'read' && granted.has(`${domain}:write`);
}
