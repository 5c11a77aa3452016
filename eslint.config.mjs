import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/dist/**'], message: 'import sources, not build output' }] },
      ],
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
);
