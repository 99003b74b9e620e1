// ESLint flat config: typescript-eslint's recommended rules over every TypeScript and JavaScript file of the
// repository (not type-aware: see docs). Formatting is Prettier's; eslint-config-prettier turns off the rules it owns.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/dist/', '**/node_modules/', 'data/', 'bench/results/', 'bench/.data/', 'coverage/', 'packages/console/src/gql/', 'packages/console/.tsc/', 'test/artifacts/'] },
  // A suppression that no longer suppresses anything fails the lint, so none outlives its reason.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      // The repository's convention: a leading underscore names a parameter or binding kept on purpose, and
      // `const { secret, ...rest } = row` drops fields from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests and their harness read GraphQL answers whose shape the query fixes, not a declared type.
    files: ['test/**', '**/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The CommonJS configuration files (jest.config.js, test/setup-env.js) load modules with require.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The console's build scripts are ES modules run by Node.
    files: ['packages/console/scripts/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { console: 'readonly', process: 'readonly' } },
  },
);
