import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../cv/plan';
import { defaultSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { pickLayerTargets, sensitivityCurves, sensitivityFold, type SensitivityPoint } from './analysis';
import { runFold } from '../experiment';

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

describe('sensitivityFold on iris', () => {
  it('gives one curve per prunable tensor; 0 % equals the dense model; 95 % of the first layer hurts; no tensor leaks', async () => {
    const spec = defaultSpec();
    spec.dataset = { kind: 'builtin', name: 'iris' };
    spec.model.hidden = [{ units: 16, activation: 'relu', dropout: 0 }];
    spec.training = { ...spec.training, epochs: 60, learningRate: 0.02, batchSize: 32 };
    spec.sensitivity = { sparsities: [0, 0.5, 0.95], tolerance: 0.02 };
    const ds = loadBuiltinSync('iris', 'iris.csv');
    const split = makeSplits(spec, ds)[0];
    if (!split) throw new Error('no split');
    const before = tf.memory().numTensors;
    const points = await sensitivityFold(spec, ds, split, 0);
    expect(tf.memory().numTensors).toBe(before);
    const curves = sensitivityCurves(points);
    expect(curves.map((c) => c.slot)).toEqual(['dense_1/kernel', 'output/kernel']);
    const dense = await runFold(spec, ds, split, 0);
    for (const c of curves) expect(c.points[0]?.accuracy).toBe(dense.accuracy);
    const first = curves[0]?.points;
    expect(first?.[2]?.accuracy ?? 1).toBeLessThan(first?.[0]?.accuracy ?? 0);
  });
});
