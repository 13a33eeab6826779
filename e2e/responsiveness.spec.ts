import { expect, test } from '@playwright/test';
import { runToEnd } from './helpers';

test('the main thread stays responsive during a run (no long task over 200 ms after start-up)', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto('/');
  await expect(page.getByTestId('preview-rows')).toHaveText('569');
  const startedAt = await page.evaluate(() => performance.now());
  const { folds } = await runToEnd(page); // breast cancer, 5 folds × 300 epochs, curves redrawn live
  expect(folds).toHaveLength(5);
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
  const observerWorks = await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('longtask'));
  expect(observerWorks).toBe(true);
  const late = tasks.filter((t) => t.start >= startedAt && t.duration > 200);
  expect(late, JSON.stringify(late)).toEqual([]);
});
