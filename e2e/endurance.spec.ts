import { expect, test } from '@playwright/test';
import { choose, setNumber } from './helpers';

// Issue 13: 50 runs back to back and 20 cancels at random moments, in one page (Node does the same
// in src/core/run/reliability.test.ts).
test('50 runs in one page: worker tensors stay 0 and the page heap stays bounded; 20 cancels at random moments are each followed by a correct run', async ({ page }) => {
  test.setTimeout(400_000);
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
    await runButton.click();
    await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 60_000 });
    await expect(page.getByTestId('worker-tensors')).toHaveText('Tensors left in the workers after the run: 0');
    return (await page.getByTestId('fold-accuracy').allTextContents()).join(' ');
  };
  const reference = await runOnce();
  const start = await heap();
  for (let i = 1; i < 50; i++) expect(await runOnce()).toBe(reference);
  // Each run is also saved to History (IndexedDB); the page's own heap must not keep them all.
  const grown = (await heap()) - start;
  test.info().annotations.push({ type: 'page heap after 50 runs', description: `${(grown / 1024 / 1024).toFixed(2)} MB more than after the first` });
  expect(grown).toBeLessThan(8 * 1024 * 1024);
  // Cancels at seeded random moments (0–400 ms after Run: before the workers start, mid-fold, near the end), each followed by a correct run.
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 20; i++) {
    await runButton.click();
    await page.waitForTimeout(Math.floor(random() * 400));
    await page.getByRole('button', { name: 'Cancel', exact: true }).click({ timeout: 5_000 }).catch(() => undefined);
    await expect(page.getByTestId('run-status')).toHaveText(/^(Cancelled\.|Finished\.)/, { timeout: 30_000 });
    expect(await runOnce()).toBe(reference);
  }
});
