import type { GuardRule } from '../auth/guard';

/**
 * Words of a GraphQL name, lower case, for generated descriptions: `createdAt` → "created at",
 * `UNIT_PRICE` → "unit price", `AccountType` → "account type".
 */
export const wordsOf = (name: string): string =>
  name
    .replace(/_/g, ' ')
    .replace(/(?<=[a-z0-9])(?=[A-Z])/g, ' ')
    .toLowerCase()
    .trim();

/**
 * Who may call a root field, from its @Guard rule, in the words the schema uses for every root field:
 * "Requires ADMIN or above, or an API key with accounts:write (else FORBIDDEN)." (no role: "Any member, or …";
 * members only: "… as a logged-in member; API keys get FORBIDDEN (MEMBERS_ONLY).").
 */
export const accessOf = (rule: GuardRule): string => {
  const who = rule.role ? `Requires ${rule.role} or above` : 'Any member';
  return rule.membersOnly
    ? `${who}, as a logged-in member; API keys get FORBIDDEN (MEMBERS_ONLY).`
    : `${who}, or an API key with ${rule.scope} (else FORBIDDEN).`;
};
