import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { chooseKind, setNumber } from './helpers';

async function configureSweep(page: Page, epochs: number) {
  await page.goto('/');
  await setNumber(page, 'Epochs', epochs);
  await chooseKind(page, 'Pruning sweep');
  await page.getByRole('checkbox', { name: 'Magnitude (layer-wise)' }).uncheck();
  await expect(page.getByRole('checkbox', { name: 'Magnitude (global)' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Random (baseline)' })).toBeChecked();
  await page.getByLabel('Target sparsities (%)').fill('50, 90, 95');
  await setNumber(page, 'Fine-tune epochs', 15);
}

test('a 3-level sweep with magnitude and random draws two curves with bands and a table that exports as CSV', async ({ page }) => {
  await configureSweep(page, 80);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  const rows = page.getByTestId('sweep-row');
  await expect(rows).toHaveCount(7); // dense + 2 methods × 3 levels
  await expect(page.locator('[data-testid="sweep-row"][data-series="magnitude-global"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="sweep-row"][data-series="random"]')).toHaveCount(3);
  await expect(page.getByTestId('sweep-partial')).toHaveCount(0);
  await expect(page.getByTestId('worker-tensors')).toHaveText('Tensors left in the workers after the run: 0');
  // Every point of every fold is in: no fold's last points lost to message ordering.
  for (const folds of await page.locator('[data-testid="sweep-row"] td:nth-of-type(3)').allTextContents()) expect(folds).toBe('5');
  const figure = page.getByRole('figure', { name: 'Accuracy against sparsity' });
  await expect(figure.locator('.recharts-legend-item')).toHaveText(['Magnitude (global)', 'Random (baseline)', /^Dense \(unpruned\): 0\.\d{4}$/]);
  await expect(figure.locator('.recharts-area-area')).toHaveCount(2); // one ± std band per method
  await expect(figure.locator('.recharts-line-curve')).toHaveCount(2);
  // Exact-k: global magnitude removes exactly round(s · N) of the N = 30·32 + 32·2 = 1024 kernel weights;
  // random counts per layer, so it lands within rounding of the target.
  for (const target of [50, 90, 95]) {
    const cell = (series: string) => page.locator(`[data-series="${series}"]`, { hasText: `${target}.0%` }).locator('td').nth(1);
    await expect(cell('magnitude-global')).toHaveText(`${((100 * Math.round((target / 100) * 1024)) / 1024).toFixed(2)}%`);
    expect(Math.abs(parseFloat((await cell('random').textContent()) ?? '') - target)).toBeLessThan(0.1);
  }
  for (const text of await page.getByTestId('sweep-accuracy').allTextContents()) expect(text).toMatch(/^0\.\d{4} ± 0\.\d{4}$|^1\.0000 ± 0\.0000$/);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV: Sweep results (mean over folds)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(csv[0]).toContain('series,target_sparsity,achieved_sparsity');
  expect(csv).toHaveLength(8);
  // The inspector shows the mask of the chosen point.
  await page.getByLabel('Point', { exact: true }).selectOption({ label: 'Magnitude (global) at 90.0%' });
  await expect(page.getByRole('img', { name: /Mask heatmap of dense_1\/kernel/ })).toBeVisible();
  await expect(page.getByTestId('threshold')).toHaveText(/^\d+\.\d{4}$/);
  // Random pruning has no threshold, and the inspector says so instead of drawing one.
  await page.getByLabel('Point', { exact: true }).selectOption({ label: 'Random (baseline) at 90.0%' });
  await expect(page.getByTestId('threshold')).toHaveText('random pruning has no threshold: the removed weights were drawn from the seed, whatever their |w|');
});

test('a sweep cancelled midway is marked partial, never shown as finished', async ({ page }) => {
  await configureSweep(page, 400);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('sweep-row').first()).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Cancelled');
  await expect(page.getByTestId('sweep-partial')).toContainText(/Cancelled: \d+ of 35 points measured/);
  await expect(page.getByTestId('sweep-table').locator('caption')).toContainText('partial');
  await expect(page.getByTestId('cv-summary')).toHaveCount(0);
  await page.waitForTimeout(1500);
  // Nothing more arrives after the cancel.
  const count = await page.getByTestId('sweep-row').count();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('sweep-row')).toHaveCount(count);
  // The cancelled run is kept, marked partial.
  await expect(page.getByRole('region', { name: 'History' }).getByTestId('history-run')).toContainText('partial (cancelled)');
});
