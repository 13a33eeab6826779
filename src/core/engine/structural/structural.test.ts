import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../cv/plan';
import { runFold } from '../experiment';
import { mean } from '../metrics';
import { defaultSpec, type ExperimentSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { CancelledError } from '../train/errors';
import { runStructuralFold, type StructuralResult, type StructuralStep } from './structural';

const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');

/** Breast cancer, MLP 64-32 ReLU, Adam 1e-3, batch 200, 100 epochs, shuffled stratified 5-fold. */
function spec64x32(): ExperimentSpec {
  const spec = defaultSpec();
  spec.model.hidden = [
    { units: 64, activation: 'relu', dropout: 0 },
    { units: 32, activation: 'relu', dropout: 0 },
  ];
  spec.training.epochs = 100;
  return spec;
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('structural pruning runner on breast cancer (64-32, 50 % of hidden units, Taylor, layer-wise)', () => {
  const results: StructuralResult[] = [];
  let before = 0;
  let after = 0;
  beforeAll(async () => {
    const spec = spec64x32();
    before = tf.memory().numTensors;
    for (const [fold, split] of makeSplits(spec, ds).entries()) {
      results.push(await runStructuralFold(spec, ds, split, fold, { criterion: 'taylor', mode: 'layer', ratio: 0.5, finetuneEpochs: 30, latency: { repeats: 15, warmup: 3 } }));
    }
    after = tf.memory().numTensors;
  }, 120_000);

  it('halves every hidden layer and reports the hand-computed parameters and FLOPs', () => {
    expect(results).toHaveLength(5);
    for (const r of results) {
      expect(r.before.hiddenUnits).toEqual([64, 32]);
      expect(r.after.hiddenUnits).toEqual([32, 16]);
      expect(r.keptOriginal.map((k) => k.length)).toEqual([32, 16]);
      expect(r.before.params).toBe(30 * 64 + 64 + 64 * 32 + 32 + 32 * 2 + 2);
      expect(r.after.params).toBe(30 * 32 + 32 + 32 * 16 + 16 + 16 * 2 + 2);
      expect(r.before.flops).toBe(8162);
      expect(r.after.flops).toBe(3058);
      expect(r.theoreticalSpeedup).toBeCloseTo(8162 / 3058, 12);
      expect(r.theoreticalSpeedup).toBeGreaterThan(1);
      expect(r.steps).toHaveLength(1);
    }
  });

  it('keeps mean accuracy within two points of dense after fine-tuning', () => {
    const dense = mean(results.map((r) => r.before.accuracy));
    const pruned = mean(results.map((r) => r.after.accuracy));
    expect(dense).toBeGreaterThan(0.95);
    expect(pruned).toBeGreaterThanOrEqual(dense - 0.02);
  });

  it('measures latency (positive, ordered percentiles, same backend and batch)', () => {
    for (const r of results) {
      for (const s of [r.before, r.after]) {
        expect(s.latency.runs).toHaveLength(15);
        expect(s.latency.medianMs).toBeGreaterThan(0);
        expect(s.latency.p10).toBeLessThanOrEqual(s.latency.medianMs);
        expect(s.latency.p90).toBeGreaterThanOrEqual(s.latency.medianMs);
        expect(s.latency.backend).toBe('wasm');
        expect(s.latency.batch).toBe(256);
      }
      expect(r.measuredSpeedup).toBeGreaterThan(0);
    }
  });

  it('leaves no tensor behind', () => {
    expect(after).toBe(before);
  });
});

describe('structural pruning runner: iterative, global, hooks and errors', () => {
  const spec = spec64x32();
  const split = makeSplits(spec, ds)[0];
  if (!split) throw new Error('no split');

  it('the dense model is the plain training run of the fold', async () => {
    const short = spec64x32();
    short.training.epochs = 20;
    const r = await runStructuralFold(short, ds, split, 0, { criterion: 'l1', mode: 'layer', ratio: 0.25, finetuneEpochs: 0, latency: { repeats: 3, warmup: 1 } });
    const plain = await runFold(short, ds, split, 0);
    expect(r.before.accuracy).toBe(plain.accuracy);
    expect(r.before.testLoss).toBe(plain.testLoss);
    expect(r.after.hiddenUnits).toEqual([48, 24]);
  });

  it('three global L2 steps keep (1 − 0.5)^(s/3) of the units and end at half of them', async () => {
    const n0 = tf.memory().numTensors;
    const seen: StructuralStep[] = [];
    const r = await runStructuralFold(
      spec,
      ds,
      split,
      0,
      { criterion: 'l2', mode: 'global', normalisation: 'l2', ratio: 0.5, steps: 3, finetuneEpochs: 10, latency: { repeats: 3, warmup: 1 } },
      { onStep: (_, s) => seen.push(s) },
    );
    expect(tf.memory().numTensors).toBe(n0);
    expect(seen).toEqual(r.steps);
    const totals = r.steps.map((s) => s.hiddenUnits.reduce((a, b) => a + b, 0));
    expect(totals).toEqual([76, 60, 48]); // 96 · 0.5^(1/3) = 76.2, 96 · 0.5^(2/3) = 60.5
    expect(r.after.hiddenUnits).toEqual(r.steps[2]?.hiddenUnits);
    r.keptOriginal.forEach((k, i) => {
      expect(k).toHaveLength(r.after.hiddenUnits[i] ?? -1);
      expect(k.every((j, p) => j >= 0 && j < (i === 0 ? 64 : 32) && (p === 0 || j > (k[p - 1] ?? -1)))).toBe(true);
    });
    expect(r.after.accuracy).toBeGreaterThan(0.9);
  });

  it('rejects a model without hidden layers, and disposes everything when cancelled', async () => {
    const flat = defaultSpec();
    flat.model.hidden = [];
    await expect(runStructuralFold(flat, ds, split, 0, { criterion: 'l1', mode: 'layer', ratio: 0.5, finetuneEpochs: 0 })).rejects.toThrow(/hidden layer/);
    const n0 = tf.memory().numTensors;
    let polls = 0;
    const run = runStructuralFold(spec, ds, split, 0, { criterion: 'taylor', mode: 'layer', ratio: 0.5, finetuneEpochs: 5 }, { isCancelled: () => ++polls > 20 });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(n0);
  });
});
