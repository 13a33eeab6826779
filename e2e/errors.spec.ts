import { expect, test } from '@playwright/test';
import { choose, chooseKind, runToEnd, setNumber } from './helpers';

test('a diverging run (NaN loss) stops with a specific error and the app stays usable', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Standardize features').uncheck();
  await choose(page, 'Activation (layer 1)', 'linear');
  await choose(page, 'Optimizer', 'SGD');
  await setNumber(page, 'Learning rate', 10);
  await setNumber(page, 'Epochs', 50);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(/Training diverged at epoch \d+: the loss became NaN or infinite/);
  await expect(page.getByTestId('run-status')).toHaveText('Stopped with an error.');
  await expect(page.getByTestId('cv-summary')).toHaveCount(0);

  await page.getByLabel('Standardize features').check();
  await choose(page, 'Optimizer', 'Adam');
  await setNumber(page, 'Learning rate', 0.01);
  const { folds } = await runToEnd(page);
  expect(folds).toHaveLength(5);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a spec the schema rejects is reported, not run', async ({ page }) => {
  await page.goto('/');
  await chooseKind(page, 'Pruning sweep');
  await page.getByRole('checkbox', { name: 'Magnitude (global)' }).uncheck();
  await page.getByRole('checkbox', { name: 'Magnitude (layer-wise)' }).uncheck();
  await page.getByRole('checkbox', { name: 'Random (baseline)' }).uncheck();
  await expect(page.getByText('Choose at least one method.')).toBeVisible();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Invalid experiment spec — task.methods');
});
