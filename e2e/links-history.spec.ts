import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { choose, chooseKind, setNumber } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'prunelab-links-'));
const TIMINGS = new Set(['ms', 'latency', 'latency1', 'measuredSpeedup', 'measuredSpeedup1', 'wallMs', 'startedAt']);
const withoutTimings = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(withoutTimings) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !TIMINGS.has(k)).map(([k, x]) => [k, withoutTimings(x)])) : v;

/** The address once it reflects the last edit: the app writes it a moment after each change, so wait until it changed and then held still. */
async function linkAfter(page: Page, before: string): Promise<string> {
  await expect.poll(() => page.url()).not.toBe(before);
  let last = page.url();
  for (;;) {
    await page.waitForTimeout(300);
    if (page.url() === last) return last;
    last = page.url();
  }
}

async function runAndWait(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
}

/** Downloads the results file of the run on screen and reads it. */
async function exportResults(page: Page): Promise<{ spec: unknown; result: unknown }> {
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export results (JSON)' }).click();
  return JSON.parse(readFileSync(await (await saved).path(), 'utf8')) as { spec: unknown; result: unknown };
}

async function wineSweep(page: Page) {
  await page.goto('/');
  await choose(page, 'Dataset', 'Wine');
  await setNumber(page, 'Epochs', 40);
  await chooseKind(page, 'Pruning sweep');
  await page.getByRole('checkbox', { name: 'Magnitude (layer-wise)' }).uncheck();
  await page.getByLabel('Target sparsities (%)').fill('50, 90');
  await setNumber(page, 'Fine-tune epochs', 5);
}

test('the address bar’s link reproduces a wine sweep bit for bit in a fresh browser; the run is in History after a reload', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await wineSweep(page);
  await runAndWait(page);
  const first = await exportResults(page);
  const link = page.url();
  expect(link).toMatch(/#e=[A-Za-z0-9_-]+$/);
  expect(link.length).toBeLessThan(2000);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('spec-notice')).toContainText('Opened from a link');
  await expect(other.getByRole('radio', { name: 'Pruning sweep', exact: true })).toBeChecked();
  await expect(other.getByLabel('Target sparsities (%)')).toHaveValue('50, 90');
  await runAndWait(other);
  const second = await exportResults(other);
  expect(second.spec).toEqual(first.spec);
  expect(withoutTimings(second.result)).toEqual(withoutTimings(first.result));
  await fresh.close();

  // Every finished run is stored; it survives a reload and reopens with its settings and numbers.
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toHaveAttribute('aria-busy', 'false');
  await page.reload();
  await expect(history.getByTestId('history-run')).toHaveCount(1);
  await expect(history.getByTestId('history-run-name')).toContainText('Pruning sweep · Wine');
  await setNumber(page, 'Epochs', 7);
  await history.getByRole('button', { name: /^Open Pruning sweep · Wine/ }).click();
  await expect(page.getByTestId('results-source')).toContainText('reopened from History');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('40');
  const reopened = await exportResults(page);
  expect(withoutTimings(reopened.result)).toEqual(withoutTimings(first.result));
  // Editing a setting marks the results out of date.
  await expect(page.getByTestId('results-stale')).toHaveCount(0);
  await setNumber(page, 'Epochs', 41);
  await expect(page.getByTestId('results-stale')).toContainText('Out of date');
});

test('a damaged link says what is wrong and the app opens on its defaults, usable', async ({ page }) => {
  await page.goto('/#e=eJyrVkrNS8_JTEnNS0nVK8nMTS1WslKoVspLzE1VslIqSczLLy1OVaoFAEVlEJk');
  await expect(page.getByRole('alert')).toContainText('This link could not be opened: The link is');
  await expect(page.getByRole('alert')).toContainText('PruneLab opened on its defaults.');
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('builtin:breast_cancer');
  await page.goto('/#e=');
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('nothing follows #e=');
  await choose(page, 'Dataset', 'Iris');
  await setNumber(page, 'Epochs', 5);
  await runAndWait(page);
  await expect(page.getByTestId('fold-row')).toHaveCount(5);
});

