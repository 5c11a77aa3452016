import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The import-boundary rules of eslint.config.mjs, run through ESLint's Node API on small in-memory sources placed
 * at real paths. ESLint loads its flat config with import(), which jest's module sandbox does not provide: so the
 * linting runs in a child Node process, one for all cases.
 */
interface Case {
  filePath: string;
  code: string;
}

const root = path.resolve(__dirname, '../..');

function restrictedImports(cases: Case[]): string[][] {
  const script = `
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: ${JSON.stringify(root)} });
    const cases = JSON.parse(process.argv[1]);
    const answers = [];
    for (const { filePath, code } of cases) {
      const [result] = await eslint.lintText(code, { filePath });
      answers.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(answers));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  return JSON.parse(output) as string[][];
}

describe('import boundaries (eslint)', () => {
  it('refuses platform imports of domains and wiring files, and cross-domain entity imports; allows the rest', () => {
    const verdicts = restrictedImports([
      // platform → domain, whatever its depth, type-only or not
      { filePath: 'src/platform/auth/fixture.ts', code: "import { Role } from '../../identity/roles';\nexport const r = Role;\n" },
      { filePath: 'src/platform/fixture.ts', code: "import type { Account } from '../accounts/account.entity';\nexport type A = Account;\n" },
      // platform → wiring files
      { filePath: 'src/platform/server/fixture.ts', code: "import type { Services } from '../../services';\nexport type S = Services;\n" },
      { filePath: 'src/platform/server/fixture.ts', code: "export { resolvers } from '../../resolvers';\n" },
      // platform → platform: fine
      { filePath: 'src/platform/server/fixture.ts', code: "import { ErrorCode } from '../errors/error-code';\nexport const c = ErrorCode;\n" },
      // a domain → another domain's entity
      { filePath: 'src/search/fixture.ts', code: "import { Account } from '../accounts/account.entity';\nexport const a = Account;\n" },
      { filePath: 'src/accounts/interests/fixture.ts', code: "import { Membership } from '../../identity/membership.entity';\nexport const m = Membership;\n" },
      // a domain → its own entities, platform's, another domain's service or public module: fine
      { filePath: 'src/accounts/interests/fixture.ts', code: "import { Account } from '../account.entity';\nexport const a = Account;\n" },
      { filePath: 'src/documents/fixture.ts', code: "import { TimelineEntry } from '../platform/timeline/timeline-entry.entity';\nexport const t = TimelineEntry;\n" },
      { filePath: 'src/search/fixture.ts', code: "import type { AccountsService } from '../accounts/accounts.service';\nexport type S = AccountsService;\n" },
      { filePath: 'src/search/fixture.ts', code: "import { Account } from '../accounts/accounts.public';\nexport const a = Account;\n" },
    ]);
    const refused = verdicts.map((messages) => messages.length > 0);
    expect(refused).toEqual([true, true, true, true, false, true, true, false, false, false, false]);
    expect(verdicts[0][0]).toMatch(/platform imports no domain/);
    expect(verdicts[5][0]).toMatch(/search may not import another domain's entities/);
    expect(verdicts[6][0]).toMatch(/accounts may not import another domain's entities/);
  });
});
