import { expect, test } from '@playwright/test';
import { runToEnd, setNumber } from './helpers';

test('a run cancelled midway stops, and the next run succeeds', async ({ page }) => {
  await page.goto('/');
  await setNumber(page, 'Epochs', 3000);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Progress' });
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('run-status')).toContainText('ETA');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Cancelled');
  await expect(page.getByTestId('cv-summary')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();

  await setNumber(page, 'Epochs', 30);
  const { folds } = await runToEnd(page);
  expect(folds).toHaveLength(5);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
