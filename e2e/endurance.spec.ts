import { expect, test, type Page } from '@playwright/test';
import { choose, setNumber } from './helpers';

/** Counts the runs that ended (the status turning to Finished. or Cancelled.), so no step reads a previous run's state. */
async function countEnds(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __ends: { finished: number; cancelled: number; lastFinishedAt: number } };
    w.__ends = { finished: 0, cancelled: 0, lastFinishedAt: 0 };
    let last = '';
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="run-status"]')?.textContent ?? '';
      if (text === last) return;
      last = text;
      if (text === 'Finished.') {
        w.__ends.finished++;
        w.__ends.lastFinishedAt = performance.now();
      }
      if (text.startsWith('Cancelled')) w.__ends.cancelled++;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}
const ends = (page: Page) => page.evaluate(() => (window as unknown as { __ends: { finished: number; cancelled: number; lastFinishedAt: number } }).__ends);

// Issue 13: 50 runs back to back and 20 cancels at random moments, in one page (Node does the same
// in src/core/run/reliability.test.ts).
test('50 runs in one page: worker tensors stay 0 and the page heap stays bounded; 20 cancels at random moments are each followed by a correct run', async ({ page }) => {
  test.setTimeout(300_000);
  await countEnds(page);
  await page.goto('/');
  await choose(page, 'Dataset', 'Iris');
  await setNumber(page, 'Folds', 2);
  await setNumber(page, 'Epochs', 2);
  await setNumber(page, 'Batch size', 32);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const runButton = page.getByRole('button', { name: 'Run', exact: true });
  const runOnce = async () => {
    const before = (await ends(page)).finished;
    await runButton.click();
    await expect.poll(async () => (await ends(page)).finished, { timeout: 60_000 }).toBe(before + 1);
    await expect(page.getByTestId('worker-tensors')).toHaveText('Tensors left in the workers after the run: 0');
    return (await page.getByTestId('fold-accuracy').allTextContents()).join(' ');
  };
  const reference = await runOnce();
  const start = await heap();
  for (let i = 1; i < 50; i++) expect(await runOnce()).toBe(reference);
  expect((await ends(page)).finished).toBe(50);
  // Each run is also saved to History (IndexedDB); the page's own heap must not keep them all.
  const grown = (await heap()) - start;
  test.info().annotations.push({ type: 'page heap after 50 runs', description: `${(grown / 1024 / 1024).toFixed(2)} MB more than after the first` });
  expect(grown).toBeLessThan(8 * 1024 * 1024);

  // Cancels at seeded random moments of a longer run (before the workers start, mid-fold, near the end), each followed by a correct run.
  // Long enough that most cancels land while it runs: at 300 epochs it took 193 ms and only 5 of 20
  // did; at 1,500, 306–507 ms and 9–16 of 20 (the click and the key each take tens of ms to arrive).
  await setNumber(page, 'Epochs', 3000);
  const longReference = await runOnce();
  // The run's own length, click to Finished, timed in the page (the test's polling would add up to a second).
  const t0 = await page.evaluate(() => performance.now());
  await runOnce();
  const runMs = Math.round((await ends(page)).lastFinishedAt - t0);
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let cancelled = 0;
  for (let i = 0; i < 20; i++) {
    const before = await ends(page);
    await runButton.click();
    await page.waitForTimeout(Math.floor(random() * runMs * 0.5));
    await page.keyboard.press('Escape'); // Cancel's shortcut: no waiting for the button, which may already be disabled
    await expect.poll(async () => { const e = await ends(page); return e.finished + e.cancelled; }, { timeout: 30_000 }).toBe(before.finished + before.cancelled + 1);
    if ((await ends(page)).cancelled > before.cancelled) cancelled++;
    expect(await runOnce()).toBe(longReference);
  }
  test.info().annotations.push({ type: 'cancels', description: `${cancelled} of 20 landed before the run finished (runs of ${runMs} ms)` });
  console.log(`${cancelled} of 20 cancels landed mid-run (a run takes ${runMs} ms); page heap grew ${(grown / 1024 / 1024).toFixed(2)} MB over 50 runs`);
  expect(cancelled).toBeGreaterThanOrEqual(10);
});
