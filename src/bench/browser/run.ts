/**
 * Runs the per-epoch measurement in a headless-Chromium worker, and whole runs on the app's worker
 * pool. The bench page (src/bench/browser/) is built by Vite as the app is — bundled, minified,
 * its worker one file — into a temporary folder and served by Vite's preview server with the
 * app's headers: a cold run then starts its workers as the app's do, not module by module from a
 * dev server. Debian's Chromium (never a downloaded browser) opens it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../e2e/chromium';
import type { BrowserBenchResult } from './epoch.worker';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The worker's result, or why it was not measured. */
export async function browserEpochs(epochs: number, runs = true): Promise<BrowserBenchResult | string> {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  const { build, preview } = await import('vite');
  const { chromium } = await import('playwright-core');
  const outDir = mkdtempSync(join(tmpdir(), 'prunelab-bench-page-'));
  const configFile = `${root}vite.config.ts`;
  await build({ root, configFile, logLevel: 'silent', build: { outDir, emptyOutDir: true, rollupOptions: { input: `${root}src/bench/browser/index.html` } } });
  const server = await preview({ root, configFile, logLevel: 'silent', build: { outDir }, preview: { port: 5199, strictPort: false } });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const base = server.resolvedUrls?.local[0] ?? 'http://localhost:5199/';
    const page = await browser.newPage();
    await page.goto(`${base}src/bench/browser/index.html?epochs=${epochs}&runs=${runs ? 1 : 0}`);
    const handle = await page.waitForFunction(() => (window as unknown as { __bench?: BrowserBenchResult }).__bench, null, { timeout: 600_000 });
    const result = (await handle.jsonValue()) as BrowserBenchResult;
    return result.error ? `the worker failed: ${result.error}` : result;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
