import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../cv/plan';
import { mean } from '../metrics';
import { defaultPruning, defaultSpec, type ExperimentSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { runSweepFold, type SweepPoint } from './sweep';

const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');

/** The reference setting of ../shared/reference/pruning-curve-breast-cancer.md: MLP 64-32, 200 epochs, fine-tune 50. */
function referenceSpec(): ExperimentSpec {
  const spec = defaultSpec();
  spec.model.hidden = [
    { units: 64, activation: 'relu', dropout: 0 },
    { units: 32, activation: 'relu', dropout: 0 },
  ];
  spec.training.epochs = 200;
  spec.pruning = { ...defaultPruning(), methods: ['magnitude-global', 'random'], sparsities: [0.9, 0.95], finetuneEpochs: 50 };
  return spec;
}

describe('pruning sweep on breast cancer (MLP 64-32, 5-fold)', () => {
  const points: SweepPoint[] = [];
  let before = 0;
  let after = 0;
  beforeAll(async () => {
    await useBackend('wasm');
    const spec = referenceSpec();
    before = tf.memory().numTensors;
    for (const [fold, split] of makeSplits(spec, ds).entries()) points.push(...(await runSweepFold(spec, ds, split, fold)));
    after = tf.memory().numTensors;
  }, 300_000);

  const acc = (series: string, target: number) => mean(points.filter((p) => p.series === series && p.targetSparsity === target).map((p) => p.accuracy));

  it('produces a dense point and one point per method and level on every fold', () => {
    expect(points.filter((p) => p.series === 'dense')).toHaveLength(5);
    expect(points.filter((p) => p.series === 'magnitude-global')).toHaveLength(10);
    expect(points.filter((p) => p.series === 'random')).toHaveLength(10);
  });

  it('reaches the target sparsity exactly (exact-k) and the weights really are zero', () => {
    for (const p of points.filter((q) => q.series !== 'dense')) {
      expect(p.achievedSparsity).toBeCloseTo(p.targetSparsity, 3);
      const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
      const kernels = p.account.layers.reduce((n, l) => n + size(l.shape), 0);
      const kernelZeros = p.account.layers.reduce((n, l) => n + l.kernelSparsity * size(l.shape), 0);
      expect(kernelZeros / kernels).toBeGreaterThanOrEqual(p.targetSparsity - 1e-3);
    }
  });

  it('global magnitude at 90% with fine-tuning stays within 1.5 points of dense', () => {
    const dense = acc('dense', 0);
    expect(dense).toBeGreaterThan(0.95);
    expect(acc('magnitude-global', 0.9)).toBeGreaterThanOrEqual(dense - 0.015);
  });

  it('random pruning at 95% is below magnitude pruning at 95%', () => {
    expect(acc('random', 0.95)).toBeLessThan(acc('magnitude-global', 0.95));
  });

  it('leaves no tensor behind', () => {
    expect(after).toBe(before);
  });
});
