import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { runToEnd, setNumber } from './helpers';

// Issue 12: a 100 MB, 100,000-row CSV loads — hashed and parsed in a worker into columns of numbers
// (not a table of strings 9× the file), its features shared with the engine workers — and trains.
test('a 100 MB, 100,000-row CSV loads in a worker, the page stays responsive, and it trains', async ({ page }, info) => {
  test.setTimeout(240_000);
  const rows = 100_000;
  const features = 256;
  const path = info.outputPath('large.csv');
  const lines: string[] = [[...Array.from({ length: features }, (_, i) => `p${i}`), 'label'].join(',')];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < features; c++) cells.push(String((r * 131 + c * 71 + ((r * c) % 97)) % 1000));
    // The class follows the first pixel, so the network has something to learn.
    lines.push(`${cells.join(',')},${(r * 131) % 1000 < 500 ? 'low' : 'high'}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  const size = Buffer.byteLength(lines.join('\n')) + 1;
  expect(size).toBeGreaterThan(100e6);

  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/');
  await expect(page.getByTestId('preview-rows')).toHaveText('569');
  const before = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);
  await page.getByLabel('Upload CSV').setInputFiles(path);
  await expect(page.getByTestId('data-loading')).toContainText(`Reading "large.csv" (${(size / 1e6).toFixed(1)} MB)`);
  await expect(page.getByTestId('preview-rows')).toHaveText('100000', { timeout: 120_000 });
  await expect(page.getByTestId('preview-features')).toHaveText(String(features));
  await expect(page.getByTestId('preview-classes')).toHaveText('high: 50000, low: 50000');
  await expect(page.getByTestId('data-loading')).toHaveCount(0);
  const during = (await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)).slice(before);
  const report = `${(size / 1e6).toFixed(1)} MB loaded; main thread meanwhile: ${during.length} long tasks, longest ${Math.round(Math.max(0, ...during))} ms`;
  info.annotations.push({ type: 'main thread while loading', description: report });
  console.log(report);
  // Parsing happens in the worker: the main thread never blocks for a parse (a main-thread parse of 100 MB takes seconds).
  expect(Math.max(0, ...during)).toBeLessThan(1000);

  await setNumber(page, 'Folds', 2);
  await setNumber(page, 'Epochs', 1);
  const { folds, mean } = await runToEnd(page);
  expect(folds).toHaveLength(2);
  expect(mean).toBeGreaterThan(0.6);
  await expect(page.getByTestId('worker-tensors')).toHaveText('Tensors left in the workers after the run: 0');
});
