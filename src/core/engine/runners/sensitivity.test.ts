import { type MlpModelSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../errors';
import type { SensitivityTask } from '../../kinds/sensitivity';
import { pickLayerTargets, sensitivityCurves, type SensitivityPoint } from '../../sensitivity/curves';
import { defaultSpec, type SpecOf } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { runInThread, runJob } from '../../testing/run';
import { resultOf, withTask } from '../../testing/specs';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('pickLayerTargets', () => {
  it('takes the largest sparsity within tolerance of the unpruned accuracy, stopping at the first drop beyond it', () => {
    const curves = [
      { slot: 'a', points: [0, 0.25, 0.5, 0.75].map((s, i) => ({ sparsity: s, accuracy: [0.9, 0.9, 0.89, 0.7][i] ?? 0 })) },
      // Recovers after a dip: the dip still ends the search (Distiller picks the contiguous safe range).
      { slot: 'b', points: [0, 0.25, 0.5, 0.75].map((s, i) => ({ sparsity: s, accuracy: [0.9, 0.8, 0.9, 0.9][i] ?? 0 })) },
    ];
    expect(pickLayerTargets(curves, 0.02)).toEqual({ a: 0.5, b: 0 });
    expect(pickLayerTargets(curves, 0.1)).toEqual({ a: 0.5, b: 0.75 });
  });

  it('averages folds per tensor and sparsity', () => {
    const pts: SensitivityPoint[] = [
      { fold: 0, slot: 'x', sparsity: 0, accuracy: 0.8 },
      { fold: 1, slot: 'x', sparsity: 0, accuracy: 1 },
      { fold: 0, slot: 'x', sparsity: 0.5, accuracy: 0.5 },
      { fold: 1, slot: 'x', sparsity: 0.5, accuracy: 0.7 },
    ];
    const [c] = sensitivityCurves(pts);
    expect(c?.points.map((p) => p.accuracy.toFixed(6))).toEqual(['0.900000', '0.600000']);
  });
});

const ds = loadBuiltinSync('iris', 'iris.csv');

/** Iris, MLP 16 ReLU, 60 epochs; a sensitivity task over `sparsities`. */
function irisSensitivity(over: Partial<Omit<SensitivityTask, 'kind'>> = {}): SpecOf<'sensitivity'> {
  const spec = defaultSpec();
  spec.dataset = { kind: 'builtin', name: 'iris' };
  (spec.model as MlpModelSpec).hidden = [{ units: 16, activation: 'relu', dropout: 0 }];
  spec.training = { ...spec.training, epochs: 60, learningRate: 0.02, batchSize: 32 };
  return withTask(spec, 'sensitivity', { sparsities: [0, 0.5, 0.95], tolerance: 0.02, ...over });
}

describe('sensitivity job on iris', () => {
  it('gives one curve per prunable tensor; 0 % equals the dense model; 95 % of the first layer hurts; no tensor leaks', async () => {
    const spec = irisSensitivity();
    const before = tf.memory().numTensors;
    const { output, events } = await runJob(spec, ds, 0);
    expect(tf.memory().numTensors).toBe(before);
    const points = output.points;
    expect(events.flatMap((e) => (e.type === 'point' ? [e.point] : []))).toEqual(points);
    expect(points.every((p) => p.fold === 0)).toBe(true);
    const curves = sensitivityCurves(points);
    expect(curves.map((c) => c.slot)).toEqual(['dense_1/kernel', 'output/kernel']);
    expect(curves.map((c) => c.points.map((p) => p.sparsity))).toEqual([
      [0, 0.5, 0.95],
      [0, 0.5, 0.95],
    ]);
    const dense = (await runJob(withTask(spec, 'cv'), ds, 0)).output;
    for (const c of curves) expect(c.points[0]?.accuracy).toBe(dense.accuracy);
    expect(output.history).toEqual(dense.history);
    const first = curves[0]?.points;
    expect(first?.[2]?.accuracy ?? 1).toBeLessThan(first?.[0]?.accuracy ?? 0);
  });

  it('0 % is measured even when the grid leaves it out; the scope picks the tensors', async () => {
    const spec = irisSensitivity({ sparsities: [0.5, 0.95], scope: { biases: true, outputLayer: false } });
    spec.training.epochs = 5;
    const { output } = await runJob(spec, ds, 1);
    const curves = sensitivityCurves(output.points);
    expect(curves.map((c) => c.slot)).toEqual(['dense_1/kernel', 'dense_1/bias']);
    expect(curves.map((c) => c.points.map((p) => p.sparsity))).toEqual([
      [0, 0.5, 0.95],
      [0, 0.5, 0.95],
    ]);
    // The plan counts the same points: 2 tensors × 3 sparsities.
    const outcome = await runInThread({ ...spec, cv: { ...spec.cv, folds: 2 } }, ds);
    expect(outcome.plan.map((j) => j.points)).toEqual([6, 6]);
    const r = resultOf(outcome, 'sensitivity');
    expect(r.points).toHaveLength(12);
    expect(r.complete).toBe(true);
    expect(Object.keys(r.targets)).toEqual(['dense_1/kernel', 'dense_1/bias']);
    expect(r.targets).toEqual(pickLayerTargets(r.curves, 0.02));
  });

  it('a whole run averages the folds, picks targets within tolerance and is deterministic', async () => {
    const spec = irisSensitivity();
    spec.cv.folds = 3;
    spec.training.epochs = 20;
    const before = tf.memory().numTensors;
    const a = resultOf(await runInThread(spec, ds), 'sensitivity');
    const b = resultOf(await runInThread(spec, ds), 'sensitivity');
    expect(tf.memory().numTensors).toBe(before);
    expect(b.points).toEqual(a.points);
    expect(a.points).toHaveLength(3 * 2 * 3);
    expect(a.curves).toEqual(sensitivityCurves(a.points));
    expect(a.targets).toEqual(pickLayerTargets(a.curves, 0.02));
    expect(a.tolerance).toBe(0.02);
    // The summary is the dense model (the first tensor's 0 % point) over the three folds.
    expect(a.summary?.n).toBe(3);
    expect(a.summary?.mean).toBeCloseTo(a.curves[0]?.points[0]?.accuracy ?? NaN, 12);
  });

  it('cancellation stops the job with CancelledError and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    let points = 0;
    const spec = irisSensitivity();
    spec.training.epochs = 3;
    const p = runJob(spec, ds, 0, { onEvent: (e) => void (e.type === 'point' && points++), isCancelled: () => points >= 2 });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(points).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
