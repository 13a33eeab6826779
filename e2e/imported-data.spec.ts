import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { choose, chooseKind, runToEnd, setNumber } from './helpers';

/** A small TF.js Sequential CNN for Digits (scripts/fixtures/make_digits_cnn.mts): Conv2D, BatchNormalization, pooling, Dropout, Dense softmax. */
const DIR = fileURLToPath(new URL('../src/core/testdata/keras/digits-cnn', import.meta.url));
const files = readdirSync(DIR).map((name) => ({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream', buffer: readFileSync(join(DIR, name)) }));

test('your own model trained with data: shapes checked by name, cross-validated from its weights, then a pruning sweep on it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a TF.js model' }).click();
  await page.getByLabel('Model files (model.json and weights)').setInputFiles(files);
  await expect(page.getByRole('region', { name: /^Imported model: digits_cnn$/ })).toBeVisible();
  // On Iris the shapes disagree, and the message names both.
  await choose(page, 'Dataset', 'Iris');
  await page.getByRole('button', { name: 'Train it with the dataset' }).click();
  await expect(page.getByLabel('Architecture', { exact: true })).toHaveValue('imported');
  await expect(page.getByTestId('imported-model-note')).toContainText('digits_cnn: input 8×8×1, output 10 (softmax), 1,402 parameters, 2 prunable kernels.');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The model takes inputs of shape 8×8×1' })).toContainText('(64 values per row); the data has 4 features.');
  // On Digits it trains from its file's weights.
  await choose(page, 'Dataset', 'Digits (8×8 images)');
  await expect(page.getByLabel('Architecture', { exact: true })).toHaveValue('imported');
  await setNumber(page, 'Folds', 2);
  await setNumber(page, 'Epochs', 5);
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');
  const { folds, mean } = await runToEnd(page);
  expect(folds).toHaveLength(2);
  expect(mean).toBeGreaterThan(0.8);
  await expect(page.getByTestId('results-source')).toContainText('your model digits_cnn');
  await expect(page.getByTestId('worker-tensors')).toHaveText('Tensors left in the workers after the run: 0');
  // A sweep prunes its two kernels.
  await chooseKind(page, 'Pruning sweep');
  await page.getByLabel('Target sparsities (%)').fill('50, 90');
  await setNumber(page, 'Fine-tune epochs', 2);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  await expect(page.getByRole('figure', { name: 'Accuracy against sparsity' })).toBeVisible();
  await expect(page.getByTestId('sweep-row').first()).toBeVisible();
});
