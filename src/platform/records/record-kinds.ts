import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { ScopedRecordService, TenantRow } from '../data/scoped-record-service';
import { NotFoundError } from '../errors/errors';
import { isUuid } from '../validation/ids';
import type { RecordType } from './record-types';

/** What decides a record's visibility: the account it hangs off (itself for an account), or its owner without one. */
export interface RecordAnchor {
  accountId: string | null;
  ownerMembershipId: string | null;
}

/** A record of any kind, found within the caller's reach: what documents, comments and timelines attach to. */
export interface LocatedRecord extends RecordAnchor {
  recordType: RecordType;
  recordId: string;
}

/** How a domain's kind of record is found, locked and anchored. */
export interface RecordKind<R extends { id: string }> {
  type: RecordType;
  /** The visible record with this id, or null (another workspace, outside the portfolio, no such id). */
  locate(principal: Principal, id: string, manager?: EntityManager): Promise<R | null>;
  /** Inside a transaction: the visible record held FOR SHARE until it ends, or null. */
  lock(manager: EntityManager, principal: Principal, id: string): Promise<R | null>;
  anchor(record: R): RecordAnchor;
}

/** Told, inside the moving command's transaction, that records now hang off another account or owner. */
export type AnchorsChangedListener = (manager: EntityManager, principal: Principal, records: LocatedRecord[]) => Promise<void>;

/** A kind whose records are read through a ScopedRecordService (the usual case: 1 line in the domain). */
export function scopedRecordKind<R extends TenantRow>(
  type: RecordType,
  service: ScopedRecordService<R>,
  anchor: (record: R) => RecordAnchor,
): RecordKind<R> {
  return {
    type,
    locate: (principal, id, manager) => service.find(principal, id, manager),
    lock: (manager, principal, id) => service.lockShared(manager, principal, id),
    anchor,
  };
}

/**
 * The kinds of records domains register: finds, locks and anchors a record of any kind by its id, for what
 * attaches to "any record" (documents, comments, timeline subscriptions, later follow-ups and subscriptions),
 * and tells subscribers when records move to another account or owner (documents follow them).
 */
export class RecordKindRegistry {
  private readonly kinds = new Map<RecordType, RecordKind<{ id: string }>>();
  private readonly anchorListeners: AnchorsChangedListener[] = [];

  register<R extends { id: string }>(kind: RecordKind<R>): void {
    if (this.kinds.has(kind.type)) throw new Error(`Record kind ${kind.type} is registered twice`);
    this.kinds.set(kind.type, kind as unknown as RecordKind<{ id: string }>);
  }

  get types(): RecordType[] {
    return [...this.kinds.keys()];
  }

  /**
   * The record with this id within the caller's reach; NOT_FOUND otherwise. One query per kind, in registration
   * order: an unknown id and one outside reach cost the same, so the cost tells nothing about existence.
   */
  async locate(principal: Principal, id: string, manager?: EntityManager): Promise<LocatedRecord> {
    if (isUuid(id)) {
      for (const kind of this.kinds.values()) {
        const record = await kind.locate(principal, id, manager);
        if (record) return located(kind, record);
      }
    }
    throw new NotFoundError('Record');
  }

  /**
   * Inside a command's transaction: finds the record and holds it, and the account it hangs off, FOR SHARE until
   * the transaction ends, so a concurrent move (which locks the record FOR UPDATE) runs wholly before or after
   * the command; what the command anchors to the record's account is the account it has when the command commits.
   */
  async lock(manager: EntityManager, principal: Principal, id: string): Promise<LocatedRecord> {
    if (isUuid(id)) {
      for (const kind of this.kinds.values()) {
        const record = await kind.lock(manager, principal, id);
        if (!record) continue;
        const found = located(kind, record);
        if (found.accountId && found.accountId !== found.recordId) {
          // Every record hangs off an account (DESIGN §2): the anchor is always a row of `accounts`.
          await manager.query('SELECT 1 FROM accounts WHERE workspace_id = $1 AND id = $2 FOR SHARE', [principal.workspaceId, found.accountId]);
        }
        return found;
      }
    }
    throw new NotFoundError('Record');
  }

  /** Subscribes to moves of records of any kind (documents re-anchor theirs). */
  onAnchorsChanged(listener: AnchorsChangedListener): void {
    this.anchorListeners.push(listener);
  }

  /** Called by a domain, in the moving command's transaction, with the records of `type` that moved. */
  async anchorsChanged<R extends { id: string }>(manager: EntityManager, principal: Principal, type: RecordType, records: R[]): Promise<void> {
    if (!records.length) return;
    const kind = this.kinds.get(type);
    if (!kind) throw new Error(`Record kind ${type} is not registered`);
    const moved = records.map((record) => located(kind, record));
    for (const listener of this.anchorListeners) await listener(manager, principal, moved);
  }
}

function located<R extends { id: string }>(kind: RecordKind<R>, record: R): LocatedRecord {
  const { accountId, ownerMembershipId } = kind.anchor(record);
  return { recordType: kind.type, recordId: record.id, accountId, ownerMembershipId };
}

/**
 * For what attaches to records and copies their anchor (documents, follow-ups): rows of `table` on records that
 * moved take their new account / owner, in one statement for any number of records. `table` is the caller's own
 * (a constant, never input) and has workspace_id, record_id, account_id and owner_membership_id.
 */
export async function reanchorAttached(manager: EntityManager, table: string, workspaceId: string, anchors: readonly LocatedRecord[]): Promise<void> {
  if (!anchors.length) return;
  await manager.query(
    `UPDATE ${table} t SET account_id = v.account_id, owner_membership_id = v.owner_membership_id
       FROM jsonb_to_recordset($1::jsonb) AS v(record_id uuid, account_id uuid, owner_membership_id uuid)
      WHERE t.workspace_id = $2 AND t.record_id = v.record_id`,
    [JSON.stringify(anchors.map((a) => ({ record_id: a.recordId, account_id: a.accountId, owner_membership_id: a.ownerMembershipId }))), workspaceId],
  );
}
