import { type MlpModelSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SweepTask } from '../../kinds/sweep';
import { defaultSpec } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { jobContext, runJob } from '../../testing/run';
import { withTask } from '../../testing/specs';

beforeAll(async () => {
  await useBackend('cpu');
});

const ds = loadBuiltinSync('iris', 'iris.csv');

async function sweep(pruning: Partial<Omit<SweepTask, 'kind'>>) {
  const base = defaultSpec();
  base.dataset = { kind: 'builtin', name: 'iris' };
  (base.model as MlpModelSpec).hidden = [{ units: 8, activation: 'relu', dropout: 0 }];
  base.training.epochs = 5;
  const spec = withTask(base, 'sweep', { methods: ['magnitude-layer'], ...pruning });
  const before = tf.memory().numTensors;
  const { output, events } = await runJob(spec, ds, 0);
  expect(tf.memory().numTensors).toBe(before);
  // The job reports exactly the epochs its plan counts (dense training and every re-training); only the dense ones are on the curve.
  expect(events.filter((e) => e.type === 'epoch')).toHaveLength(jobContext(spec, ds, 0).job.epochs);
  expect(output.history).toHaveLength(5);
  return output.points;
}

describe('iterative magnitude pruning with rewinding (Frankle & Carbin)', () => {
  it('three rounds of 50% of the remaining weights reach 87.5%, exactly per layer', async () => {
    const points = await sweep({ schedule: 'imp', impRounds: 3, sparsities: [0.875], finetuneEpochs: 2, rewindEpoch: 0, randomReinit: true });
    const imp = points.find((p) => p.series === 'magnitude-layer');
    const control = points.find((p) => p.series === 'magnitude-layer (random re-init)');
    // Kernels 4×8 and 8×3: 32 → 16 → 8 → 4 and 24 → 12 → 6 → 3 survivors.
    expect(imp?.account.layers.map((l) => l.kernelSparsity)).toEqual([28 / 32, 21 / 24]);
    expect(imp?.achievedSparsity).toBe(0.875);
    // The random re-initialisation control trains the very same mask.
    expect(control?.masks).toEqual(imp?.masks);
    expect(control?.account.layers.map((l) => l.kernelSparsity)).toEqual([28 / 32, 21 / 24]);
  });

  it("linear rounds ('total' amounts) reach the same final sparsity", async () => {
    const points = await sweep({ schedule: 'imp', impRounds: 4, sparsities: [0.75], finetuneEpochs: 1, semantics: { ties: 'exact-k', amountOf: 'total' } });
    expect(points.find((p) => p.series === 'magnitude-layer')?.account.layers.map((l) => l.kernelSparsity)).toEqual([24 / 32, 18 / 24]);
  });
});

describe('gradual pruning (AGP) over several epochs', () => {
  it('ends at the target and keeps it through the recovery epochs', async () => {
    const points = await sweep({ schedule: 'agp', sparsities: [0.5, 0.9], finetuneEpochs: 8 });
    const at = (s: number) => points.find((p) => p.series === 'magnitude-layer' && p.targetSparsity === s);
    expect(at(0.5)?.account.layers.map((l) => l.kernelSparsity)).toEqual([16 / 32, 12 / 24]);
    expect(at(0.9)?.account.layers.map((l) => l.kernelSparsity)).toEqual([29 / 32, 22 / 24]);
  });
});
