// ESLint: typed rules (no floating promises) over all TypeScript sources; plain JS with the globals of where it runs.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import otq from './eslint-rules/layer-imports.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'ui/static/vendor/', 'data-samples/generated/', 'test/artifacts/', '.otq/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // `const { omitted: _omitted, ...rest } = x` drops a key on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  // Dependencies point one way (DESIGN.md, "Parts"); engine libraries stay with the part that owns them.
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    plugins: { otq },
    rules: { 'otq/layer-imports': ['error', { root: import.meta.dirname }] },
  },
  // Plain JavaScript is not in the TypeScript program: no typed rules there.
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // The CLI launchers, the offline audit verifier and this config run under Node.
  { files: ['**/*.mjs', 'eslint.config.js', 'eslint-rules/*.js'], languageOptions: { globals: globals.node } },
  // The web page: plain ES modules loaded by the browser.
  { files: ['ui/static/**/*.js'], languageOptions: { sourceType: 'module', globals: globals.browser } },
);
