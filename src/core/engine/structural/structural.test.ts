import { type MlpModelSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../errors';
import type { StructuralFoldResult, StructuralStep, StructuralTask } from '../../kinds/structural';
import type { JobEvent } from '../../kinds/types';
import { mean } from '../../metrics';
import { defaultSpec, type ExperimentSpec, type SpecOf } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { jobContext, runJob } from '../../testing/run';
import { withTask } from '../../testing/specs';
import { runStructuralJob } from '../runners/structural';
import type { Network } from '../model/network';
import { measurePair } from './latency';

const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');

/** Breast cancer, MLP 64-32 ReLU, Adam 1e-3, batch 200, 100 epochs, shuffled stratified 5-fold. */
function spec64x32(): ExperimentSpec {
  const spec = defaultSpec();
  (spec.model as MlpModelSpec).hidden = [
    { units: 64, activation: 'relu', dropout: 0 },
    { units: 32, activation: 'relu', dropout: 0 },
  ];
  spec.training.epochs = 100;
  return spec;
}

/** The 64-32 spec as a structural task. */
const structural = (over: Partial<Omit<StructuralTask, 'kind'>>, base: ExperimentSpec = spec64x32()): SpecOf<'structural'> => withTask(base, 'structural', over);

beforeAll(async () => {
  await useBackend('wasm');
});

describe('structural pruning runner on breast cancer (64-32, 50 % of hidden units, Taylor, layer-wise)', () => {
  const results: StructuralFoldResult[] = [];
  let before = 0;
  let after = 0;
  beforeAll(async () => {
    const spec = structural({ criterion: 'taylor', mode: 'layer', ratio: 0.5, finetuneEpochs: 30 });
    before = tf.memory().numTensors;
    for (let fold = 0; fold < 5; fold++) {
      results.push(await runStructuralJob(jobContext(spec, ds, fold), { latency: { repeats: 15, warmup: 3 } }));
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
      expect(r.action).toBe('neurons');
      // 100 dense epochs then 30 fine-tuning epochs, numbered on; pruned after epoch 100.
      expect(r.history.map((h) => h.epoch)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
      expect(r.prunedAfterEpoch).toEqual([100]);
      expect(r.history.at(-1)?.valAccuracy).toBe(r.after.accuracy);
    }
    expect(results.map((r) => r.fold)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps mean accuracy within two points of dense after fine-tuning', () => {
    const dense = mean(results.map((r) => r.before.accuracy));
    const pruned = mean(results.map((r) => r.after.accuracy));
    expect(dense).toBeGreaterThan(0.95);
    expect(pruned).toBeGreaterThanOrEqual(dense - 0.02);
  });

  it('measures latency at batch 256 and batch 1 (positive, ordered percentiles, same backend), before and after interleaved', () => {
    for (const r of results) {
      for (const s of [r.before, r.after]) {
        for (const [l, batch] of [[s.latency, 256], [s.latency1, 1]] as const) {
          expect(l?.runs).toHaveLength(15);
          expect(l?.medianMs).toBeGreaterThan(0);
          expect(l?.p10).toBeLessThanOrEqual(l?.medianMs ?? 0);
          expect(l?.p90).toBeGreaterThanOrEqual(l?.medianMs ?? 0);
          expect(l?.backend).toBe('wasm');
          expect(l?.batch).toBe(batch);
        }
      }
      expect(r.measuredSpeedup).toBeGreaterThan(0);
      expect(r.measuredSpeedup1).toBeGreaterThan(0);
    }
  });

  it('interleaves two networks’ timed runs: a, b, a, b… after both warm up', async () => {
    const order: string[] = [];
    const fake = (name: string) => ({ nInputs: 2, forward: (x: tf.Tensor2D) => (order.push(name), x.clone()) }) as unknown as Network;
    const [a, b] = await measurePair(fake('a'), fake('b'), new Float32Array(4), { repeats: 2, warmup: 1 });
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect([a.runs.length, b.runs.length, a.batch]).toEqual([2, 2, 2]);
  });

  it('leaves no tensor behind', () => {
    expect(after).toBe(before);
  });
});

describe('structural pruning runner: iterative, global, events and errors', () => {
  it('the dense model is the plain training run of the fold', async () => {
    const short = spec64x32();
    short.training.epochs = 20;
    const r = await runStructuralJob(jobContext(structural({ criterion: 'l1', mode: 'layer', ratio: 0.25, finetuneEpochs: 0 }, short), ds, 0), { latency: { repeats: 3, warmup: 1 } });
    const plain = (await runJob(withTask(short, 'cv'), ds, 0)).output;
    expect(r.before.accuracy).toBe(plain.accuracy);
    expect(r.before.testLoss).toBe(plain.testLoss);
    expect(r.history).toEqual(plain.history);
    expect(r.after.hiddenUnits).toEqual([48, 24]);
    // No fine-tuning: the curve is the dense training's alone.
    expect(r.prunedAfterEpoch).toEqual([20]);
  });

  it('three global L2 steps keep (1 − 0.5)^(s/3) of the units and end at half of them', async () => {
    const n0 = tf.memory().numTensors;
    const events: JobEvent[] = [];
    const spec = structural({ criterion: 'l2', mode: 'global', ratio: 0.5, steps: 3, finetuneEpochs: 10 });
    const r = await runStructuralJob(jobContext(spec, ds, 0, (e) => events.push(e)), { latency: { repeats: 3, warmup: 1 } });
    expect(tf.memory().numTensors).toBe(n0);
    const seen = events.flatMap((e) => (e.type === 'point' ? [e.point as StructuralStep] : []));
    expect(seen).toEqual(r.steps);
    expect(r.steps.map((s) => s.step)).toEqual([1, 2, 3]);
    // Every epoch is reported under its phase: 100 dense, then 10 fine-tuning per step, one continuing curve.
    const epochs = events.flatMap((e) => (e.type === 'epoch' ? [e] : []));
    expect(epochs.map((e) => e.phase)).toEqual([...Array<string>(100).fill('train'), ...Array<string>(30).fill('finetune')]);
    expect(epochs.map((e) => e.metrics)).toEqual(r.history);
    expect(r.prunedAfterEpoch).toEqual([100, 110, 120]);
    // The plan counts the same epochs and points.
    expect(jobContext(spec, ds, 0).job).toMatchObject({ epochs: 130, points: 3 });
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
    (flat.model as MlpModelSpec).hidden = [];
    await expect(runJob(structural({ criterion: 'l1', mode: 'layer', ratio: 0.5, finetuneEpochs: 0 }, flat), ds, 0)).rejects.toThrow(/hidden layer/);
    const n0 = tf.memory().numTensors;
    let polls = 0;
    const run = runJob(structural({ criterion: 'taylor', mode: 'layer', ratio: 0.5, finetuneEpochs: 5 }), ds, 0, { isCancelled: () => ++polls > 20 });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(n0);
  });

  it('is deterministic: the same job twice gives the same units, curve and accuracies', async () => {
    const spec = structural({ criterion: 'mean-activation', mode: 'layer', ratio: 0.5, steps: 2, finetuneEpochs: 5 });
    spec.training.epochs = 15;
    const a = await runStructuralJob(jobContext(spec, ds, 1), { latency: { repeats: 1, warmup: 0 } });
    const b = await runStructuralJob(jobContext(spec, ds, 1), { latency: { repeats: 1, warmup: 0 } });
    expect(b.keptOriginal).toEqual(a.keptOriginal);
    expect(b.history).toEqual(a.history);
    expect(b.steps).toEqual(a.steps);
    expect(b.after.accuracy).toBe(a.after.accuracy);
    expect(a.after.hiddenUnits).toEqual([32, 16]);
    // …and the seed matters.
    const other: SpecOf<'structural'> = { ...spec, seed: spec.seed + 1 };
    const c = await runStructuralJob(jobContext(other, ds, 1), { latency: { repeats: 1, warmup: 0 } });
    expect(c.history.map((h) => h.loss)).not.toEqual(a.history.map((h) => h.loss));
  });
});
