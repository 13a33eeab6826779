import { expect, test } from '@playwright/test';
import { choose, runToEnd, setNumber } from './helpers';

test('breast cancer, 5-fold stratified CV: five fold rows and a mean ≥ 0.95, shown as text', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Breast cancer (Wisconsin diagnostic)');
  await expect(page.getByTestId('preview-rows')).toHaveText('569');
  await expect(page.getByTestId('preview-classes')).toHaveText('malignant: 212, benign: 357');
  await setNumber(page, 'Folds', 5);
  const { folds, mean } = await runToEnd(page);
  await expect(page.getByTestId('fold-row')).toHaveCount(5);
  expect(folds).toHaveLength(5);
  expect(mean).toBeGreaterThanOrEqual(0.95);
  const expectedMean = folds.reduce((a, b) => a + b, 0) / folds.length;
  expect(mean).toBeCloseTo(expectedMean, 3);
  await expect(page.getByTestId('backend-info')).toContainText('wasm');
  await expect(page.getByRole('figure').filter({ hasText: 'Held-out accuracy per fold' })).toBeVisible();
  // The measured pace: 5 folds × the form's epochs, the wall time, and their quotient.
  const epochs = Number(await page.getByLabel('Epochs', { exact: true }).inputValue());
  const pace = (await page.getByTestId('run-throughput').textContent()) ?? '';
  const m = /^([\d,]+) model-epochs in ([\d.]+) s of wall time .*: ([\d.]+) ms each, on browser workers ×\d+\.$/.exec(pace);
  expect(m, pace).not.toBeNull();
  expect(Number(m?.[1]?.replace(/,/g, ''))).toBe(5 * epochs);
  expect(Number(m?.[3])).toBeCloseTo((Number(m?.[2]) * 1000) / (5 * epochs), 0);
});

test('same spec, seed and backend give identical per-fold accuracies on two runs', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Wine');
  await setNumber(page, 'Epochs', 40);
  await setNumber(page, 'Units (layer 1)', 8);
  await setNumber(page, 'Dropout (layer 1)', 0.2);
  const first = await runToEnd(page);
  const second = await runToEnd(page);
  expect(second.folds).toEqual(first.folds);
  // A different seed gives a different experiment (folds, init, dropout masks).
  await setNumber(page, 'Seed', 7);
  const third = await runToEnd(page);
  expect(third.folds).not.toEqual(first.folds);
});

test('the engine workers start while the page sits idle, before Run is pressed (the first run skips their start-up)', async ({ page }) => {
  await page.goto('/');
  await expect.poll(() => page.workers().filter((w) => w.url().includes('engine.worker')).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('run-status')).not.toContainText('Running');
  // They are the run's: it starts no others.
  const before = page.workers().filter((w) => w.url().includes('engine.worker')).length;
  const { folds } = await runToEnd(page);
  expect(folds).toHaveLength(5);
  expect(page.workers().filter((w) => w.url().includes('engine.worker')).length).toBe(before);
});
