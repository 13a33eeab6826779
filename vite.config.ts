import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { previewAssets } from './src/serve/previewAssets.ts';

/** COOP/COEP make the page cross-origin isolated (SharedArrayBuffer, wasm threads, precise timers). */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The page's Content-Security-Policy: scripts, workers and wasm from this origin only — no inline
 * script, no eval ('wasm-unsafe-eval' allows compiling WebAssembly, not JS eval); data and model
 * files are fetched from this origin or read from the user's own files (blob:). Inline styles stay
 * allowed (charts set style attributes). Served as a header by `npm start` and set as a <meta> in
 * the build; the dev server, which injects an inline HMR client, does without.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const cspMeta = {
  name: 'prunelab-csp-meta',
  apply: 'build' as const,
  transformIndexHtml: (html: string) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
};

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

const previewHeaders = { ...isolation, 'Content-Security-Policy': `${CSP}; frame-ancestors 'self'` };

export default defineConfig({
  plugins: [react(), cspMeta, previewAssets(previewHeaders)],
  define: { __APP_VERSION__: JSON.stringify(version) },
  server: { headers: isolation },
  preview: { headers: previewHeaders, port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: { target: 'es2022' },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    pool: 'forks',
    // Vitest's default leaves a core idle (cores − 1): on a 2-core CI runner that runs the files one at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
