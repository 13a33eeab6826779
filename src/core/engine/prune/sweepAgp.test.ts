import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../cv/plan';
import { defaultPruning, defaultSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { runSweepFold } from './sweep';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('AGP sweep with a single fine-tuning step', () => {
  // Iris: 120 training rows < batch 200 → 1 step per epoch; finetuneEpochs 1 → the schedule is one
  // step long (begin = end = 0). That step must prune straight to the target.
  it('still reaches the target sparsity', async () => {
    const spec = defaultSpec();
    spec.dataset = { kind: 'builtin', name: 'iris' };
    spec.model.hidden = [{ units: 8, activation: 'relu', dropout: 0 }];
    spec.training.epochs = 3;
    spec.pruning = { ...defaultPruning(), schedule: 'agp', methods: ['magnitude-layer'], sparsities: [0.8], finetuneEpochs: 1 };
    const ds = loadBuiltinSync('iris', 'iris.csv');
    const split = makeSplits(spec, ds)[0];
    if (!split) throw new Error('no split');
    const before = tf.memory().numTensors;
    const points = await runSweepFold(spec, ds, split, 0);
    expect(tf.memory().numTensors).toBe(before);
    const p = points.find((q) => q.series === 'magnitude-layer');
    // Kernels 4×8 and 8×3: round(0.8·32) + round(0.8·24) = 26 + 19 zeros of 56.
    expect(p?.achievedSparsity).toBeCloseTo(45 / 56, 12);
    expect(p?.account.layers.map((l) => l.kernelSparsity)).toEqual([26 / 32, 19 / 24]);
  });
});
