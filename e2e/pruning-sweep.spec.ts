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
  await expect(figure.locator('ul.legend li')).toHaveText(['Magnitude (global)', 'Random (baseline)', /^Dense \(unpruned\): 0\.\d{4}$/]);
  await expect(figure.locator('.sweep-band')).toHaveCount(2); // one ± std band per method
  await expect(figure.locator('.sweep-curve')).toHaveCount(2);
  // Hover reads every method at the nearest sparsity (mean ± std, as in the table) and the dense model.
  const chart = figure.getByRole('img', { name: /^Accuracy against sparsity: Magnitude \(global\), 3 points; Random \(baseline\), 3 points$/ });
  const box = (await chart.boundingBox()) as { x: number; y: number; width: number; height: number };
  await page.mouse.move(box.x + box.width - 20, box.y + box.height / 2);
  const tip = figure.locator('.svg-tooltip');
  await expect(tip).toContainText(/Sparsity 9\d\.\d%/);
  await expect(tip).toContainText(/Magnitude \(global\)\s*0\.\d{4} ± 0\.\d{4}/);
  await expect(tip).toContainText(/Dense \(unpruned\)\s*0\.\d{4} ± 0\.\d{4}/);
  await page.mouse.move(0, 0);
  await expect(tip).toHaveCount(0);
  // The keyboard steps through the sparsities; a screen reader hears each.
  await chart.focus();
  await page.keyboard.press('Home');
  await expect(figure.locator('[aria-live="polite"]')).toHaveText(/^Sparsity 50\.\d%: Magnitude \(global\) 0\.\d{4} ± 0\.\d{4}/);
  // The compression axis is logarithmic: the points' pixel gaps are in the ratio of the logs of the table's compression ratios.
  await figure.getByLabel('X axis').selectOption({ label: 'Compression ratio (log)' });
  await expect(figure.getByText('compression ratio (total / nonzero, log)')).toBeVisible();
  const ratios = (await page.locator('[data-testid="sweep-row"][data-series="magnitude-global"] td:nth-of-type(6)').allTextContents()).map(parseFloat).sort((a, b) => a - b);
  const d = await figure.locator('[data-series="magnitude-global"] .sweep-curve').getAttribute('d');
  const px = Array.from((d ?? '').matchAll(/[ML]([\d.]+),/g), (m) => Number(m[1]));
  const [r0, r1, r2] = ratios as [number, number, number];
  const [p0, p1, p2] = px as [number, number, number];
  expect(r2).toBeGreaterThan(r1);
  expect((p2 - p1) / (p1 - p0)).toBeCloseTo(Math.log(r2 / r1) / Math.log(r1 / r0), 1);
  await figure.getByLabel('X axis').selectOption({ label: 'Sparsity (%)' });
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
  // Per-layer sparsity: one bar per kernel; the |w| histogram: 40 bins holding all 30 × 32 weights of dense_1, the threshold marked.
  await expect(page.getByRole('figure', { name: 'Kernel sparsity per layer' }).locator('rect.bar')).toHaveCount(2);
  const histogram = page.getByRole('figure', { name: 'Magnitude histogram' });
  await expect(histogram.locator('rect.bar')).toHaveCount(40);
  await expect(histogram.locator('.marker-line')).toContainText('threshold');
  const hbox = (await histogram.locator('svg').first().boundingBox()) as { x: number; y: number; width: number; height: number };
  let total = 0;
  await histogram.locator('svg').first().focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 40; i++) {
    const said = (await histogram.locator('[aria-live="polite"]').textContent()) ?? '';
    total += Number(/weights (\d+)$/.exec(said)?.[1] ?? NaN);
    await page.keyboard.press('ArrowRight');
  }
  expect(total).toBe(960);
  await page.mouse.move(hbox.x + hbox.width / 2, hbox.y + hbox.height / 2);
  await expect(histogram.locator('.svg-tooltip')).toContainText(/\|w\| \d\.\d{3} to \d\.\d{3}\s*weights\s*\d+/);
  // Random pruning has no threshold, and the inspector says so instead of drawing one.
  await page.getByLabel('Point', { exact: true }).selectOption({ label: 'Random (baseline) at 90.0%' });
  await expect(page.getByTestId('threshold')).toHaveText('random pruning has no threshold: the removed weights were drawn from the seed, whatever their |w|');
  await expect(histogram.locator('.marker-line')).toHaveCount(0);
});

test('a sweep cancelled midway is marked partial, never shown as finished', async ({ page }) => {
  await configureSweep(page, 400);
  // Long fine-tuning, so the run is still going when the first row shows and Cancel is clicked (tens of seconds left).
  await setNumber(page, 'Fine-tune epochs', 1500);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('sweep-row').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toContainText('Running');
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
