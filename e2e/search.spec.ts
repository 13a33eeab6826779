import { expect, test, type Page } from '@playwright/test';
import { choose, chooseKind, setNumber } from './helpers';

async function runAndWait(page: Page) {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 200_000 });
}

test('the seed’s example: learning rate 0.001, 0.01, 0.1 on breast cancer, 5-fold CV — all three ranked, the best picked and refit', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await setNumber(page, 'Epochs', 40); // as the gallery's example: the ranking is the point
  await chooseKind(page, 'Hyper-parameter search');
  await expect(page.getByLabel('Values or range 1')).toHaveValue('0.001, 0.01, 0.1');
  await expect(page.getByTestId('search-plan')).toContainText('3 candidates, 16 trainings');
  await runAndWait(page);
  const rows = page.getByTestId('search-row');
  await expect(rows).toHaveCount(3);
  // Ranks as rank_test_score: 1 + the number of better means (equal means share a rank).
  const ranks = (await rows.locator('td:nth-child(1)').allTextContents()).map(Number);
  const means = (await page.getByTestId('search-mean').allTextContents()).map(Number);
  expect(ranks).toEqual(means.map((m) => 1 + means.filter((o) => o > m).length));
  expect(ranks[0]).toBe(1);
  expect(means).toEqual([...means].sort((a, b) => b - a));
  await expect(page.getByTestId('search-best')).toContainText(/Best: training\.learningRate = 0\.0?0?1 — mean CV accuracy 0\.9\d{3} ± 0\.\d{4} \(rank 1 of 3\)/);
  await expect(page.getByTestId('search-refit')).toContainText(/training accuracy (0\.9\d{3}|1\.0000); its cross-validated accuracy is the best candidate’s, 0\.9\d{3}/);
  await expect(page.getByRole('figure', { name: 'Accuracy against the searched value' })).toBeVisible();
});

test('a 2×2 grid: the heatmap and the table show 4 candidates; Apply best writes them into the settings; optimize → prune runs the sweep', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await choose(page, 'Dataset', 'Wine');
  await setNumber(page, 'Epochs', 30);
  await setNumber(page, 'Folds', 3);
  await chooseKind(page, 'Hyper-parameter search');
  await page.getByLabel('Values or range 1').fill('0.003, 0.03');
  await page.getByRole('button', { name: 'Add a field' }).click();
  await page.getByLabel('Field 2', { exact: true }).selectOption({ label: 'Units of every hidden layer' });
  await page.getByLabel('Values or range 2').fill('4, 16');
  await page.getByLabel('Also score the current settings').check();
  await expect(page.getByTestId('search-plan')).toContainText('5 candidates, 16 trainings');
  await runAndWait(page);
  await expect(page.getByTestId('heatmap-cell')).toHaveCount(4);
  await expect(page.getByTestId('heatmap-cell').filter({ hasText: '★' })).toHaveCount(1);
  await expect(page.getByTestId('search-row')).toHaveCount(5);
  // Sorting by a column reorders the table.
  await page.getByRole('button', { name: 'Mean', exact: true }).click();
  const asc = (await page.getByTestId('search-mean').allTextContents()).map(Number);
  expect(asc).toEqual([...asc].sort((a, b) => a - b));
  const best = (await page.getByTestId('search-best').textContent()) ?? '';
  const lr = /training\.learningRate = ([\d.]+)/.exec(best)?.[1];
  const width = /model\.width = (\d+)/.exec(best)?.[1];
  await page.getByRole('button', { name: 'Apply best' }).click();
  await expect(page.getByTestId('spec-notice')).toContainText('Applied the best parameters');
  await expect(page.getByRole('radio', { name: 'Cross-validation', exact: true })).toBeChecked();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue(String(Number(lr)));
  await expect(page.getByLabel('Units (layer 1)', { exact: true })).toHaveValue(String(width));

  // Back to the search (its settings kept), then optimize → prune in one go.
  await chooseKind(page, 'Hyper-parameter search');
  await expect(page.getByLabel('Values or range 2')).toHaveValue('4, 16');
  await runAndWait(page);
  await chooseKind(page, 'Pruning sweep');
  await page.getByLabel('Target sparsities (%)').fill('50, 90');
  await setNumber(page, 'Fine-tune epochs', 5);
  await chooseKind(page, 'Hyper-parameter search');
  await runAndWait(page);
  await page.getByRole('button', { name: 'Prune the best model (optimize → prune)' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 200_000 });
  await expect(page.getByRole('radio', { name: 'Pruning sweep', exact: true })).toBeChecked();
  await expect(page.getByTestId('pipeline')).toContainText('before the search, your settings scored');
  await expect(page.getByRole('figure', { name: 'Accuracy against sparsity' })).toContainText('before optimization');
  await expect(page.getByTestId('sweep-row')).toHaveCount(1 + 3 * 2);
});
