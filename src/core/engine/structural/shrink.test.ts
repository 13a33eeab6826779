import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../../cv/plan';
import { accountModel } from '../../prune/accounting';
import { defaultSpec, type Activation } from '../../spec/schema';
import { selectUnits } from '../../structural/select';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { prepareFold } from '../fold';
import type { MlpNet } from '../model/mlp';
import { countParams } from '../model/network';
import { createMlp } from '../model/registry';
import { readWeights } from '../prune/masks';
import { evaluate, train, type Rows } from '../train/loop';
import { scoreUnits } from './criteria';
import { maskUnits, removeLayer } from './shrink';

const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');
const spec = defaultSpec();
const split = makeSplits(spec, ds)[0];
if (!split) throw new Error('no split');
const { trainRows, testRows } = prepareFold(spec, ds, split);
const allRows: Rows = {
  x: Float32Array.from([...trainRows.x, ...testRows.x]),
  y: Int32Array.from([...trainRows.y, ...testRows.y]),
  n: trainRows.n + testRows.n,
};

const model = (hidden: number[], activation: Activation = 'relu', seed = 1): MlpNet =>
  createMlp({ kind: 'mlp', hidden: hidden.map((units) => ({ units, activation, dropout: 0 })), l1: 0, l2: 0 }, { nInputs: ds.nFeatures, nOutputs: 2 }, seed);

const softmax = async (mlp: MlpNet, rows: Rows): Promise<Float32Array> => {
  const p = tf.tidy(() => tf.softmax(mlp.forward(tf.tensor2d(rows.x, [rows.n, mlp.nInputs]))));
  try {
    return (await p.data()) as Float32Array;
  } finally {
    p.dispose();
  }
};

const maxAbsDiff = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? Number.NaN))), 0);

const shapes = (mlp: MlpNet) => mlp.layers.map((l) => l.kernel.shape);

beforeAll(async () => {
  await useBackend('wasm');
});

