import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The app shell's initial JavaScript: the entry module, its modulepreloads, and everything they import statically. */
function initialChunks(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const start = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1] as string);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` loads later.
    for (const m of code.matchAll(/import\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(join('assets', m[1] as string));
  };
  start.forEach(visit);
  return [...seen];
}

// TF.js leaves these in any bundle that contains it (tfjs-core's environment flags and model store names).
const TFJS_MARKERS = [/IS_BROWSER/, /tensorflowjs_models/, /tfjs-node/];

test('the app shell loads no TF.js and at most 300 KB of gzipped JavaScript', () => {
  const dist = join(process.cwd(), 'dist');
  const chunks = initialChunks(dist);
  expect(chunks.length).toBeGreaterThan(0);
  let gz = 0;
  for (const file of chunks) {
    const code = readFileSync(join(dist, file));
    gz += gzipSync(code, { level: 9 }).length;
    for (const marker of TFJS_MARKERS) expect(code.toString('utf8'), `${file} contains TF.js (${marker})`).not.toMatch(marker);
  }
  console.log(`initial JS: ${chunks.join(', ')} — ${(gz / 1024).toFixed(1)} KB gzip`);
  expect(gz).toBeLessThanOrEqual(300 * 1024);
});

test('the markers find TF.js where it is: in the engine worker and its chunks', () => {
  const dist = join(process.cwd(), 'dist');
  const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
  const withTf = all.filter((f) => TFJS_MARKERS.some((m) => m.test(readFileSync(join(dist, 'assets', f), 'utf8'))));
  expect(withTf.length).toBeGreaterThan(0);
  for (const f of withTf) expect(initialChunks(dist)).not.toContain(join('assets', f));
});

test('npm start serves hashed assets immutable and gzipped, the page itself no-cache', async ({ request }) => {
  const dist = join(process.cwd(), 'dist');
  const wasm = readdirSync(join(dist, 'assets')).find((f) => f.endsWith('.wasm'));
  expect(wasm).toBeTruthy();
  const res = await request.get(`/assets/${wasm}`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(res.status()).toBe(200);
  const h = res.headers();
  expect(h['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(h['content-encoding']).toBe('gzip');
  expect(h['content-type']).toBe('application/wasm');
  // The isolation headers the app needs (SharedArrayBuffer) are on the assets too.
  expect(h['cross-origin-embedder-policy']).toBe('require-corp');
  // The body (decoded by the client) is the file, byte for byte.
  expect(Buffer.compare(await res.body(), readFileSync(join(dist, 'assets', wasm as string)))).toBe(0);
  expect(Number(h['content-length'])).toBeLessThan(readFileSync(join(dist, 'assets', wasm as string)).length / 2);
  const page = await request.get('/');
  expect(page.headers()['cache-control']).toBe('no-cache');
});
