import { randomBytes } from 'node:crypto';
import { ConvertLeadDocument, type ConvertLeadInput } from '../generated/graphql';
import type { TestApp } from './test-app';

/** Sends convertLead as `token` (the raw answer: data or errors). */
export const convertLead = (t: TestApp, token: string, input: ConvertLeadInput) => t.gql(ConvertLeadDocument, { input }, { token });

/** New-account fields with a unique name. */
export const newAccount = (name = `Converted ${randomBytes(3).toString('hex')}`) => ({ name, type: 'PROSPECT' as const });

/** How many rows of `table` in the workspace match `where` (e.g. accounts named so). */
export async function countWhere(t: TestApp, table: 'accounts' | 'contacts' | 'deals', workspaceId: string, column: string, value: string): Promise<number> {
  const rows = (await t.app.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1 AND ${column} = $2`, [workspaceId, value])) as { n: number }[];
  return rows[0].n;
}
