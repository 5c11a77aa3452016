import { LeadImportByIdDocument } from '../generated/graphql';
import { expectData } from '../support/factories';
import type { TestApp } from '../support/test-app';

export interface ImportAnswer {
  status: number;
  json: { import?: { id: string; status: string; encoding: string | null; delimiter: string | null; columns: string[] }; errors?: { message: string; extensions: { code: string; fields?: { path: string }[] } }[] };
}

/** POST /imports over real HTTP: the options part, then the file. */
export async function postImport(t: TestApp, token: string, content: Buffer | string, options: unknown, fileName = 'leads.csv'): Promise<ImportAnswer> {
  const form = new FormData();
  if (options !== undefined) form.append('options', JSON.stringify(options));
  form.append('file', new Blob([new Uint8Array(typeof content === 'string' ? Buffer.from(content) : content)]), fileName);
  const response = await fetch(`${t.url}/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, json: (await response.json()) as ImportAnswer['json'] };
}

/** Starts an import and returns its id (fails the test on an error answer). */
export async function startImport(t: TestApp, token: string, content: Buffer | string, options: unknown, fileName?: string): Promise<string> {
  const answer = await postImport(t, token, content, options, fileName);
  if (answer.status !== 202 || !answer.json.import) throw new Error(`import refused: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json.import.id;
}

/** Runs the import's job in this process (the handler the queue calls). */
export const runImport = (t: TestApp, workspaceId: string, importId: string, afterBatch?: (batch: number) => void) =>
  t.app.services.leadImportRunner.run(workspaceId, importId, { afterBatch });

export async function readImport(t: TestApp, token: string, id: string, first = 500) {
  return expectData(await t.gql(LeadImportByIdDocument, { id, first }, { token })).leadImport;
}

export const outcomes = (rows: { rowNumber: number; outcome: string }[]) => rows.map((row) => `${row.rowNumber}:${row.outcome}`);

export const storedFileCount = async (t: TestApp, workspaceId: string): Promise<number> =>
  ((await t.app.db.query('SELECT count(*)::int AS n FROM lead_import_files WHERE workspace_id = $1', [workspaceId])) as { n: number }[])[0].n;
