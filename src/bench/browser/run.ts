/**
 * Runs the per-epoch measurement in a headless-Chromium worker, and whole runs on the app's worker pool: Vite's dev server serves
 * src/bench/browser/ (TypeScript, the worker, the WASM files, public/datasets) with the app's
 * headers, and Debian's Chromium (never a downloaded browser) opens it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../e2e/chromium';
import type { BrowserBenchResult } from './epoch.worker';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The worker's result, or why it was not measured. */
export async function browserEpochs(epochs: number, runs = true): Promise<BrowserBenchResult | string> {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  const { createServer } = await import('vite');
  const { chromium } = await import('playwright-core');
  const server = await createServer({ root, configFile: `${root}vite.config.ts`, logLevel: 'silent', server: { port: 5199, strictPort: false } });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await server.listen();
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
  }
}
