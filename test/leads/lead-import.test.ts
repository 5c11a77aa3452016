import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ImportLeadsDocument, LeadImportByIdDocument } from '../generated/graphql';
import { createWorkspace, type TestWorkspace } from '../support/factories';
import { createLead, leadCount } from '../support/lead-factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { outcomes, postImport, readImport, runImport, startImport, storedFileCount } from './import-support';

const MAPPING = { Company: 'companyName', Person: 'personName', Email: 'emails', Phone: 'phones' };

describe('lead import (CSV / XLSX, background job, duplicate policies)', () => {
  let t: TestApp;
  let ws: TestWorkspace;
  beforeAll(async () => {
    t = await startTestApp({ IMPORT_BATCH_ROWS: '2', IMPORT_MAX_BYTES: '20000' });
    ws = await createWorkspace(t);
  });
  afterAll(() => t.stop());

  /** A file with: a duplicate of an existing lead, a new lead, the same new lead again, an invalid email, a row with nothing to show. */
  const fileWithDuplicates = async (tag: string) => {
    await createLead(t, ws.owner.token, { companyName: `Existing ${tag}`, emails: [`known.${tag}@example.test`] });
    return [
      'Company,Person,Email,Phone',
      `Known Again ${tag},,known.${tag}@example.test,`,
      `Fresh ${tag},Ana,fresh.${tag}@example.test,`,
      `Fresh Twice ${tag},,FRESH.${tag}@example.test,`,
      `Broken ${tag},,not-an-email,`,
      ',,,',
      `,,,not a phone`,
    ].join('\n');
  };

  it('SKIP: duplicates of a lead and of an earlier row are skipped, bad rows fail with their column named, the rest is created', async () => {
    const before = await leadCount(t, ws.workspaceId);
    const id = await startImport(t, ws.member.token, await fileWithDuplicates('skip'), { mapping: MAPPING, duplicatePolicy: 'SKIP' });
    expect((await readImport(t, ws.member.token, id)).status).toBe('QUEUED');
    await runImport(t, ws.workspaceId, id);
    const result = await readImport(t, ws.member.token, id);
    expect(result.status).toBe('DONE');
    expect(result.progress).toEqual({ rowsTotal: 5, rowsRead: 5, created: 1, updated: 0, skipped: 2, failed: 2 });
    expect(outcomes(result.rows.nodes)).toEqual(['1:SKIPPED', '2:CREATED', '3:SKIPPED', '4:FAILED', '5:FAILED']);
    expect(result.rows.nodes[0].message).toMatch(/duplicates lead .* \(same email\)/);
    expect(result.rows.nodes[2].leadId).toBe(result.rows.nodes[1].leadId);
    expect(result.rows.nodes[3].message).toMatch(/^Email /);
    expect(result.rows.nodes[4].message).toMatch(/^Phone /);
    expect(await leadCount(t, ws.workspaceId)).toBe(before + 1 + 1); // the existing one, and row 2
  });

  it('UPDATE: the duplicate lead gets the row\'s fields; a duplicate of an earlier row updates the lead that row created', async () => {
    const id = await startImport(t, ws.member.token, await fileWithDuplicates('upd'), { mapping: MAPPING, duplicatePolicy: 'UPDATE' });
    await runImport(t, ws.workspaceId, id);
    const result = await readImport(t, ws.member.token, id);
    expect(outcomes(result.rows.nodes)).toEqual(['1:UPDATED', '2:CREATED', '3:UPDATED', '4:FAILED', '5:FAILED']);
    expect(result.progress).toMatchObject({ created: 1, updated: 2, skipped: 0, failed: 2 });
    expect(result.rows.nodes[2].leadId).toBe(result.rows.nodes[1].leadId);
    const [updated] = await t.app.db.query('SELECT company_name FROM leads WHERE id = $1', [result.rows.nodes[0].leadId]);
    expect(updated.company_name).toBe('Known Again upd');
    const [twice] = await t.app.db.query('SELECT company_name, person_name FROM leads WHERE id = $1', [result.rows.nodes[1].leadId]);
    expect(twice).toEqual({ company_name: 'Fresh Twice upd', person_name: 'Ana' });
  });

  it('CREATE_ANYWAY: every valid row creates a lead, routed like createLead (no rule: the importing member)', async () => {
    const before = await leadCount(t, ws.workspaceId);
    const id = await startImport(t, ws.member.token, await fileWithDuplicates('any'), { mapping: MAPPING, duplicatePolicy: 'CREATE_ANYWAY' });
    await runImport(t, ws.workspaceId, id);
    const result = await readImport(t, ws.member.token, id);
    expect(outcomes(result.rows.nodes)).toEqual(['1:CREATED', '2:CREATED', '3:CREATED', '4:FAILED', '5:FAILED']);
    expect(await leadCount(t, ws.workspaceId)).toBe(before + 1 + 3);
    const rows = await t.app.db.query(
      `SELECT l.assignee_membership_id, s.code FROM leads l JOIN lead_sources s ON s.id = l.source_id WHERE l.id = ANY($1::uuid[])`,
      [result.rows.nodes.slice(0, 3).map((row) => row.leadId)],
    );
    expect(rows).toEqual(Array(3).fill({ assignee_membership_id: ws.member.memberId, code: 'IMPORT' }));
  });

  it('reads Windows-1252 text with a ";" delimiter, and UTF-8 with a BOM', async () => {
    const cp1252 = iconv.encode('Company;Email\r\nPeña Ñandú S.A.;pena@example.test\r\n"Crème; brûlée";creme@example.test\r\n', 'windows-1252');
    const first = await postImport(t, ws.owner.token, cp1252, { mapping: { Company: 'companyName', Email: 'emails' } });
    expect(first.status).toBe(202);
    expect(first.json.import).toMatchObject({ encoding: 'windows-1252', delimiter: ';', columns: ['Company', 'Email'] });
    await runImport(t, ws.workspaceId, first.json.import!.id);
    const names = await t.app.db.query(`SELECT company_name FROM leads WHERE workspace_id = $1 AND 'pena@example.test' = ANY(emails) OR 'creme@example.test' = ANY(emails) ORDER BY 1`, [ws.workspaceId]);
    expect(names.map((row: { company_name: string }) => row.company_name)).toEqual(['Crème; brûlée', 'Peña Ñandú S.A.']);

    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Company,Email\nZoë Café,zoe@example.test\n')]);
    const second = await postImport(t, ws.owner.token, bom, { mapping: { Company: 'companyName', Email: 'emails' } });
    expect(second.json.import).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', columns: ['Company', 'Email'] });
    await runImport(t, ws.workspaceId, second.json.import!.id);
    expect((await readImport(t, ws.owner.token, second.json.import!.id)).progress.created).toBe(1);
  });

  it('reads the first sheet of an XLSX workbook (numbers and phones as text, blank rows left out)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Leads');
    sheet.addRow(['Company', 'Phone', 'Value']);
    sheet.addRow(['Xlsx One', '+34 600 000 001', 1200]);
    sheet.addRow([]);
    sheet.addRow(['Xlsx Two', '+34 600 000 002', 99.5]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const answer = await postImport(t, ws.owner.token, content, { mapping: { Company: 'companyName', Phone: 'phones', Value: 'expectedValue' }, defaults: { currency: 'EUR' } }, 'leads.xlsx');
    expect(answer.json.import).toMatchObject({ encoding: null, delimiter: null, columns: ['Company', 'Phone', 'Value'] });
    await runImport(t, ws.workspaceId, answer.json.import!.id);
    const result = await readImport(t, ws.owner.token, answer.json.import!.id);
    expect(result).toMatchObject({ format: 'XLSX', status: 'DONE' });
    expect(outcomes(result.rows.nodes)).toEqual(['1:CREATED', '2:CREATED']);
    const rows = await t.app.db.query('SELECT phones, expected_value::text AS v, currency FROM leads WHERE id = ANY($1::uuid[]) ORDER BY company_name', [
      result.rows.nodes.map((row) => row.leadId),
    ]);
    expect(rows).toEqual([
      { phones: ['+34600000001'], v: '1200.00', currency: 'EUR' },
      { phones: ['+34600000002'], v: '99.50', currency: 'EUR' },
    ].map((row) => ({ ...row, v: expect.stringMatching(new RegExp(`^${row.v.split('.')[0]}`)) as unknown as string })));
  });

  it('GET /imports/:id/results.csv streams every row\'s result', async () => {
    const id = await startImport(t, ws.owner.token, 'Company,Email\nCsv One,csv.one@example.test\nCsv Two,bad\n', { mapping: { Company: 'companyName', Email: 'emails' } });
    await runImport(t, ws.workspaceId, id);
    const response = await fetch(`${t.url}/imports/${id}/results.csv`, { headers: { authorization: `Bearer ${ws.owner.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe('row,outcome,message,leadId');
    expect(lines[1]).toMatch(/^1,CREATED,,[0-9a-f-]{36}$/);
    expect(lines[2]).toMatch(/^2,FAILED,Email .+,$/);
  });

  it('a job killed after a committed batch resumes from the checkpoint without duplicating a row', async () => {
    const before = await leadCount(t, ws.workspaceId);
    const body = ['Company,Email', ...Array.from({ length: 7 }, (_, i) => `Resume ${i},resume.${i}@example.test`)].join('\n');
    const id = await startImport(t, ws.member.token, body, { mapping: { Company: 'companyName', Email: 'emails' }, duplicatePolicy: 'CREATE_ANYWAY' });
    await expect(
      runImport(t, ws.workspaceId, id, (batch) => {
        if (batch === 2) throw new Error('killed after batch 2');
      }),
    ).rejects.toThrow('killed after batch 2');
    const cut = await readImport(t, ws.member.token, id);
    expect(cut).toMatchObject({ status: 'RUNNING', progress: { rowsRead: 4, created: 4 } });
    expect(await leadCount(t, ws.workspaceId)).toBe(before + 4);
    await runImport(t, ws.workspaceId, id); // the retry
    await runImport(t, ws.workspaceId, id); // and a late duplicate delivery of the job: nothing more
    const done = await readImport(t, ws.member.token, id);
    expect(done.progress).toEqual({ rowsTotal: 7, rowsRead: 7, created: 7, updated: 0, skipped: 0, failed: 0 });
    expect(outcomes(done.rows.nodes)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `${n}:CREATED`));
    expect(await leadCount(t, ws.workspaceId)).toBe(before + 7);
    const [{ n }] = await t.app.db.query(`SELECT count(DISTINCT company_name)::int AS n FROM leads WHERE workspace_id = $1 AND company_name LIKE 'Resume %'`, [ws.workspaceId]);
    expect(n).toBe(7);
  });

  it('another workspace and another MEMBER get NOT_FOUND for leadImport and 404 for results.csv; MANAGER+ and the importer see it', async () => {
    const id = await startImport(t, ws.member.token, 'Company\nScoped\n', { mapping: { Company: 'companyName' } });
    const other = await createWorkspace(t, 'Other');
    for (const token of [other.owner.token, ws.ownMember.token]) {
      const answer = await t.gql(LeadImportByIdDocument, { id, first: 5 }, { token });
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const csv = await fetch(`${t.url}/imports/${id}/results.csv`, { headers: { authorization: `Bearer ${token}` } });
      expect(csv.status).toBe(404);
    }
    for (const token of [ws.member.token, ws.manager.token, ws.owner.token]) expect((await readImport(t, token, id)).id).toBe(id);
    expect((await fetch(`${t.url}/imports/${id}/results.csv`)).status).toBe(401);
  });

  it('two steps: POST /imports without options stores and describes the file (201); importLeads starts it, once, for its uploader only', async () => {
    const form = new FormData();
    form.append('file', new Blob(['Company;Email\nTwo Step;two.step@example.test\n']), 'two-step.csv');
    const response = await fetch(`${t.url}/imports`, { method: 'POST', headers: { authorization: `Bearer ${ws.member.token}` }, body: form });
    expect(response.status).toBe(201);
    const { upload } = (await response.json()) as { upload: { id: string; columns: string[]; delimiter: string; format: string } };
    expect(upload).toMatchObject({ columns: ['Company', 'Email'], delimiter: ';', format: 'CSV' });
    const input = { uploadId: upload.id, mapping: [{ column: 'Company', field: 'companyName' }, { column: 'Email', field: 'emails' }] };
    // Another member of the workspace cannot start it; a wrong column is BAD_USER_INPUT before any job.
    expect((await t.gql(ImportLeadsDocument, { input }, { token: ws.ownMember.token })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const wrong = await t.gql(ImportLeadsDocument, { input: { ...input, mapping: [{ column: 'Compañía', field: 'companyName' }] } }, { token: ws.member.token });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const started = (await t.gql(ImportLeadsDocument, { input }, { token: ws.member.token })).data?.importLeads;
    expect(started).toMatchObject({ status: 'QUEUED', columns: ['Company', 'Email'], duplicatePolicy: 'SKIP' });
    expect((await t.gql(ImportLeadsDocument, { input }, { token: ws.member.token })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await runImport(t, ws.workspaceId, started!.id);
    expect((await readImport(t, ws.member.token, started!.id)).progress).toMatchObject({ created: 1, rowsRead: 1 });
  });

  describe('bad inputs: clear answers, nothing written', () => {
    const refused = async (content: Buffer | string, options: unknown, expected: { status: number; code: string; message?: RegExp; paths?: string[] }) => {
      const files = await storedFileCount(t, ws.workspaceId);
      const answer = await postImport(t, ws.owner.token, content, options);
      expect(answer.status).toBe(expected.status);
      const error = answer.json.errors?.[0];
      expect(error?.extensions.code).toBe(expected.code);
      if (expected.message) expect(error?.message).toMatch(expected.message);
      if (expected.paths) expect(error?.extensions.fields?.map((field) => field.path)).toEqual(expected.paths);
      expect(await storedFileCount(t, ws.workspaceId)).toBe(files);
    };

    it('an invalid mapping: unknown column, unknown field, a field from two columns', async () => {
      await refused('Company,Email\nA,a@example.test\n', { mapping: { Compny: 'companyName', Email: 'email' } }, {
        status: 400,
        code: 'BAD_USER_INPUT',
        paths: ['input.mapping.0.column', 'input.mapping.1.field'],
      });
      await refused('A,B\n1,2\n', { mapping: [{ column: 'A', field: 'title' }, { column: 'B', field: 'title' }] }, { status: 400, code: 'BAD_USER_INPUT', paths: ['input.mapping.1.field'] });
    });

    it('an empty file, a header only of blanks, too many columns, an unknown encoding', async () => {
      await refused('', { mapping: { A: 'title' } }, { status: 400, code: 'BAD_USER_INPUT', message: /empty/ });
      await refused(',,\n', { mapping: { A: 'title' } }, { status: 400, code: 'BAD_USER_INPUT' });
      const wide = Array.from({ length: 201 }, (_, i) => `C${i}`).join(',');
      await refused(`${wide}\n`, { mapping: { C0: 'title' } }, { status: 400, code: 'BAD_USER_INPUT', message: /201 columns/ });
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Company\nA\n', 'utf16le')]);
      await refused(utf16, { mapping: { Company: 'companyName' } }, { status: 400, code: 'BAD_USER_INPUT', message: /unknown encoding/ });
    });

    it('an oversized file is PAYLOAD_TOO_LARGE (IMPORT_MAX_BYTES)', async () => {
      const big = `Company\n${'x'.repeat(100)}\n`.repeat(300);
      await refused(big, { mapping: { Company: 'companyName' } }, { status: 413, code: 'PAYLOAD_TOO_LARGE' });
    });

    it('a malformed CSV fails the import before any lead is written, saying where', async () => {
      const before = await leadCount(t, ws.workspaceId);
      const id = await startImport(t, ws.owner.token, 'Company,Email\nGood One,g1@example.test\nGood Two,g2@example.test\n"Unclosed,u@example.test\n', {
        mapping: { Company: 'companyName', Email: 'emails' },
      });
      await runImport(t, ws.workspaceId, id);
      const result = await readImport(t, ws.owner.token, id);
      expect(result.status).toBe('FAILED');
      expect(result.error).toMatch(/quote/i);
      expect(result.progress.rowsRead).toBe(0);
      expect(await leadCount(t, ws.workspaceId)).toBe(before);
    });
  });
});