describe('shrinking a trained 30-64-32-2 MLP by 50 % of its hidden units', () => {
  it('halves every hidden layer, matches the masked model to 1e-5 and counts parameters by hand', async () => {
    const before = tf.memory().numTensors;
    const dense = model([64, 32]);
    await train(dense, trainRows, { training: { ...spec.training, epochs: 30, learningRate: 0.01, batchSize: 64 }, l1: 0, l2: 0, seed: 3 });
    const kept = selectUnits(await scoreUnits(dense, 'l1'), { mode: 'layer', ratio: 0.5 });
    const small = dense.shrink(kept);
    const masked = maskUnits(dense, kept);
    try {
      expect(kept.map((k) => k.length)).toEqual([32, 16]);
      expect(shapes(small)).toEqual([
        [30, 32],
        [32, 16],
        [16, 2],
      ]);
      expect(small.layers.map((l) => l.bias.size)).toEqual([32, 16, 2]);
      const hand = 30 * 32 + 32 + 32 * 16 + 16 + 16 * 2 + 2;
      expect(countParams(small)).toBe(hand);
      expect(small.params()).toBe(hand);
      expect(small.unitGroups()).toEqual([
        { name: 'dense_1', units: 32 },
        { name: 'dense_2', units: 16 },
      ]);
      expect(small.layers.map((l) => l.name)).toEqual(['dense_1', 'dense_2', 'output']);
      // The dense network is untouched (shrink returns a new one).
      expect(shapes(dense)).toEqual([
        [30, 64],
        [64, 32],
        [32, 2],
      ]);
      expect(accountModel(await readWeights(small)).totalParams).toBe(hand);
      const [ps, pm, pd] = await Promise.all([softmax(small, allRows), softmax(masked, allRows), softmax(dense, allRows)]);
      expect(ps.length).toBe(allRows.n * 2);
      expect(maxAbsDiff(ps, pm)).toBeLessThan(1e-5);
      expect(maxAbsDiff(ps, pd)).toBeGreaterThan(1e-3); // pruning did change the function
      expect((await evaluate(dense, testRows)).accuracy).toBeGreaterThan(0.9); // trained
      // The kept columns / rows are exactly the dense ones.
      const [dk0, sk0, dk1, sk1] = (await Promise.all([dense.layers[0], small.layers[0], dense.layers[1], small.layers[1]].map((l) => l?.kernel.array()))) as number[][][];
      const k0 = kept[0] ?? [];
      const k1 = kept[1] ?? [];
      expect(sk0).toEqual(dk0?.map((row) => k0.map((j) => row[j])));
      expect(sk1).toEqual(k0.map((r) => k1.map((c) => dk1?.[r]?.[c])));
      expect(small.layers.map((l) => [l.activation, l.dropout])).toEqual(dense.layers.map((l) => [l.activation, l.dropout]));
    } finally {
      [dense, small, masked].forEach((n) => n.dispose());
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the masked equivalence holds for activations with act(0) ≠ 0 (sigmoid) and uneven selections', async () => {
    const dense = model([7, 5], 'sigmoid', 9);
    const kept = [
      [0, 3, 6],
      [1, 4],
    ];
    const small = dense.shrink(kept);
    const masked = maskUnits(dense, kept);
    try {
      expect(maxAbsDiff(await softmax(small, allRows), await softmax(masked, allRows))).toBeLessThan(1e-6);
    } finally {
      [dense, small, masked].forEach((n) => n.dispose());
    }
  });

  it('rejects kept lists that are empty, unsorted, out of range or of the wrong length', () => {
    const dense = model([4]);
    try {
      expect(() => dense.shrink([[]])).toThrow(/at least one/);
      expect(() => dense.shrink([[2, 1]])).toThrow(/ascending/);
      expect(() => dense.shrink([[0, 4]])).toThrow(/ascending/);
      expect(() => dense.shrink([[0], [0]])).toThrow(/kept units for 1 prunable layers, got 2/);
      expect(() => maskUnits(dense, [[]])).toThrow(/at least one/);
    } finally {
      dense.dispose();
    }
  });
});

describe('removeLayer', () => {
  it('drops a hidden layer with a seeded Glorot bridge of the right shape, copies the rest, and trains', async () => {
    const before = tf.memory().numTensors;
    const dense = model([64, 32]);
    const noFirst = removeLayer(dense, 0, 11);
    const noSecond = removeLayer(dense, 1, 11);
    const again = removeLayer(dense, 0, 11);
    const single = model([8]);
    const linear = removeLayer(single, 0, 5);
    try {
      expect(shapes(noFirst)).toEqual([
        [30, 32],
        [32, 2],
      ]);
      expect(shapes(noSecond)).toEqual([
        [30, 64],
        [64, 2],
      ]);
      expect(shapes(linear)).toEqual([[30, 2]]);
      expect(linear.layers[0]?.activation).toBe('linear');
      expect(noFirst.layers.map((l) => l.activation)).toEqual(['relu', 'linear']);
      // Layers are renamed by the one naming rule after the change of depth.
      expect(noFirst.layers.map((l) => l.name)).toEqual(['dense_1', 'output']);
      expect(noSecond.layers.map((l) => l.name)).toEqual(['dense_1', 'output']);
      expect(linear.layers.map((l) => l.name)).toEqual(['output']);
      expect(noSecond.unitGroups()).toEqual([{ name: 'dense_1', units: 64 }]);
      // The bridge is drawn from the seed, within the Glorot limit; its bias is zero.
      const bridge = (await noFirst.layers[0]?.kernel.data()) as Float32Array;
      expect(Array.from(bridge)).toEqual(Array.from((await again.layers[0]?.kernel.data()) as Float32Array));
      const limit = Math.sqrt(6 / (30 + 32));
      expect(bridge.every((v) => Math.abs(v) <= limit)).toBe(true);
      expect(Array.from((await noFirst.layers[0]?.bias.data()) as Float32Array).every((v) => v === 0)).toBe(true);
      // Untouched layers are copied, not shared.
      expect(Array.from((await noSecond.layers[0]?.kernel.data()) as Float32Array)).toEqual(Array.from((await dense.layers[0]?.kernel.data()) as Float32Array));
      expect(noSecond.layers[0]?.kernel).not.toBe(dense.layers[0]?.kernel);
      expect(() => removeLayer(dense, 2, 1)).toThrow(/\[0, 2\)/);
      const result = await train(noFirst, trainRows, { training: { ...spec.training, epochs: 20, learningRate: 0.01, batchSize: 64 }, l1: 0, l2: 0, seed: 4 });
      expect(result.history.at(-1)?.loss ?? 1).toBeLessThan((result.history[0]?.loss ?? 0) * 0.5);
      expect((await evaluate(noFirst, testRows)).accuracy).toBeGreaterThan(0.9);
    } finally {
      [dense, noFirst, noSecond, again, single, linear].forEach((n) => n.dispose());
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
