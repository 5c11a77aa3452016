import type { FieldChange, TimelineEntry } from './timeline-entry.entity';

/**
 * Timeline entries keep ids of other accounts: the account an entry is anchored to (`accountId`, e.g. the
 * account a contact was in), data keys ending in `AccountId` (e.g. a relationship's `otherAccountId`, with its
 * name under the matching `…AccountName` when stored) and changes of a field `accountId` (a contact moved from
 * one account to another). Domains that store account ids in entries follow these names, so that reads can
 * hide the accounts the reader may not see (DESIGN §3: no existence leaks).
 */
const ACCOUNT_ID_KEY = /AccountId$/;
const ACCOUNT_CHANGE_FIELD = 'accountId';

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Every account id an entry mentions. */
export function accountIdsIn(entry: TimelineEntry): string[] {
  const ids: string[] = [];
  if (entry.accountId) ids.push(entry.accountId);
  for (const [key, value] of Object.entries(entry.data ?? {})) if (ACCOUNT_ID_KEY.test(key) && isId(value)) ids.push(value);
  for (const change of entry.changes ?? []) {
    if (change.field !== ACCOUNT_CHANGE_FIELD) continue;
    if (isId(change.before)) ids.push(change.before);
    if (isId(change.after)) ids.push(change.after);
  }
  return ids;
}

/** A copy of the entry where every account the reader may not see is null (its id and any stored name). */
export function redactEntry(entry: TimelineEntry, visible: ReadonlySet<string>): TimelineEntry {
  const hidden = (value: unknown): boolean => isId(value) && !visible.has(value);
  if (!accountIdsIn(entry).some(hidden)) return entry;
  let data = entry.data;
  if (data) {
    data = { ...data };
    for (const [key, value] of Object.entries(data)) {
      if (!ACCOUNT_ID_KEY.test(key) || !hidden(value)) continue;
      data[key] = null;
      const nameKey = key.replace(ACCOUNT_ID_KEY, 'AccountName');
      if (nameKey in data) data[nameKey] = null;
    }
  }
  const changes = entry.changes?.map((change): FieldChange =>
    change.field === ACCOUNT_CHANGE_FIELD
      ? { ...change, before: hidden(change.before) ? null : change.before, after: hidden(change.after) ? null : change.after }
      : change,
  );
  return { ...entry, accountId: hidden(entry.accountId) ? null : entry.accountId, data, changes: changes ?? null };
}
