// The house lint: ESLint's and typescript-eslint's recommended rules, React's rules of hooks, and the
// layers pointing one way: routes → components → lib → db (docs/architecture.md).
import comments from '@eslint-community/eslint-plugin-eslint-comments';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', '.data/', '.scratch/', 'public/', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks, '@eslint-community/eslint-comments': comments },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A rule switched off says why, beside it.
      '@eslint-community/eslint-comments/require-description': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(['db/**/*.ts'], ['db/seed/**'], [
    // Queries return rows; only the vocabulary modules (no imports of their own) may be shared downwards.
    { regex: '^(~|.*/app)/(?!lib/(rooms/ids|notes/visibility|cases)$)', message: 'db/ is below app/: move the rule into app/lib/**.server.ts' },
    { group: ['**/server/**'], message: 'db/ is below server/' },
  ]),
  layer(['app/lib/**/*.{ts,tsx}'], [], [
    { group: ['**/components/**', '**/routes/**'], message: 'lib is below components and routes' },
  ]),
  layer(['app/components/**/*.{ts,tsx}'], [], [{ group: ['**/routes/**'], message: 'components are below routes' }]),
);

/** Files matching `files` (but not `ignores`) may not import what `patterns` name. */
function layer(files, ignores, patterns) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}
