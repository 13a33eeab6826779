import { expect, test } from '@playwright/test';
import { chooseKind } from './helpers';

// Issue 12: the main thread during the default sweep. The sweep's chart, table and point inspector
// are redrawn at most once a second while points stream in (recharts takes tens of ms a draw);
// the long-task count and the click-to-next-frame latency are measured and reported.
test('during the default sweep the chart redraws at most once a second; long tasks are counted', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __chartCommits: number[] };
    w.__longTasks = [];
    w.__chartCommits = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // Each time the sweep chart's drawn curves change (new data drawn), with when.
    let last = '';
    new MutationObserver(() => {
      const curves = Array.from(document.querySelectorAll('figure[aria-label$="against sparsity"] :is(.live-curve, .recharts-line-curve)'), (p) => p.getAttribute('d')).join('|');
      if (curves && curves !== last) {
        last = curves;
        w.__chartCommits.push(performance.now());
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
  });
  await page.goto('/');
  await chooseKind(page, 'Pruning sweep');
  const startedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('figure', { name: 'Accuracy against sparsity' })).toBeVisible({ timeout: 60_000 });
  const latencies: number[] = [];
  while ((await page.getByTestId('run-status').textContent())?.startsWith('Running')) {
    latencies.push(await page.evaluate(() => new Promise<number>((done) => { const t = performance.now(); requestAnimationFrame(() => setTimeout(() => done(performance.now() - t), 0)); })));
    await page.waitForTimeout(250);
  }
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  const { commits, tasks, endedAt } = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __chartCommits: number[] };
    return { commits: w.__chartCommits, tasks: w.__longTasks, endedAt: performance.now() };
  });
  const seconds = (endedAt - startedAt) / 1000;
  // New drawings closer than 0.6 s apart (the throttle waits 1 s between updates; a long draw can delay one); the run's end redraws at once.
  const close = commits.slice(1).filter((t, i) => t - (commits[i] as number) < 600).length;
  expect(commits.length).toBeGreaterThan(1);
  expect(close, `chart redraws at ${commits.map((t) => Math.round(t - startedAt)).join(', ')} ms`).toBeLessThanOrEqual(1);
  const long = tasks.filter((t) => t.start >= startedAt && t.duration > 50);
  latencies.sort((a, b) => a - b);
  const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
  const report = `${seconds.toFixed(1)} s sweep: ${long.length} long tasks over 50 ms (longest ${Math.round(Math.max(0, ...long.map((t) => t.duration)))} ms); frame latency p95 ${Math.round(p95)} ms over ${latencies.length} probes; ${commits.length} chart redraws`;
  test.info().annotations.push({ type: 'main thread', description: report });
  console.log(report);
});
