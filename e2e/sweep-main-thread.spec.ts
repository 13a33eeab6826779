import { expect, test } from '@playwright/test';
import { chooseKind } from './helpers';

// Issue 12: the main thread during the default sweep. While points stream in, the SVG chart and
// the table redraw at most once a second and the network diagram every 3 s; the point inspector
// (recharts) mounts after the end, in a task of its own. The long tasks (during the run and at its
// end) and the latency from a click to the next frame (a click every ~100 ms) are measured and reported.
test('during the default sweep the chart redraws at most once a second; long tasks are counted, none of 200 ms', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __chartCommits: number[]; __finishedAt?: number; __clicks: { at: number; ms: number; run: boolean }[] };
    w.__longTasks = [];
    w.__chartCommits = [];
    w.__clicks = [];
    // Click to next frame: from the input event's time stamp (queueing included) to the first task after the next frame.
    addEventListener(
      'pointerdown',
      (e) => {
        const at = e.timeStamp;
        const run = (e.target as Element | null)?.closest('button')?.textContent === 'Run';
        requestAnimationFrame(() => setTimeout(() => w.__clicks.push({ at, ms: performance.now() - at, run }), 0));
      },
      { capture: true },
    );
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // Each time the sweep chart's drawn curves change (new data drawn), with when.
    let last = '';
    new MutationObserver(() => {
      const curves = Array.from(document.querySelectorAll('figure[aria-label$="against sparsity"] .sweep-curve'), (p) => p.getAttribute('d')).join('|');
      if (curves && curves !== last) {
        last = curves;
        w.__chartCommits.push(performance.now());
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
    // When the status first reads Finished (the run's end, before the full chart mounts).
    new MutationObserver(() => {
      const s = document.querySelector('[data-testid="run-status"]')?.textContent;
      if (s === 'Finished.' && w.__finishedAt === undefined) w.__finishedAt = performance.now();
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/');
  await chooseKind(page, 'Pruning sweep');
  const startedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // A user clicking while the sweep runs: every ~100 ms, on the page's title (inert).
  const title = await page.getByRole('heading', { level: 1 }).boundingBox();
  if (!title) throw new Error('no page title to click');
  while ((await page.getByTestId('run-status').textContent())?.startsWith('Running')) {
    await page.mouse.click(title.x + 4, title.y + title.height / 2);
    await page.waitForTimeout(100);
  }
  await expect(page.getByRole('figure', { name: 'Accuracy against sparsity' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  const finishedAt = await page.evaluate(() => (window as unknown as { __finishedAt?: number }).__finishedAt ?? performance.now());
  // The inspector mounts a frame after the end: wait for it.
  await expect(page.getByRole('heading', { name: 'Inspect a point' })).toBeVisible();
  const { commits, tasks, endedAt, clicks } = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __chartCommits: number[]; __clicks: { at: number; ms: number; run: boolean }[] };
    return { commits: w.__chartCommits, tasks: w.__longTasks, endedAt: performance.now(), clicks: w.__clicks.slice() };
  });
  const seconds = (endedAt - startedAt) / 1000;
  // New drawings closer than 0.6 s apart (the throttle waits 1 s between updates; a long draw can delay one); the run's end redraws at once.
  const close = commits.slice(1).filter((t, i) => t - (commits[i] as number) < 600).length;
  // A sweep longer than the throttle's second is drawn while it runs as well as at its end (a faster machine finishes the default sweep in ~1 s, drawn once).
  expect(commits.length, `chart drawn at ${commits.map((t) => Math.round(t - startedAt)).join(', ')} ms`).toBeGreaterThanOrEqual(finishedAt - startedAt > 1500 ? 2 : 1);
  // Drawn at its container's width (measured after layout, not left at the fallback width).
  const chart = page.locator('svg.sweep-chart');
  const boxWidth = await chart.evaluate((svg) => Math.round((svg.parentElement as HTMLElement).getBoundingClientRect().width));
  expect(Number(await chart.getAttribute('width'))).toBe(boxWidth);
  expect(close, `chart redraws at ${commits.map((t) => Math.round(t - startedAt)).join(', ')} ms`).toBeLessThanOrEqual(1);
  const long = tasks.filter((t) => t.start >= startedAt && t.duration > 50);
  // The clicks while it runs (not the kind's radio before it); the Run click itself (which starts the jobs and draws the running state) is reported apart.
  const runClick = clicks.find((c) => c.run);
  const during = clicks.filter((c) => !c.run && c.at >= startedAt);
  const latencies = during.map((c) => c.ms).sort((a, b) => a - b);
  const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
  const p50 = latencies[Math.floor(latencies.length / 2)] ?? 0;
  // The page answers a click within a frame or three for most of the run (the slow ones come at its start, while the jobs are set up and the first views mount).
  expect(latencies.length).toBeGreaterThanOrEqual(5);
  const clickLog = during.map((c) => `${Math.round(c.ms)} at +${Math.round(c.at - startedAt)}`).join(', ');
  expect(p50, `click to next frame: ${clickLog} ms`).toBeLessThan(50);
  const when = (ts: typeof long) => ts.map((t) => `${Math.round(t.duration)} ms at +${Math.round(t.start - startedAt)}`).join(', ') || 'none';
  // Those that began before the status said Finished were during the run; the rest are the end's staged mounts.
  const inRun = long.filter((t) => t.start < finishedAt);
  const after = long.filter((t) => t.start >= finishedAt);
  const report = `${seconds.toFixed(1)} s sweep: ${inRun.length} long tasks over 50 ms during the run (${when(inRun)}), ${after.length} at its end (${when(after)}); the Run click to its next frame ${Math.round(runClick?.ms ?? Number.NaN)} ms; clicks during the run to the next frame p95 ${Math.round(p95)} ms over ${latencies.length} clicks (max ${Math.round(latencies.at(-1) ?? 0)}; ${clickLog}); ${commits.length} chart redraws`;
  test.info().annotations.push({ type: 'main thread', description: report });
  console.log(report);
  // A guard, not the goal (0 over 50 ms, reported above): no task of the run itself reaches 200 ms (before
  // the live views were throttled and drawn in SVG, recharts' redraws made tasks of up to 875 ms).
  expect(inRun.filter((t) => t.duration >= 200), when(inRun)).toEqual([]);
});
