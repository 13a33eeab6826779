import { expect, test } from '@playwright/test';
import { choose, runToEnd, setNumber } from './helpers';

test('a worker that crashes mid-run is replaced and its fold runs again: the same numbers as an undisturbed run, and the app stays usable', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Breast cancer (Wisconsin diagnostic)');
  await choose(page, 'Backend', 'WASM');
  // A job runs without yielding to its worker's event loop, so an injected crash lands at a job
  // boundary: 10 folds leave every worker jobs to run after it, where the crash is seen. 1,500
  // epochs make the run last seconds even on a fast machine (300 took ~0.5 s here, over before the poll saw 10 %).
  await setNumber(page, 'Folds', 10);
  await setNumber(page, 'Epochs', 1500);
  const undisturbed = await runToEnd(page);
  expect(undisturbed.folds).toHaveLength(10);

  // The same run again; once it is a tenth done, every engine worker throws an uncaught error (as a crash or an out-of-memory would).
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(async () => Number(/Running… (\d+)%/.exec((await page.getByTestId('run-status').textContent()) ?? '')?.[1] ?? 0), { timeout: 60_000, intervals: [25] }).toBeGreaterThanOrEqual(10);
  const engines = page.workers().filter((w) => w.url().includes('engine.worker'));
  expect(engines.length, 'engine workers are running').toBeGreaterThan(0);
  await Promise.all(
    engines.map((w) =>
      w.evaluate(() => {
        // A microtask, not a timer: the worker's next job message could otherwise always run before a 0 ms timer.
        queueMicrotask(() => {
          throw new Error('injected crash');
        });
      }),
    ),
  );
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  await expect(page.getByTestId('run-notice')).toContainText('crashed');
  await expect(page.getByTestId('run-notice')).toContainText('started again on a fresh worker, with the same seed');
  const folds = (await page.getByTestId('fold-accuracy').allTextContents()).map(Number);
  expect(folds).toEqual(undisturbed.folds);
  // Still usable: another run goes through, and no tensor is left in the workers.
  await setNumber(page, 'Epochs', 10);
  const after = await runToEnd(page);
  expect(after.folds).toHaveLength(10);
  await expect(page.getByTestId('worker-tensors')).toHaveText('Tensors left in the workers after the run: 0');
});
