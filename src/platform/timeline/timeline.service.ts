import { In, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { actorRefOf } from '../auth/actor';
import { visibleAccountIds } from '../auth/record-scope';
import { inWorkspace } from '../data/workspace-rows';
import type { EventBus } from '../events/event-bus';
import type { Principal } from '../auth/principal';
import { ConnectionArgs, type ConnectionShape } from '../pagination/connection';
import type { FirstNSource } from '../pagination/first-n';
import { paginate, type SortKey } from '../pagination/keyset';
import type { FieldChange, RecordType } from './timeline-entry.entity';
import { TimelineEntry } from './timeline-entry.entity';
import { timelineTopic, type TimelineEvent } from './timeline.topic';

export interface NewTimelineEntry {
  kind: string;
  recordType: RecordType;
  recordId: string;
  accountId: string | null;
  changes?: FieldChange[] | null;
  data?: Record<string, unknown> | null;
}

const NEWEST_FIRST: SortKey<TimelineEntry>[] = [
  { sql: 't.occurred_at', type: 'timestamp', direction: 'DESC', value: (row) => row.occurredAt },
  { sql: 't.id', type: 'uuid', direction: 'DESC', value: (row) => row.id },
];

export interface TimelineQuery extends ConnectionArgs {
  kinds?: string[] | null;
}

/** Shared history machinery: domains write entries inside their transactions and read pages of them. */
export class TimelineService {
  constructor(
    private readonly db: DataSource,
    /** When given, new entries are announced to every instance once the transaction commits. */
    private readonly events?: EventBus,
  ) {}

  /** Appends entries in the caller's transaction (one INSERT whatever their number); returns their ids in order. */
  async record(manager: EntityManager, principal: Principal, entries: NewTimelineEntry[]): Promise<string[]> {
    if (entries.length === 0) return [];
    const actor = actorRefOf(principal);
    const announced: TimelineEvent['entries'] = [];
    // Chunked to stay under PostgreSQL's bind-parameter limit on bulk operations.
    for (let i = 0; i < entries.length; i += 5000) {
      const chunk = entries.slice(i, i + 5000);
      const inserted = await manager.insert(
        TimelineEntry,
        chunk.map((entry) => ({
          workspaceId: principal.workspaceId,
          kind: entry.kind,
          recordType: entry.recordType,
          recordId: entry.recordId,
          accountId: entry.accountId,
          actor,
          changes: entry.changes ?? null,
          data: entry.data ?? null,
        })) as QueryDeepPartialEntity<TimelineEntry>[],
      );
      inserted.identifiers.forEach((identifier, j) =>
        announced.push({ id: String(identifier.id), recordId: chunk[j].recordId, accountId: chunk[j].accountId }),
      );
    }
    await this.events?.publish(manager, timelineTopic, { workspaceId: principal.workspaceId, entries: announced });
    return announced.map((entry) => entry.id);
  }

  /**
   * Hangs a record's history off an account (lead conversion: the lead's entries show in the account's timeline),
   * in the caller's transaction; entries already anchored to an account keep theirs. Returns how many it linked.
   */
  async linkToAccount(manager: EntityManager, principal: Principal, recordId: string, accountId: string): Promise<number> {
    const result = await manager.query('UPDATE timeline_entries SET account_id = $1 WHERE workspace_id = $2 AND record_id = $3 AND account_id IS NULL', [
      accountId,
      principal.workspaceId,
      recordId,
    ]);
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  /** Which of these account ids (stored in entries) the caller may see; one query at most (record-scope.ts). */
  visibleAccountIds(principal: Principal, accountIds: readonly string[]): Promise<Set<string>> {
    return visibleAccountIds(this.db, principal, accountIds);
  }

  /** Entries by id within the caller's workspace, in the order asked (the caller checks the record is visible). */
  async entries(principal: Principal, ids: readonly string[], manager: EntityManager = this.db.manager): Promise<(TimelineEntry | null)[]> {
    if (!ids.length) return [];
    const rows = await inWorkspace(manager, principal).find(TimelineEntry, { where: { id: In([...ids]) } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** A page of the workspace-level history (settings lists and workspace settings), newest first. */
  pageOfTypes(principal: Principal, recordTypes: RecordType[], args: TimelineQuery): Promise<ConnectionShape<TimelineEntry>> {
    const query = inWorkspace(this.db.manager, principal)
      .query(TimelineEntry, 't')
      .andWhere('t.record_type IN (:...recordTypes)', { recordTypes });
    if (args.kinds?.length) query.andWhere('t.kind IN (:...kinds)', { kinds: args.kinds });
    return paginate(query, NEWEST_FIRST, args);
  }

  /**
   * Pages of history of many records at once (for the first-N loader of `Account.timeline` / `Contact.timeline`),
   * newest first. The parents are records the caller has already been allowed to see; `includeAccount` adds
   * everything anchored to each account (its contacts, documents, ...).
   */
  recordsSource(principal: () => Principal, includeAccount: boolean): FirstNSource<TimelineEntry, TimelineQuery> {
    return {
      entity: TimelineEntry,
      sortKeys: NEWEST_FIRST,
      parentSql: includeAccount ? 'parent.id' : 't.record_id',
      rows: (parentIds, args) => {
        const query = inWorkspace(this.db.manager, principal()).query(TimelineEntry, 't');
        if (includeAccount) {
          // An entry belongs to the account it is about and to the account it hangs off.
          query.innerJoin(
            '(SELECT unnest(CAST(:parentIds AS uuid[])) AS id)',
            'parent',
            '(t.record_id = parent.id OR t.account_id = parent.id)',
            { parentIds },
          );
          query.andWhere('(t.record_id IN (:...parentIdList) OR t.account_id IN (:...parentIdList))', { parentIdList: parentIds });
        } else {
          query.andWhere('t.record_id IN (:...parentIdList)', { parentIdList: parentIds });
        }
        if (args.kinds?.length) query.andWhere('t.kind IN (:...kinds)', { kinds: args.kinds });
        return query;
      },
    };
  }

  /**
   * A page of history, newest first. The caller has already checked the record is visible; `includeAccount`
   * adds everything anchored to the account (its contacts, documents, ...).
   */
  page(
    principal: Principal,
    target: { recordId: string; includeAccount: boolean },
    args: TimelineQuery,
  ): Promise<ConnectionShape<TimelineEntry>> {
    const query = inWorkspace(this.db.manager, principal)
      .query(TimelineEntry, 't')
      .andWhere(target.includeAccount ? '(t.record_id = :recordId OR t.account_id = :recordId)' : 't.record_id = :recordId', {
        recordId: target.recordId,
      });
    if (args.kinds?.length) query.andWhere('t.kind IN (:...kinds)', { kinds: args.kinds });
    return paginate(query, NEWEST_FIRST, args);
  }
}
