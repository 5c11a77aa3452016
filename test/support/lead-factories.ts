import { CreateLeadDocument, type CreateLeadInput } from '../generated/graphql';
import { expectData } from './factories';
import type { TestApp } from './test-app';

/** Creates a lead as `token` (a company name unless told otherwise). */
export async function createLead(t: TestApp, token: string, input: CreateLeadInput = {}) {
  return expectData(await t.gql(CreateLeadDocument, { input: { companyName: `Prospect ${Math.random().toString(36).slice(2, 8)}`, ...input } }, { token })).createLead;
}

/** The workspace's lead source with this code (seeded at sign-up). */
export async function leadSourceId(t: TestApp, workspaceId: string, code: string): Promise<string> {
  const rows = (await t.app.db.query('SELECT id FROM lead_sources WHERE workspace_id = $1 AND code = $2', [workspaceId, code])) as { id: string }[];
  return rows[0].id;
}

export const leadCount = async (t: TestApp, workspaceId: string): Promise<number> =>
  ((await t.app.db.query('SELECT count(*)::int AS n FROM leads WHERE workspace_id = $1', [workspaceId])) as { n: number }[])[0].n;
