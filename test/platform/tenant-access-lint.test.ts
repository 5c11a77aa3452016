import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

interface LintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}

/**
 * Lints `source` as if it were the file at `relativePath`, with the repository's own eslint.config.mjs, through
 * ESLint's Node API. In a child process: jest's module sandbox cannot import() the ESM config file.
 */
function lintAs(relativePath: string, source: string): Promise<LintMessage[]> {
  const script = `
    const { ESLint } = require('eslint');
    let text = '';
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', async () => {
      const [result] = await new ESLint({ cwd: process.argv[1] }).lintText(text, { filePath: process.argv[2] });
      process.stdout.write(JSON.stringify(result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message }))));
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, root, path.join(root, relativePath)], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as LintMessage[]) : reject(new Error(`eslint exited ${code}: ${err}`))));
    child.stdin.end(source);
  });
}

const tenantReadsIn = async (relativePath: string, source: string): Promise<number[]> =>
  (await lintAs(relativePath, source)).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);

const DIRECT_READS = `import type { DataSource, EntityManager } from 'typeorm';
import { Deal } from './deal.entity';

export async function stale(db: DataSource, manager: EntityManager, workspaceId: string): Promise<unknown[]> {
  const a = await db.getRepository(Deal).find({ where: { workspaceId } });
  const b = await manager.find(Deal, { where: { workspaceId } });
  const c = await manager.findOneBy(Deal, { workspaceId });
  const d = await db.manager.findOne(Deal, { where: { workspaceId } });
  const e = await manager.createQueryBuilder(Deal, 'd').getMany();
  const f = await manager.count(Deal, { where: { workspaceId } });
  return [a, b, c, d, e, f];
}
`;

describe('lint: tenant entities are read only through src/platform/data', () => {
  jest.setTimeout(60_000);

  it('a domain service reading an entity directly (repository, find, findOneBy, findOne, createQueryBuilder, count) fails, once per read', async () => {
    expect(await tenantReadsIn('src/deals/deals.service.ts', DIRECT_READS)).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it('the same reads through inWorkspace, a scoped service, or on arrays pass', async () => {
    const source = `import type { EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal';
import { inWorkspace } from '../platform/data/workspace-rows';
import { DealLine } from './deal-line.entity';
import type { DealsService } from './deals.service';

export async function fine(manager: EntityManager, principal: Principal, deals: DealsService, ids: string[]): Promise<unknown[]> {
  const lines = await inWorkspace(manager, principal).find(DealLine, { where: { dealId: ids[0] } });
  const deal = await deals.get(principal, ids[0], manager);
  const open = await deals.visible(principal, manager).andWhere('d.won_at IS NULL').getMany();
  return [lines, deal, open, ids.find((id) => id === deal.id)];
}
`;
    expect(await lintAs('src/deals/deal-lines.ts', source)).toEqual([]);
  });

  it('inside src/platform/data and src/identity direct reads are allowed', async () => {
    expect(await tenantReadsIn('src/platform/data/something.ts', DIRECT_READS)).toEqual([]);
    expect(await tenantReadsIn('src/identity/something.ts', DIRECT_READS)).toEqual([]);
  });
});
