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
