import { createApiKey, createWorkspace, type TestWorkspace } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { postImport, readImport } from './import-support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lead import through the job queue (jobs on, as in production)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ JOBS_ENABLED: 'true' });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('an API key with leads:write uploads; the queued job runs it to DONE, which polling leadImport shows', async () => {
    const key = await createApiKey(t, ws.owner.token, ['leads:write']);
    const answer = await postImport(t, key, 'Company;Email\nQueued One;q1@example.test\nQueued Two;q2@example.test\n', {
      mapping: { Company: 'companyName', Email: 'emails' },
    });
    expect(answer.status).toBe(202);
    const id = answer.json.import!.id;
    let status = '';
    for (let i = 0; i < 200 && status !== 'DONE'; i++) {
      status = (await readImport(t, key, id)).status;
      if (status !== 'DONE') await sleep(50);
    }
    const done = await readImport(t, ws.manager.token, id);
    expect(done).toMatchObject({ status: 'DONE', progress: { rowsTotal: 2, rowsRead: 2, created: 2 } });
    // An API key's leads stay unassigned (no rule), with the IMPORT source.
    const rows = await t.app.db.query('SELECT l.assignee_membership_id, s.code FROM leads l JOIN lead_sources s ON s.id = l.source_id WHERE l.id = ANY($1::uuid[])', [
      done.rows.nodes.map((row) => row.leadId),
    ]);
    expect(rows).toEqual([
      { assignee_membership_id: null, code: 'IMPORT' },
      { assignee_membership_id: null, code: 'IMPORT' },
    ]);
  });

  it('within one batch, a row repeating an earlier row\'s email is its duplicate (UPDATE: it updates the lead that row created)', async () => {
    const answer = await postImport(t, ws.owner.token, 'Company,Email\nSame First,same.batch@example.test\nSame Second,SAME.batch@example.test\n', {
      mapping: { Company: 'companyName', Email: 'emails' },
      duplicatePolicy: 'UPDATE',
    });
    const id = answer.json.import!.id;
    let done = await readImport(t, ws.owner.token, id);
    for (let i = 0; i < 200 && done.status !== 'DONE'; i++) {
      await sleep(50);
      done = await readImport(t, ws.owner.token, id);
    }
    expect(done.rows.nodes.map((row) => row.outcome)).toEqual(['CREATED', 'UPDATED']);
    expect(done.rows.nodes[1].leadId).toBe(done.rows.nodes[0].leadId);
    const [lead] = await t.app.db.query('SELECT company_name FROM leads WHERE id = $1', [done.rows.nodes[0].leadId]);
    expect(lead.company_name).toBe('Same Second');
  });

  it('a key with leads:read only gets FORBIDDEN; no credentials UNAUTHENTICATED; nothing is stored', async () => {
    const readOnly = await createApiKey(t, ws.owner.token, ['leads:read']);
    const forbidden = await postImport(t, readOnly, 'Company\nNope\n', { mapping: { Company: 'companyName' } });
    expect([forbidden.status, forbidden.json.errors?.[0]?.extensions.code]).toEqual([403, 'FORBIDDEN']);
    const anonymous = await fetch(`${t.url}/imports`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
    const [{ n }] = await t.app.db.query(`SELECT count(*)::int AS n FROM leads WHERE workspace_id = $1 AND company_name = 'Nope'`, [ws.workspaceId]);
    expect(n).toBe(0);
  });
});
