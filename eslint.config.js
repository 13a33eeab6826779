import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const uiLibs = ['react', 'react-dom', 'zustand', 'comlink', 'recharts'];
const tests = ['src/**/*.test.ts', 'src/core/testing/**'];

/** Layers, from the bottom: core (tensor-free) ← core/engine (TF.js) ← workers, cli; core ← app. */
const frameworkFree = {
  paths: uiLibs.map((name) => ({ name, message: 'src/core must stay framework-free.' })),
  patterns: [
    { group: ['react-dom/*', 'zustand/*'], message: 'src/core must stay framework-free.' },
    { group: ['**/app/**', '**/workers/**', '**/cli/**'], message: 'src/core must not depend on the app, the workers or the CLI.' },
    { group: ['node:*', 'fs', 'path'], message: 'src/core runs in browsers too: no Node built-ins.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'shots/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Draw from the seeded RNG (src/core/rng.ts).' },
        { property: 'innerHTML', message: 'Untrusted text (CSV headers, link contents, model names) is never injected as HTML: set textContent or render it with React.' },
        { property: 'outerHTML', message: 'Untrusted text is never injected as HTML.' },
        ...['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'localeCompare'].map((property) => ({ property, message: "A page's first Intl call loads ICU's locale data (30–100 ms on the main thread): use countText, dateTimeText or naturalCompare (src/core/format.ts)." })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Untrusted text is never injected as HTML; the page runs under a strict CSP.' },
        { selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']", message: 'No eval: the page runs under a CSP without unsafe-eval.' },
      ],
    },
  },
  {
    // The tensor-free core (spec, kinds, plans, reducers, codecs): what the main thread may import. No TF.js, no engine.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/engine/**', ...tests],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: frameworkFree.paths,
          patterns: [
            ...frameworkFree.patterns,
            { group: ['@tensorflow/*'], message: 'Tensor-free core: TF.js belongs in src/core/engine.' },
            { group: ['**/engine/**', '**/engine'], message: 'Tensor-free core: it must not import the TF.js engine layer.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'location'],
    },
  },
  {
    // The TF.js engine layer: runs in workers and Node, never on the main thread.
    files: ['src/core/engine/**/*.ts'],
    ignores: tests,
    rules: {
      'no-restricted-imports': ['error', { paths: frameworkFree.paths, patterns: [...frameworkFree.patterns, { group: ['@tensorflow/tfjs'], message: 'Import @tensorflow/tfjs-core (and -layers): the umbrella package would bundle every backend.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'location'],
    },
  },
  {
    // The app talks to the engine only through executors (src/app/engine); tensors live in the workers.
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only meaningful when the React Compiler rewrites components; PruneLab does not use it.
      'react-hooks/preserve-manual-memoization': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/workers/**', '@tensorflow/*'], message: 'The UI reaches the engine through src/app/engine only; tensors live in the workers.' },
            { group: ['**/core/engine/**', '**/core/engine', '**/core/testing/**'], message: 'The main thread imports the tensor-free core only (no TF.js on the main thread).' },
            { group: ['**/cli/**'], message: 'The CLI is Node-only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/app/**', '**/cli/**', 'react', 'react-dom', 'zustand', 'recharts'], message: 'Workers are thin adapters over src/core.' }] }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/app/**', '**/workers/**', 'react', 'react-dom', 'zustand', 'recharts'], message: 'The CLI runs the core in Node; no UI.' }] }],
    },
  },
);
