import { expect, test } from '@playwright/test';
import { choose, chooseKind, runToEnd, setNumber } from './helpers';

test('the sequence task opens with a GRU preset that learns it; sensitivity gives the input and the recurrent kernel a curve each', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Synthetic: Sequences: peak before dip? (20 steps)');
  await expect(page.getByLabel('Architecture', { exact: true })).toHaveValue('rnn');
  await expect(page.getByLabel('Cell', { exact: true })).toHaveValue('gru');
  await expect(page.getByLabel('Recurrent units', { exact: true })).toHaveValue('16');
  await setNumber(page, 'Folds', 2);
  const { folds, mean } = await runToEnd(page);
  expect(folds).toHaveLength(2);
  expect(mean).toBeGreaterThanOrEqual(0.85);
  await expect(page.getByTestId('results-source')).toContainText('GRU 16');

  await setNumber(page, 'Epochs', 10);
  await chooseKind(page, 'Sensitivity analysis');
  await page.getByLabel('Sensitivity sparsities (%)').fill('0, 50, 90');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  const figure = page.getByRole('figure', { name: 'Sensitivity per layer' });
  await expect(figure.locator('ul.legend li')).toHaveText(['gru_1/kernel', 'gru_1_recurrent/kernel', 'output/kernel']);
});
