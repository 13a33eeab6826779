import { expect, test } from '@playwright/test';
import { choose, setNumber } from './helpers';

// The long version (50 runs, 20 cancels) runs in Node: src/core/run/reliability.test.ts.
test('many runs in one page: worker tensors stay 0 and the page heap stays bounded; cancels at different moments are each followed by a correct run', async ({ page }) => {
  test.setTimeout(240_000);
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
  for (let i = 0; i < 6; i++) expect(await runOnce()).toBe(reference);
  // Each run is also saved to History (IndexedDB); the page's own heap must not keep them all.
  expect((await heap()) - start).toBeLessThan(8 * 1024 * 1024);
  // Cancels at different moments (right away, then a little later each time), each followed by a correct run.
  for (let i = 0; i < 3; i++) {
    await runButton.click();
    await page.waitForTimeout(i * 80);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click({ timeout: 5_000 }).catch(() => undefined);
    await expect(page.getByTestId('run-status')).toHaveText(/^(Cancelled\.|Finished\.)/, { timeout: 30_000 });
    expect(await runOnce()).toBe(reference);
  }
});
