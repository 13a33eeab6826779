import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const uiLibs = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'comlink', 'recharts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'shots/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Draw from the seeded RNG (src/core/rng.ts).' }],
    },
  },
  {
    // The engine is pure TypeScript: no UI or worker libraries, no DOM, no app or worker code.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: uiLibs.filter((l) => !l.includes('*')).map((name) => ({ name, message: 'src/core must stay framework-free.' })),
          patterns: [
            { group: ['react-dom/*', 'zustand/*'], message: 'src/core must stay framework-free.' },
            { group: ['**/app/**', '**/workers/**'], message: 'src/core must not depend on the app or the workers.' },
            { group: ['node:*', 'fs', 'path'], message: 'src/core runs in browsers too: no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'location'],
    },
  },
  {
    // The app talks to the engine only through its one client (src/app/engine); never imports worker code.
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only meaningful when the React Compiler rewrites components; PruneLab does not use it.
      'react-hooks/preserve-manual-memoization': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/workers/**', '@tensorflow/*'], message: 'The UI reaches the engine through src/app/engine only; tensors live in the workers.' }] }],
    },
  },
  {
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/app/**', 'react', 'react-dom', 'zustand', 'recharts'], message: 'Workers are thin adapters over src/core.' }] }],
    },
  },
);
