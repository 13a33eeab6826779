import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../cv/plan';
import { loadExperimentData } from '../data/resolve';
import type { FoldResult } from '../kinds/cv';
import type { SweepResult } from '../kinds/sweep';
import type { RunEvent } from '../run/runExperiment';
import { defaultSpecFor, withTask } from '../spec/edit';
import { kernelSparsity, predictProba, type NetSnapshot } from '../teach/snapshot';
import { nodeSources, useBackend } from '../testing/node';
import { runInThread } from '../testing/run';

beforeAll(async () => {
  await useBackend('cpu');
});

const snapshotsOf = (events: RunEvent[]): { job: number; s: NetSnapshot }[] =>
  events.flatMap((e) => (e.type === 'job' && e.event.type === 'snapshot' ? [{ job: e.job, s: e.event.snapshot }] : []));

describe('network snapshots for the teaching views', () => {
  it('cv: live training snapshots and the trained model, from fold 1 only; the plain-JS forward pass scores as the engine does', async () => {
    const spec = defaultSpecFor('spirals');
    spec.training.epochs = 30;
    spec.cv.folds = 3;
    const ds = await loadExperimentData(spec, nodeSources);
    const before = tf.memory().numTensors;
    const events: RunEvent[] = [];
    const { result, outputs } = await runInThread(spec, ds, { onEvent: (e) => events.push(e), teach: true });
    expect(tf.memory().numTensors).toBe(before);
    const snaps = snapshotsOf(events);
    expect(new Set(snaps.map((x) => x.job))).toEqual(new Set([0]));
    const live = snaps.filter((x) => x.s.stage === 'training');
    expect(live.length).toBeGreaterThanOrEqual(1);
    expect(live.at(-1)?.s.epoch).toBe(30); // the last epoch is always sent
    const trained = snaps.find((x) => x.s.tag === 'trained')?.s;
    if (!trained) throw new Error('no trained snapshot');
    expect(trained.layers.map((l) => l.shape)).toEqual([
      [2, 32],
      [32, 32],
      [32, 2],
    ]);
    expect(trained.layers.map((l) => l.activation)).toEqual(['relu', 'relu', 'linear']);
    expect(trained.scaler?.mean).toHaveLength(2);
    // Score fold 1's held-out rows from the raw data with the snapshot alone.
    const test = makeSplits(spec, ds)[0]?.test;
    if (!test) throw new Error('no split');
    const x = Float64Array.from(Array.from(test).flatMap((r) => [ds.x[2 * r] ?? 0, ds.x[2 * r + 1] ?? 0]));
    const p = predictProba(trained, x, test.length);
    let correct = 0;
    test.forEach((r, i) => {
      const guess = (p[2 * i + 1] ?? 0) > (p[2 * i] ?? 0) ? 1 : 0;
      if (guess === ds.y[r]) correct++;
    });
    expect(correct / test.length).toBeCloseTo((outputs[0] as FoldResult).accuracy, 10);
    // Asking for snapshots changes no number.
    const plain = await runInThread(spec, ds);
    const numbers = (r: typeof result) => JSON.stringify(r, (k, v: unknown) => (k === 'ms' ? undefined : v));
    expect(numbers(plain.result)).toBe(numbers(result));
  }, 60_000);

  it('sweep: each pruned point arrives as a moment whose zero weights are the point’s achieved sparsity', async () => {
    const spec = withTask(defaultSpecFor('xor'), 'sweep');
    spec.training.epochs = 10;
    spec.cv.folds = 2;
    if (spec.task.kind !== 'sweep') throw new Error('unreachable');
    spec.task = { ...spec.task, methods: ['magnitude-global', 'random'], sparsities: [0.5, 0.9], finetuneEpochs: 2 };
    const ds = await loadExperimentData(spec, nodeSources);
    const events: RunEvent[] = [];
    const { result } = await runInThread(spec, ds, { onEvent: (e) => events.push(e), teach: true });
    const moments = snapshotsOf(events).filter((x) => x.s.stage === 'moment');
    expect(moments.map((m) => m.s.tag)).toEqual(['dense', 'point:magnitude-global@0.5', 'point:magnitude-global@0.9', 'point:random@0.5', 'point:random@0.9']);
    const points = (result as SweepResult).points.filter((p) => p.fold === 0 && p.series !== 'dense');
    for (const m of moments.slice(1)) {
      const point = points.find((p) => `point:${p.series}@${p.targetSparsity}` === m.s.tag);
      // The output layer is in scope and biases are not: kernel zeros are exactly the pruned weights.
      expect(kernelSparsity(m.s)).toBeCloseTo(point?.achievedSparsity ?? -1, 10);
    }
    expect(snapshotsOf(events).some((x) => x.s.stage === 'retraining')).toBe(true);
  }, 60_000);
});
