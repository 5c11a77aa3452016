import { LeadImportProgressDocument, type LeadImportProgressSubscription } from '../generated/graphql';
import { createWorkspace, type TestWorkspace } from '../support/factories';
import { subscribe } from '../support/subscriptions';
import { startTestApp, type TestApp } from '../support/test-app';
import { runImport, startImport } from './import-support';

type Pushed = LeadImportProgressSubscription['leadImportProgress'];

const FILE = 'Company,Email\n' + Array.from({ length: 5 }, (_, i) => `Live ${i},live${i}@example.test`).join('\n') + '\n';
const OPTIONS = { mapping: { Company: 'companyName', Email: 'emails' } };

describe('leadImportProgress: an import pushed as it runs', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    // Two rows per batch: five rows are three committed batches.
    t = await startTestApp({ IMPORT_BATCH_ROWS: '2' });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  it('pushes the current state first, then the committed batches as they come, then DONE with the final counts', async () => {
    const id = await startImport(t, ws.member.token, FILE, OPTIONS);
    const client = t.ws(ws.member.token);
    try {
      const live = subscribe(client, LeadImportProgressDocument, { id });
      const first = (await live.next(10_000)).data?.leadImportProgress as Pushed;
      expect(first).toMatchObject({ id, status: 'QUEUED', progress: { rowsRead: 0, created: 0 } });

      await runImport(t, ws.workspaceId, id);
      const pushes: Pushed[] = [];
      for (let last = first; last.status !== 'DONE'; ) {
        last = (await live.next(10_000)).data?.leadImportProgress as Pushed;
        pushes.push(last);
      }
      const read = pushes.map((push) => push.progress.rowsRead);
      // Batches committed within one burst (50 ms) share a push; the counts never go backwards.
      expect(read).toEqual([...read].sort((a, b) => a - b));
      expect(pushes[pushes.length - 1]).toMatchObject({ status: 'DONE', progress: { rowsTotal: 5, rowsRead: 5, created: 5, failed: 0 } });
      expect(await live.staysQuiet(300)).toBe(true);
      live.close();

      // Subscribing after the end still tells it: the current state comes first.
      const late = subscribe(client, LeadImportProgressDocument, { id });
      expect((await late.next(10_000)).data?.leadImportProgress).toMatchObject({ id, status: 'DONE', progress: { created: 5 } });
      late.close();
    } finally {
      await client.dispose();
    }
  });

  it('another MEMBER of the workspace and another workspace get NOT_FOUND and no push', async () => {
    const id = await startImport(t, ws.member.token, FILE, OPTIONS);
    const away = await createWorkspace(t, 'Elsewhere');
    for (const token of [ws.ownMember.token, away.owner.token]) {
      const client = t.ws(token);
      try {
        const live = subscribe(client, LeadImportProgressDocument, { id });
        const answer = await live.next(10_000);
        expect(answer.data ?? null).toBeNull();
        expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        live.close();
      } finally {
        await client.dispose();
      }
    }
    // The importer's MANAGER sees it (MANAGER and above see every import of the workspace).
    const client = t.ws(ws.manager.token);
    try {
      const live = subscribe(client, LeadImportProgressDocument, { id });
      expect((await live.next(10_000)).data?.leadImportProgress).toMatchObject({ id, status: 'QUEUED' });
      live.close();
    } finally {
      await client.dispose();
    }
  });
});
