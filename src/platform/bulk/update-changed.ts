import type { EntityManager } from 'typeorm';
import type { ActorRef } from '../auth/actor';

/** One row of a set-based update: its id and only the columns that change (snake_case names, JSON values). */
export interface ChangedRow {
  id: string;
  changed: Record<string, unknown>;
}

/**
 * Writes many rows of a workspace table in ONE statement, each row only its changed columns: every other
 * column keeps the value the row has when the UPDATE runs (`jsonb_populate_record(row, changed)` takes the
 * row itself as the base), so a concurrent edit of another column is not overwritten. Bumps `version` and
 * the `updated_*` audit columns. The caller has locked the rows (FOR UPDATE) and computed the changes from them.
 */
export async function updateChangedColumns(
  manager: EntityManager,
  target: { table: string; workspaceId: string; columns: readonly string[]; actor: ActorRef },
  rows: ChangedRow[],
): Promise<void> {
  if (!rows.length) return;
  const columns = target.columns.join(', ');
  const picked = target.columns.map((column) => `r.${column}`).join(', ');
  const assigned = target.columns.length ? `(${columns}) = (SELECT ${picked} FROM jsonb_populate_record(target, v.changed) AS r),` : '';
  await manager.query(
    `UPDATE ${target.table} AS target SET
       ${assigned}
       version = target.version + 1, updated_at = now(), updated_by_member_id = $3, updated_by_api_key_id = $4
     FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, changed jsonb)
     WHERE target.id = v.id AND target.workspace_id = $2`,
    [JSON.stringify(rows), target.workspaceId, target.actor.memberId, target.actor.apiKeyId],
  );
}
