/**
 * Takes a screenshot of the app after a short run: `npx tsx e2e/screenshot.ts [url] [out.png]`;
 * `EXAMPLE="<title>"` runs a gallery example instead, `VIEWPORT=1400x900`, `REGION="<name>"`.
 * Used for the README image and for looking at what the UI shows.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const url = process.argv[2] ?? 'http://localhost:4173/';
const out = process.argv[3] ?? 'docs/screenshot.png';
const [width = 1400, height = 900] = (process.env.VIEWPORT ?? '1400x900').split('x').map(Number);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width, height } });
page.on('console', (m) => console.log('[console]', m.type(), m.text()));
page.on('pageerror', (e) => console.log('[pageerror]', e.message));
await page.goto(url);
if (process.env.EXAMPLE) {
  // EXAMPLE="<title>": open and run an example from the gallery; REGION="<name>": shoot only that region.
  await page.getByRole('button', { name: 'Examples', exact: true }).click();
  await page.getByRole('button', { name: `Run example: ${process.env.EXAMPLE}` }).click();
  await page.getByTestId('cv-summary').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: 'Hide' }).click();
  await page.waitForTimeout(800);
  if (process.env.REGION) await page.getByRole('region', { name: process.env.REGION }).screenshot({ path: out });
  else await page.screenshot({ path: out });
  console.log('saved', out, await page.getByTestId('cv-summary').textContent());
  await browser.close();
  process.exit(0);
}
await page.getByLabel('Epochs', { exact: true }).fill(process.env.EPOCHS ?? '100');
if (process.env.SENS) await page.getByRole('radio', { name: 'Sensitivity analysis', exact: true }).check();
if (process.env.SWEEP) {
  await page.getByRole('radio', { name: 'Pruning sweep', exact: true }).check();
  await page.getByLabel('Fine-tune epochs').fill(process.env.FINETUNE ?? '30');
  if (process.env.LAYERS === '64-32') {
    await page.getByLabel('Units (layer 1)').fill('64');
    await page.getByRole('button', { name: 'Add layer' }).click();
    await page.getByLabel('Units (layer 2)').fill('32');
  }
}
await page.getByRole('button', { name: 'Run', exact: true }).click();
await page.getByTestId('cv-summary').waitFor({ timeout: 120_000 });
await page.screenshot({ path: out, fullPage: true });
if (process.env.CLIP) {
  const el = page.getByRole('figure', { name: process.env.CLIP });
  await el.screenshot({ path: out.replace('.png', '-clip.png') });
}
console.log('saved', out, await page.getByTestId('cv-summary').textContent());
await browser.close();
