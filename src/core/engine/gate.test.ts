import { beforeAll, describe, expect, it } from 'vitest';
import { loadExperimentData } from '../data/resolve';
import type { RunEvent } from '../run/runExperiment';
import { defaultSpecFor } from '../spec/edit';
import { nodeSources, useBackend } from '../testing/node';
import { runInThread } from '../testing/run';

beforeAll(async () => {
  await useBackend('cpu');
});

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('a stepped run (presentation mode: play, pause, step one epoch)', () => {
  it('waits before every epoch, moves one epoch per step, and ends with the numbers of an unstepped run', async () => {
    const spec = defaultSpecFor('xor');
    spec.training.epochs = 4;
    spec.cv.folds = 2;
    const ds = await loadExperimentData(spec, nodeSources);
    const waiting: (() => void)[] = [];
    let gates = 0;
    const gate = () => {
      gates++;
      return new Promise<void>((r) => waiting.push(r));
    };
    const epochs = () => events.filter((e) => e.type === 'job' && e.event.type === 'epoch').length;
    const events: RunEvent[] = [];
    const run = runInThread(spec, ds, { onEvent: (e) => events.push(e), gate });
    await tick();
    expect(epochs()).toBe(0); // paused before the first epoch
    for (let step = 1; step <= 3; step++) {
      waiting.splice(0).forEach((go) => go());
      await tick();
      await tick();
      expect(epochs()).toBe(step);
    }
    // Play: let every wait through.
    const play = setInterval(() => waiting.splice(0).forEach((go) => go()), 1);
    const stepped = await run;
    clearInterval(play);
    expect(gates).toBe(2 * 4); // the in-thread executor runs the two folds in turn: one wait per epoch
    const plain = await runInThread(spec, ds);
    const numbers = (r: typeof plain.result) => JSON.stringify(r, (k, v: unknown) => (k === 'ms' ? undefined : v));
    expect(numbers(stepped.result)).toBe(numbers(plain.result));
  }, 60_000);
});
