import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import graphql from '@graphql-eslint/eslint-plugin';
import tseslint from 'typescript-eslint';

const DIRECT_READ =
  'Read tenant entities through src/platform/data (a ScopedRecordService, or inWorkspace for child rows), ' +
  'which applies the workspace and scope rules.';

/**
 * Direct reads of an entity: repositories, and EntityManager / DataSource finders given an entity class (those of
 * `inWorkspace(manager, principal)`, which add the workspace themselves, excepted).
 */
const TENANT_READS = [
  { selector: "CallExpression[callee.property.name='getRepository']", message: DIRECT_READ },
  {
    selector:
      "CallExpression[callee.property.name=/^(find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|findAndCountBy|count|countBy|exists|existsBy|sum|average|minimum|maximum|createQueryBuilder)$/][arguments.0.type='Identifier'][arguments.0.name=/^[A-Z]/]:not([callee.object.callee.name='inWorkspace'])",
    message: DIRECT_READ,
  },
];

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

/**
 * The schema lint (issue 11): the emitted schema.graphql documents itself, keeps to the Relay connection shape and
 * to the naming conventions. A new element without a description fails `npm run lint` (and so `npm test` and CI).
 */
const schemaLint = {
  files: ['schema.graphql'],
  languageOptions: { parser: graphql.parser, parserOptions: { graphQLConfig: { schema: 'schema.graphql' } } },
  plugins: { '@graphql-eslint': graphql },
  rules: {
    '@graphql-eslint/require-description': [
      'error',
      { types: true, FieldDefinition: true, InputValueDefinition: true, EnumValueDefinition: true, rootField: true },
    ],
    '@graphql-eslint/require-deprecation-reason': 'error',
    // Connections as src/platform/pagination/connection.ts makes them: `<Name>Connection { edges, nodes, pageInfo,
    // totalCount }` with `<Name>Edge { cursor, node }` (nodes implement no Node interface; other lists are plain).
    '@graphql-eslint/relay-connection-types': 'error',
    '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
    '@graphql-eslint/relay-page-info': 'error',
    // Every connection field pages both ways: first / after and last / before.
    '@graphql-eslint/relay-arguments': ['error', { includeBoth: true }],
    '@graphql-eslint/naming-convention': [
      'error',
      {
        types: 'PascalCase',
        FieldDefinition: 'camelCase',
        InputValueDefinition: 'camelCase',
        EnumValueDefinition: 'UPPER_CASE',
      },
    ],
    '@graphql-eslint/no-unreachable-types': 'error',
    // Records have `id: ID!`; connections, edges, payloads, results, views and the value objects listed have none
    // (a new value type without an id goes in `types`, or is named `…View` / `…Result` / `…Payload`).
    '@graphql-eslint/strict-id-in-types': [
      'error',
      {
        acceptedIdNames: ['id'],
        acceptedIdTypes: ['ID'],
        exceptions: {
          suffixes: ['Connection', 'Edge', 'Payload', 'Result', 'View'],
          types: ['AccountCharacteristicValue', 'ActivityCounters', 'Actor', 'Address', 'AgendaDay', 'AgendaUpdate', 'DealChange', 'FieldChange', 'FollowUpParameters', 'FollowUpSettings', 'LeadImportProgress', 'LeadSourceDetails', 'LeadUtm', 'PageInfo', 'Viewer', 'WebFormField'],
        },
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/generated/**', 'migrations/**', 'coverage/**', '.data/**'] },
  { files: ['**/*.{js,cjs,mjs,ts}'], ...js.configs.recommended },
  ...tseslint.configs.recommended.map((config) => ({ files: ['**/*.{js,cjs,mjs,ts}'], ...config })),
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
    // Tenant data is read through src/platform/data (ScopedRecordService, inWorkspace), which always applies the
    // workspace and the kind's scope rule: reading an entity directly from a manager, data source or repository
    // fails here. Identity is not tenant-scoped in the same way (users, sessions, memberships across workspaces).
    files: ['src/**/*.ts'],
    ignores: [
      'src/platform/data/**',
      'src/identity/**',
      // The bulk-upsert engine matches rows by externalId across the whole workspace (a row outside reach must
      // still be found, to answer "already in use"), then checks visibility with visibleIds in the same transaction.
      'src/platform/bulk/upsert-engine.ts',
      // Settings lists are workspace-wide: the generic list in src/platform/settings bounds every read by the
      // caller's workspace itself (its own tests probe it); the services built on it pass their entity through.
      'src/platform/settings/**',
      'src/accounts/characteristics/characteristic-definitions.service.ts',
      'src/documents/document-types.service.ts',
    ],
    rules: {
      'no-restricted-syntax': ['error', ...TENANT_READS],
    },
  },
  {
    files: ['jest.config.js', 'test/support/summary-reporter.js', 'scripts/start.cjs', 'scripts/bench/baseline-server.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['scripts/start.cjs', 'scripts/bench/baseline-server.cjs'], // CommonJS: require() is its module system
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  schemaLint,
);
