// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Domain modules know nothing of the wire or of Electron (README "Layout"). */
const DOMAIN_BOUNDARY = {
  group: ['**/ipc', '**/ipc/**', '**/shell', '**/shell/**', 'electron'],
  message: 'Domain modules never import ipc/, shell/ or electron.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: [
      'bench/**/*.ts',
      'src-main/**/*.ts',
      'src-preload/**/*.ts',
      'test/**/*.ts',
      'scripts/**/*.ts',
      '*.ts',
      '*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The renderer talks to the world only through the preload API: no Node, no Electron.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'node:*', '**/src-main/**', '**/src-preload/**'],
              message: 'The renderer only uses window.deelConsole and src-shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // Domain modules know nothing of the wire or of Electron: only ipc/ builds the IPC error
    // shape, only shell/ (and the entry) touches Electron. See README "Layout".
    files: [
      'src-main/deel/**/*.ts',
      'src-main/vault/**/*.ts',
      'src-main/sessions/**/*.ts',
      'src-main/workers/**/*.ts',
      'src-main/audit/**/*.ts',
      'src-main/errors/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [DOMAIN_BOUNDARY],
        },
      ],
    },
  },
  {
    // The vault seals, stores and unseals; it never talks to Deel (the connection manager
    // verifies a token before handing it over).
    files: ['src-main/vault/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            DOMAIN_BOUNDARY,
            {
              group: ['**/deel', '**/deel/**'],
              message: 'The vault never imports deel/: it only seals, stores and unseals.',
            },
          ],
        },
      ],
    },
  },
  {
    // CLIs and test tooling print their results.
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests may assert presence with `!`; Playwright fixtures must destructure `{}`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-empty-pattern': 'off' },
  },
);
