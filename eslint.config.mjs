import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noBuildOutput = { group: ['**/dist/**'], message: 'import sources, not build output' };

/**
 * Import boundaries (README "Project layout"). Relative specifiers are matched per folder depth, so that "the
 * specifier climbs to src/ and goes elsewhere" is exact whatever the domain or file is called:
 * - src/platform/** imports nothing outside src/platform (no domain, no wiring file such as src/services.ts): the
 *   composition root passes it entities, resolvers, services and loaders.
 * - a domain (any other folder of src/ but demo/, a seed that wires all domains) imports no other domain's
 *   `*.entity` files: it calls that domain's service, or names its GraphQL types through its public module.
 */
const DEPTHS = [1, 2, 3, 4];
const filesAt = (folder, depth) => [`src/${folder}/${'*/'.repeat(depth - 1)}*.ts`];
const up = (depth) => `^(\\.\\./){${depth}}`;
const domains = readdirSync(join(dirname(fileURLToPath(import.meta.url)), 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !['platform', 'demo'].includes(entry.name))
  .map((entry) => entry.name);
const importBoundaries = [
  ...DEPTHS.map((depth) => ({
    files: filesAt('platform', depth),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noBuildOutput,
            {
              regex: `${up(depth)}(?!platform/)[^.]`,
              message: 'platform imports no domain and no wiring file (src/services, loaders, resolvers, entities, app): take it as a parameter',
            },
          ],
        },
      ],
    },
  })),
  ...domains.flatMap((domain) =>
    DEPTHS.map((depth) => ({
      files: filesAt(domain, depth),
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              noBuildOutput,
              {
                regex: `${up(depth)}(?!(${domain}|platform)/)[^./][^/]*/(.*/)?[^/]+\\.entity$`,
                message: `${domain} may not import another domain's entities: call its service, or import its public module`,
              },
            ],
          },
        ],
      },
    })),
  ),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/generated/**', 'migrations/**', 'coverage/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [noBuildOutput] }],
    },
  },
  ...importBoundaries,
  {
    files: ['jest.config.js', 'test/support/summary-reporter.js', 'scripts/start.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
  },
  {
    files: ['scripts/start.cjs'], // CommonJS: require() is its module system
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
