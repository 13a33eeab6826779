import { describe, expect, it } from 'vitest';
import { runExperiment } from '../core/run/runExperiment';
import { withTask } from '../core/spec/edit';
import { defaultSpec } from '../core/spec/schema';
import { loadBuiltinSync } from '../core/testing/node';
import { createNodeExecutor } from './nodePool';

describe('the Node pool', () => {
  it('its main-thread host lets the event loop run between epochs (worker threads join the run): no gap near a job’s length', async () => {
    const data = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');
    // 4 folds of ~0.3–1 s each here; the main thread takes the first at once.
    const spec = withTask({ ...defaultSpec(), cv: { ...defaultSpec().cv, folds: 4 }, training: { ...defaultSpec().training, epochs: 150 }, backend: 'wasm' }, 'cv');
    const executor = createNodeExecutor(2);
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 2);
    const started = performance.now();
    try {
      await runExperiment(spec, data, { executor });
    } finally {
      clearInterval(timer);
      executor.dispose();
    }
    const total = performance.now() - started;
    // Yielding every ~20 ms leaves gaps of about that plus one epoch (longer only when the machine is busy);
    // without it the thread is not heard from until every job is done, on this thread: one gap as long as the run.
    expect(longest).toBeLessThan(total / 3);
  });
});
