import { expect, test } from '@playwright/test';
import { choose, chooseKind, runToEnd, setNumber } from './helpers';

test('RFECV on breast cancer: chart with the chosen count, ranking table with names, "keep" carries the selection', async ({ page }) => {
  await page.goto('/');
  await chooseKind(page, 'Feature selection (RFECV)');
  await setNumber(page, 'Step', 5);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });
  await expect(page.getByTestId('rfecv-summary')).toContainText('LogisticRegression');
  const chosen = Number(await page.getByTestId('rfecv-chosen').textContent());
  expect(chosen).toBeGreaterThanOrEqual(1);
  expect(chosen).toBeLessThanOrEqual(30);
  const figure = page.getByRole('figure', { name: 'CV accuracy against number of features' });
  await expect(figure.locator('.mark-x')).toHaveCount(1);
  await expect(figure.locator('path.series-band')).toHaveCount(1);
  await expect(figure).toContainText(`chosen: ${chosen}`);
  // The chart's numbers as text: one row per count tried, the chosen one reading the summary's best accuracy.
  await page.getByText('The chart’s numbers: accuracy by number of features').click();
  const best = (await page.getByTestId('rfecv-summary').locator('strong').first().textContent()) ?? '';
  expect(await page.getByTestId('rfecv-score-row').count()).toBeGreaterThanOrEqual(2);
  const chosenRow = page.getByTestId('rfecv-score-row').filter({ hasText: '(chosen)' });
  await expect(chosenRow).toHaveCount(1);
  await expect(chosenRow.getByRole('rowheader')).toHaveText(`${chosen} (chosen)`);
  await expect(chosenRow.getByRole('cell').first()).toHaveText(best);
  await expect(page.getByTestId('ranking-row')).toHaveCount(30);
  await expect(page.getByTestId('ranking-row').filter({ hasText: 'yes' })).toHaveCount(chosen);
  await expect(page.getByTestId('ranking-table')).toContainText('worst radius');

  await page.getByRole('button', { name: `Keep these ${chosen} features` }).click();
  await expect(page.getByTestId('kept-features')).toContainText(`Using ${chosen} selected feature`);
  await expect(page.getByTestId('preview-features')).toHaveText(String(chosen));
  await setNumber(page, 'Epochs', 60);
  const { folds } = await runToEnd(page);
  expect(folds).toHaveLength(5);
});

test('structural pruning shows parameters, FLOPs and measured latency before and after', async ({ page }) => {
  await page.goto('/');
  await setNumber(page, 'Units (layer 1)', 64);
  await setNumber(page, 'Epochs', 100);
  await setNumber(page, 'Folds', 3);
  await chooseKind(page, 'Structural pruning');
  await setNumber(page, 'Units to remove (%)', 50);
  await setNumber(page, 'Fine-tune epochs per step', 20);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });
  const before = page.getByTestId('structural-before').locator('td');
  const after = page.getByTestId('structural-after').locator('td');
  await expect(before.nth(0)).toHaveText('64');
  await expect(after.nth(0)).toHaveText('32');
  // 30·64 + 64 + 64·2 + 2 = 2,114 parameters before; 30·32 + 32 + 32·2 + 2 = 1,058 after.
  await expect(before.nth(1)).toHaveText('2,114');
  await expect(after.nth(1)).toHaveText('1,058');
  await expect(before.nth(3)).toHaveText(/^\d+\.\d{3} ms$/);
  await expect(after.nth(3)).toHaveText(/^\d+\.\d{3} ms$/);
  // One row too: what a single prediction costs.
  await expect(before.nth(4)).toHaveText(/^\d+\.\d{3} ms$/);
  await expect(page.getByTestId('measured-speedup-1')).toHaveText(/^\d+\.\d{2}× \(measured\)$/);
  await expect(page.getByTestId('theoretical-speedup')).toContainText('×');
  expect(parseFloat((await page.getByTestId('theoretical-speedup').textContent()) ?? '')).toBeGreaterThan(1.9);
  await expect(page.getByRole('figure', { name: 'Accuracy against parameters' })).toBeVisible();
});

test('a CNN on digits trains from the model builder, and filter pruning shrinks it', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Digits (8×8 images)');
  await choose(page, 'Architecture', 'CNN (image data)');
  await expect(page.getByLabel('Filters (conv 1)')).toHaveValue('16');
  await setNumber(page, 'Folds', 3);
  await setNumber(page, 'Epochs', 4);
  await setNumber(page, 'Batch size', 64);
  await setNumber(page, 'Learning rate', 0.003);
  const { mean } = await runToEnd(page);
  expect(mean).toBeGreaterThan(0.85);

  // Filter pruning: half the filters of each conv layer go, the network is rebuilt smaller.
  await chooseKind(page, 'Structural pruning');
  await setNumber(page, 'Units to remove (%)', 50);
  await setNumber(page, 'Fine-tune epochs per step', 2);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });
  await expect(page.getByTestId('structural-before').locator('td').nth(0)).toHaveText('16-32');
  await expect(page.getByTestId('structural-after').locator('td').nth(0)).toHaveText('8-16');
  await expect(page.getByTestId('worker-tensors')).toHaveText('Tensors left in the workers after the run: 0');
  expect(parseFloat((await page.getByTestId('theoretical-speedup').textContent()) ?? '')).toBeGreaterThan(2);
  await chooseKind(page, 'Cross-validation');

  await choose(page, 'Dataset', 'Iris');
  await expect(page.getByLabel('Architecture')).toHaveValue('mlp');
});

test('layer removal names the layer it removed; a sweep of other data is not drawn beside it; the curves span the run, not the editor', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Iris');
  await setNumber(page, 'Epochs', 30);
  await setNumber(page, 'Folds', 3);
  await chooseKind(page, 'Pruning sweep');
  await page.getByLabel('Target sparsities (%)').fill('50, 90');
  await setNumber(page, 'Fine-tune epochs', 5);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });

  await choose(page, 'Dataset', 'Wine');
  await page.getByRole('button', { name: 'Add layer' }).click();
  await chooseKind(page, 'Structural pruning');
  await choose(page, 'Remove', 'A whole hidden layer, then retrain');
  await setNumber(page, 'Hidden layer to drop', 2);
  await setNumber(page, 'Retrain epochs', 10);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });
  await expect(page.getByTestId('structural-removed')).toHaveText('Removed: hidden layer 2 removed.');
  await expect(page.getByTestId('structural-before').locator('td').nth(0)).toHaveText('32-32');
  await expect(page.getByTestId('structural-after').locator('td').nth(0)).toHaveText('32');
  // The iris sweep trained another dataset: it is not drawn beside wine's result.
  await expect(page.getByTestId('structural-chart-caption')).toContainText('the last sweep trained another dataset or model');
  const chart = page.getByRole('figure', { name: 'Accuracy against parameters' });
  await expect(chart.locator('ul.legend li')).toHaveText(['Dense (unpruned)', 'Structural (layer removed)']);
  // 30 training epochs, then 10 of retraining, on one curve; editing the form afterwards changes nothing.
  await setNumber(page, 'Epochs', 3000);
  await expect(page.getByRole('img', { name: /^Training loss per fold: loss against epoch \(1 to 40\), 3 series$/ })).toBeVisible();
});
