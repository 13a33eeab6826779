import { type MlpModelSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SweepPoint, SweepResult } from '../../kinds/sweep';
import { mean } from '../../metrics';
import { defaultSpec, type SpecOf } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { runInThread } from '../../testing/run';
import { resultOf, withTask } from '../../testing/specs';

const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');

/** The reference setting of ../shared/reference/pruning-curve-breast-cancer.md: MLP 64-32, 200 epochs, fine-tune 50. */
function referenceSpec(): SpecOf<'sweep'> {
  const spec = defaultSpec();
  (spec.model as MlpModelSpec).hidden = [
    { units: 64, activation: 'relu', dropout: 0 },
    { units: 32, activation: 'relu', dropout: 0 },
  ];
  spec.training.epochs = 200;
  return withTask(spec, 'sweep', { methods: ['magnitude-global', 'random'], sparsities: [0.9, 0.95], finetuneEpochs: 50 });
}

describe('pruning sweep on breast cancer (MLP 64-32, 5-fold)', () => {
  let points: SweepPoint[] = [];
  let result: SweepResult | undefined;
  let before = 0;
  let after = 0;
  beforeAll(async () => {
    await useBackend('wasm');
    const spec = referenceSpec();
    before = tf.memory().numTensors;
    result = resultOf(await runInThread(spec, ds), 'sweep');
    points = result.points;
    after = tf.memory().numTensors;
  }, 300_000);

  const acc = (series: string, target: number) => mean(points.filter((p) => p.series === series && p.targetSparsity === target).map((p) => p.accuracy));

  it('produces a dense point and one point per method and level on every fold', () => {
    expect(points.filter((p) => p.series === 'dense')).toHaveLength(5);
    expect(points.filter((p) => p.series === 'magnitude-global')).toHaveLength(10);
    expect(points.filter((p) => p.series === 'random')).toHaveLength(10);
    expect(points).toHaveLength(25);
    expect(result?.expectedPoints).toBe(25);
    expect(result?.complete).toBe(true);
    expect([...new Set(points.map((p) => p.fold))]).toEqual([0, 1, 2, 3, 4]);
    // Aggregated per (series, target) over the five folds, in first-seen order.
    expect(result?.rows.map((r) => [r.series, r.targetSparsity, r.folds])).toEqual([
      ['dense', 0, 5],
      ['magnitude-global', 0.9, 5],
      ['magnitude-global', 0.95, 5],
      ['random', 0.9, 5],
      ['random', 0.95, 5],
    ]);
    expect(result?.summary?.mean).toBe(acc('dense', 0));
    // Fold 0 carries the masks and the dense weights for the charts; the others do not.
    expect(points.filter((p) => p.masks).every((p) => p.fold === 0)).toBe(true);
    expect(points.filter((p) => p.fold === 0).every((p) => p.masks?.length === 3)).toBe(true);
    expect(result?.detail?.slots.map((s) => s.name)).toEqual(['dense_1/kernel', 'dense_2/kernel', 'output/kernel']);
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