test('two runs compare side by side; results exported as JSON reopen in a fresh browser; exports of tables, charts and the model', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await wineSweep(page);
  await runAndWait(page);
  await setNumber(page, 'Seed', 7);
  await page.getByRole('checkbox', { name: 'Random (baseline)' }).uncheck();
  await runAndWait(page);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByTestId('history-run')).toHaveCount(2);
  // Rename, pin, compare.
  await history.getByRole('button', { name: /^Rename / }).first().click();
  await history.getByLabel('New name').fill('seed 7, magnitude only');
  await history.getByRole('button', { name: 'Save name' }).click();
  await history.getByRole('button', { name: 'Pin seed 7, magnitude only' }).click();
  await expect(history.getByTestId('history-run-name').first()).toHaveText('seed 7, magnitude only');
  for (const box of await history.getByRole('checkbox', { name: /^Compare / }).all()) await box.check();
  const compare = page.getByTestId('compare');
  await expect(compare.getByRole('heading', { name: 'Compare 2 runs' })).toBeVisible();
  const diff = compare.getByTestId('diff-row');
  await expect(diff.filter({ hasText: 'seed' })).toContainText('42');
  await expect(diff.filter({ hasText: 'task.methods' })).toHaveCount(1);
  await expect(compare.getByRole('figure', { name: 'Accuracy against sparsity (compared)' }).locator('.recharts-line-curve')).toHaveCount(3);

  // Tables as CSV, charts as SVG and PNG.
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV: Sweep points (every fold)' }).click();
  const rows = readFileSync(await (await csv).path(), 'utf8').trim().split('\n');
  expect(rows[0]).toBe('fold,series,target_sparsity,achieved_sparsity,accuracy,nonzero_params,sparse_flops');
  expect(rows).toHaveLength(1 + 5 * 3);
  const svg = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Accuracy against sparsity as SVG' }).click();
  const svgText = readFileSync(await (await svg).path(), 'utf8');
  expect(svgText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain('Magnitude (global)');
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Held-out accuracy per fold as PNG' }).click();
  expect(readFileSync(await (await png).path()).subarray(1, 4).toString()).toBe('PNG');

  // The model, as TF.js files.
  await page.getByLabel('Model to export').selectOption({ label: 'Magnitude (global) at 90.0% — masked, pruned weights exactly 0 (fold 1)' });
  const files: Record<string, string> = {};
  page.on('download', async (d) => void (files[d.suggestedFilename()] = await d.path()));
  await page.getByRole('button', { name: 'Export model (TF.js)' }).click();
  await expect(page.getByTestId('model-export-sizes')).toContainText(/parameters, \d+ exactly zero/);
  await expect.poll(() => Object.keys(files).sort()).toEqual(['model.json', 'weights.bin']);
  const modelJson = JSON.parse(readFileSync(files['model.json'] as string, 'utf8')) as { format: string; weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[] };
  expect(modelJson.format).toBe('layers-model');
  expect(modelJson.weightsManifest[0]?.paths).toEqual(['weights.bin']);
  const count = modelJson.weightsManifest[0]?.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0) ?? 0;
  const weights = new Float32Array(Uint8Array.from(readFileSync(files['weights.bin'] as string)).buffer);
  expect(weights.length).toBe(count);
  expect(weights.filter((w) => w === 0).length / count).toBeGreaterThan(0.8);

  // Results JSON, reopened elsewhere.
  const exported = await exportResults(page);
  const path = join(dir, 'results.json');
  writeFileSync(path, JSON.stringify(exported));
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/');
  await other.getByLabel('Open results (JSON)').setInputFiles(path);
  await expect(other.getByTestId('spec-notice')).toContainText('Opened the results in "results.json"');
  await expect(other.getByTestId('results-source')).toContainText('opened from a file');
  await expect(other.getByRole('region', { name: 'History' }).getByTestId('history-run')).toHaveCount(1);
  const again = await exportResults(other);
  expect(withoutTimings(again.result)).toEqual(withoutTimings(exported.result));
  await fresh.close();

  // Deleting a run removes it from History for good.
  await history.getByRole('button', { name: 'Delete seed 7, magnitude only' }).click();
  await expect(history.getByTestId('history-run')).toHaveCount(1);
  // The deletion is on screen at once; a reload before IndexedDB commits it would bring the run back, so the panel is busy until then.
  await expect(history).toHaveAttribute('aria-busy', 'false');
  await page.reload();
  await expect(page.getByRole('region', { name: 'History' }).getByTestId('history-run')).toHaveCount(1);
});

test('teacher options travel in the link: hidden sections, locked settings; Copy link copies the address', async ({ page, browser }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Iris');
  await page.getByText('Teacher options').click();
  await page.getByLabel('Hide Model').check();
  await page.getByLabel('Lock Training').check();
  const before = page.url();
  await page.getByLabel('Open the results at').selectOption({ label: 'The results table' });
  const link = await linkAfter(page, before);
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const student = await context.newPage();
  await student.goto(link);
  await expect(student.getByTestId('hidden-note')).toBeVisible();
  await expect(student.getByRole('region', { name: 'Model', exact: true })).toHaveCount(0);
  await expect(student.getByLabel('Epochs', { exact: true })).toBeDisabled();
  await expect(student.getByLabel('Folds', { exact: true })).toBeEnabled();
  await expect(student.getByRole('region', { name: 'Training' }).getByTestId('locked-note')).toBeVisible();
  // The link opens the results at the table: after a run, the table is what is in view.
  await setNumber(student, 'Folds', 3);
  await runAndWait(student);
  await expect(student.locator('[data-view="table"]')).toBeInViewport();
  await student.getByRole('button', { name: 'Copy link' }).click();
  await expect(student.getByTestId('link-copied')).toHaveText('Link copied.');
  expect(await student.evaluate(() => navigator.clipboard.readText())).toBe(student.url());
  await context.close();
});

test('a link to an uploaded CSV asks for that file and accepts only the one with the same SHA-256', async ({ page, browser }) => {
  const good = join(dir, 'points.csv');
  const rows = Array.from({ length: 40 }, (_, i) => `${(i % 7) * 0.5},${Math.sin(i)},${i % 2 === 0 ? 'even' : 'odd'}`);
  writeFileSync(good, `a,b,label\n${rows.join('\n')}\n`);
  const other = join(dir, 'other.csv');
  writeFileSync(other, `a,b,label\n${rows.slice(1).join('\n')}\n`);
  await page.goto('/');
  await expect(page).toHaveURL(/#e=/);
  const before = page.url();
  await page.getByLabel('Upload CSV').setInputFiles(good);
  await expect(page.getByTestId('preview-rows')).toHaveText('40');
  const link = await linkAfter(page, before);

  const fresh = await browser.newContext();
  const student = await fresh.newPage();
  await student.goto(link);
  await expect(student.getByTestId('pending-csv')).toContainText('“points.csv” (40 rows, target “label”)');
  await student.getByLabel('Upload CSV').setInputFiles(other);
  await expect(student.getByRole('alert')).toContainText('differs from the one the link names');
  await student.getByLabel('Upload CSV').setInputFiles(good);
  await expect(student.getByTestId('pending-csv')).toHaveCount(0);
  await expect(student.getByTestId('preview-rows')).toHaveText('40');
  await setNumber(student, 'Epochs', 5);
  await setNumber(student, 'Folds', 2);
  await runAndWait(student);
  await fresh.close();
});
