import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layering from './eslint-rules/layering.mjs';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'worker_threads'];
const noNode = [{ group: ['node:*'], message: 'Only electron/ code may use Node.' }, ...nodeBuiltins.map((name) => ({ group: [name], message: 'Only electron/ code may use Node.' }))];
const noElectronFolder = { group: ['**/electron/**', '../electron/*', '../../electron/*'], message: 'The renderer and shared code talk to the engine only through the Api contract.' };
const noElectron = { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import electron.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing outside renderer/ may import UI code.' };

/*
 * Layering, as in VS Code's common/node/browser split: shared/ is importable by all; the engine, CLI and web server
 * never import electron; the renderer only imports shared/. These rules make the shape impossible to erode quietly.
 */
export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', 'sample-data/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Which folder may import which: the allow-list in eslint-rules/layering.mjs.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'sample-data/**/*.ts', 'electron/**/*.ts', 'bench/**/*.ts'],
    plugins: { layers: layering },
    rules: { 'layers/allowed-imports': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noNode, noElectron, noElectronFolder, noRenderer, { group: ['react', 'react-dom', 'react/*'], message: 'shared/ has no UI code.' }] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/component/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...noNode, noElectron, noElectronFolder] }] },
  },
  {
    files: ['electron/engine/**/*.ts', 'electron/cli/**/*.ts', 'electron/server/**/*.ts', 'electron/host/**/*.ts', 'sample-data/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noRenderer] }] },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
  {
    files: ['bin/**/*.js', '.ci/**/*.js', 'tests/support/**/*.cjs', 'electron/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', URL: 'readonly', globalThis: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
