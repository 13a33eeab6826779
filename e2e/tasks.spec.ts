import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { choose, chooseKind, runToEnd, setNumber } from './helpers';

test('regression: the diabetes set opens as regression with K-fold and reports R² with MAE; a CSV with a continuous target is offered regression', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Diabetes (regression)');
  await expect(page.getByLabel('Task', { exact: true })).toHaveValue('regression');
  await expect(page.getByLabel('Validation', { exact: true })).toHaveValue('kfold');
  await expect(page.getByTestId('preview-target')).toContainText('progression: 25 … 346');
  await setNumber(page, 'Folds', 3);
  await setNumber(page, 'Epochs', 60);
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
  const { folds, mean } = await runToEnd(page);
  expect(folds).toHaveLength(3);
  expect(mean).toBeGreaterThan(0.3);
  await expect(page.getByTestId('cv-summary')).toContainText('Mean R² of the trained model');
  await expect(page.getByRole('columnheader', { name: 'R²', exact: true })).toBeVisible();
  const mae = (await page.getByTestId('fold-mae').allTextContents()).map(Number);
  expect(mae).toHaveLength(3);
  for (const m of mae) expect(m).toBeGreaterThan(30);

  // The same file uploaded: its target cannot be classes, and the app says so and offers regression.
  await choose(page, 'Dataset', 'Iris');
  await expect(page.getByLabel('Task', { exact: true })).toHaveValue('classification');
  await page.getByLabel('Upload CSV').setInputFiles({ name: 'diabetes.csv', mimeType: 'text/csv', buffer: readFileSync('public/datasets/diabetes.csv') });
  const suggestion = page.getByTestId('regression-suggestion');
  await expect(suggestion).toContainText('“progression” looks continuous (214 distinct values). It cannot be classes.');
  await suggestion.getByRole('button', { name: 'Use regression' }).click();
  await expect(page.getByLabel('Task', { exact: true })).toHaveValue('regression');
  await expect(suggestion).toHaveCount(0);
});

test('reconstruction: an autoencoder on digits, its code pruned in steps — error against code size beside PCA, and reconstructions drawn', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Digits (8×8 images)');
  await page.getByLabel('Task', { exact: true }).selectOption('reconstruction');
  await expect(page.getByLabel('Units (layer 2)', { exact: true })).toHaveValue('16');
  await expect(page.getByLabel('Activation (layer 2)', { exact: true })).toHaveValue('linear');
  await setNumber(page, 'Folds', 2);
  await setNumber(page, 'Epochs', 15);
  await chooseKind(page, 'Structural pruning');
  await page.getByLabel('Criterion', { exact: true }).selectOption('l2');
  await setNumber(page, 'Pruning steps', 2);
  await setNumber(page, 'Fine-tune epochs per step', 5);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  await expect(page.getByTestId('cv-summary')).toContainText('Mean reconstruction MSE of the pruned model');
  await expect(page.getByRole('figure', { name: 'Reconstruction error against code size' })).toBeVisible();
  const rows = page.getByTestId('code-size-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('th')).toHaveText(['16', '11', '8']);
  for (const cell of await page.getByTestId('code-pca').allTextContents()) expect(Number(cell)).toBeGreaterThan(0);
  const recon = page.getByTestId('reconstructions');
  await expect(recon.getByRole('img')).toHaveCount(24);
  await expect(recon.getByRole('img').first()).toHaveAccessibleName(/^Original, row \d+$/);
  await expect(recon.getByTestId('recon-error')).toHaveCount(16);
});
