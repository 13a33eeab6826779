import { type MlpModelSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSpec } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { runJob } from '../../testing/run';
import { withTask } from '../../testing/specs';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('AGP sweep with a single fine-tuning step', () => {
  // Iris: 120 training rows < batch 200 → 1 step per epoch; finetuneEpochs 1 → the schedule is one
  // step long (begin = end = 0). That step must prune straight to the target.
  it('still reaches the target sparsity', async () => {
    const base = defaultSpec();
    base.dataset = { kind: 'builtin', name: 'iris' };
    (base.model as MlpModelSpec).hidden = [{ units: 8, activation: 'relu', dropout: 0 }];
    base.training.epochs = 3;
    const spec = withTask(base, 'sweep', { schedule: 'agp', methods: ['magnitude-layer'], sparsities: [0.8], finetuneEpochs: 1 });
    const ds = loadBuiltinSync('iris', 'iris.csv');
    const before = tf.memory().numTensors;
    const { output, events } = await runJob(spec, ds, 0);
    const points = output.points;
    expect(tf.memory().numTensors).toBe(before);
    expect(output.fold).toBe(0);
    // 3 training epochs (on the curve), 1 re-training epoch (counted, no curve point); dense + one pruned point.
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e.type === 'epoch' ? [e.phase, e.metrics?.epoch ?? null] : []))).toEqual([
      ['train', 1],
      ['train', 2],
      ['train', 3],
      ['retrain', null],
    ]);
    expect(events.filter((e) => e.type === 'point').map((e) => (e.type === 'point' ? e.point : null))).toEqual(points);
    expect(points.map((q) => q.series)).toEqual(['dense', 'magnitude-layer']);
    const p = points.find((q) => q.series === 'magnitude-layer');
    // Kernels 4×8 and 8×3: round(0.8·32) + round(0.8·24) = 26 + 19 zeros of 56.
    expect(p?.achievedSparsity).toBeCloseTo(45 / 56, 12);
    expect(p?.account.layers.map((l) => l.kernelSparsity)).toEqual([26 / 32, 19 / 24]);
  });
});
