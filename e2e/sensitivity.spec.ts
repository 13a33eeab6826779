import { expect, test } from '@playwright/test';
import { chooseKind, setNumber } from './helpers';

test('sensitivity analysis draws one line per layer, picks per-layer targets and runs them', async ({ page }) => {
  await page.goto('/');
  await setNumber(page, 'Epochs', 80);
  await setNumber(page, 'Folds', 3);
  await chooseKind(page, 'Sensitivity analysis');
  await page.getByLabel('Sensitivity sparsities (%)').fill('0, 25, 50, 75, 90, 95');
  await setNumber(page, 'Tolerance (accuracy points)', 1);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  const figure = page.getByRole('figure', { name: 'Sensitivity per layer' });
  await expect(figure.locator('ul.legend li')).toHaveText(['dense_1/kernel', 'output/kernel']);
  // One line per layer, each through the six sparsities (a marker on each).
  await expect(figure.locator('path.series-line')).toHaveCount(2);
  await expect(figure.locator('path.series-line').first()).toHaveAttribute('d', /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){5}$/);
  await expect(page.getByTestId('sensitivity-table').locator('tbody tr')).toHaveCount(6);
  const targets = (await page.getByTestId('layer-targets').locator('td').allTextContents()).map((t) => parseFloat(t));
  expect(targets).toHaveLength(2);
  for (const t of targets) expect([0, 25, 50, 75, 90, 95]).toContain(t);

  await page.getByRole('button', { name: 'Set per-layer targets and run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  const row = page.locator('[data-testid="sweep-row"][data-series="layer-targets"]');
  await expect(row).toHaveCount(1);
  // Achieved sparsity is the size-weighted mix of the targets: 30·32 kernel weights at t0, 32·2 at t1.
  const expected = (Math.round(((targets[0] ?? 0) / 100) * 960) + Math.round(((targets[1] ?? 0) / 100) * 64)) / 1024;
  await expect(row.locator('td').nth(1)).toHaveText(`${(100 * expected).toFixed(2)}%`);
  // The targets ran as a sweep: one run kind is chosen, never two.
  await expect(page.getByRole('radio', { name: 'Pruning sweep', exact: true })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Sensitivity analysis', exact: true })).not.toBeChecked();
});
