import { type DenseLayerSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../rng';
import type { ModelSpec } from '../../spec/schema';
import { useBackend } from '../../testing/node';
import type { MlpNet } from './mlp';
import { countParams, trainableVariables } from './network';
import { createMlp, createNetwork } from './registry';

beforeAll(async () => {
  await useBackend('cpu');
});

const spec = (hidden: DenseLayerSpec[]): ModelSpec => ({ kind: 'mlp', hidden, l1: 0, l2: 0 });
const relu32 = spec([{ units: 32, activation: 'relu', dropout: 0 }]);

/** Creates an MLP, runs f, disposes it. */
function withMlp<T>(s: ModelSpec, nIn: number, nOut: number, seed: number, f: (m: MlpNet) => T): T {
  const m = createMlp(s, { nInputs: nIn, nOutputs: nOut }, seed);
  try {
    return f(m);
  } finally {
    m.dispose();
  }
}

/** withMlp for async work: disposes once `f` has settled. */
async function withMlpAsync<T>(s: ModelSpec, nIn: number, nOut: number, seed: number, f: (m: MlpNet) => Promise<T>): Promise<T> {
  const m = createMlp(s, { nInputs: nIn, nOutputs: nOut }, seed);
  try {
    return await f(m);
  } finally {
    m.dispose();
  }
}

describe('createMlp', () => {
  it('30-32-2: shapes, activations and parameter count', () => {
    withMlp(relu32, 30, 2, 1, (m) => {
      expect(m.nInputs).toBe(30);
      expect(m.nOutputs).toBe(2);
      expect(m.kind).toBe('mlp');
      expect(m.layers.map((l) => l.name)).toEqual(['dense_1', 'output']);
      expect(m.layers).toHaveLength(2);
      expect(m.layers.map((l) => l.kernel.shape)).toEqual([
        [30, 32],
        [32, 2],
      ]);
      expect(m.layers.map((l) => l.bias.shape)).toEqual([[32], [2]]);
      expect(m.layers.map((l) => l.activation)).toEqual(['relu', 'linear']);
      expect(countParams(m)).toBe(30 * 32 + 32 + 32 * 2 + 2);
      expect(trainableVariables(m)).toHaveLength(4);
      expect(trainableVariables(m).every((v) => v.trainable)).toBe(true);
    });
  });

  it('deeper nets and no hidden layers', () => {
    const deep = spec([
      { units: 16, activation: 'tanh', dropout: 0.2 },
      { units: 8, activation: 'elu', dropout: 0 },
    ]);
    withMlp(deep, 4, 3, 0, (m) => {
      expect(m.layers.map((l) => l.kernel.shape)).toEqual([
        [4, 16],
        [16, 8],
        [8, 3],
      ]);
      expect(m.layers.map((l) => l.dropout)).toEqual([0.2, 0, 0]);
      expect(m.layers.map((l) => l.activation)).toEqual(['tanh', 'elu', 'linear']);
      expect(m.layers.map((l) => l.name)).toEqual(['dense_1', 'dense_2', 'output']);
      expect(countParams(m)).toBe(4 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3);
      expect(m.params()).toBe(countParams(m));
      // 2 FLOPs per multiply-add plus one per bias add.
      expect(m.flops()).toBe(2 * (4 * 16 + 16 * 8 + 8 * 3) + (16 + 8 + 3));
      expect(m.unitGroups()).toEqual([
        { name: 'dense_1', units: 16 },
        { name: 'dense_2', units: 8 },
      ]);
    });
    withMlp(spec([]), 5, 2, 0, (m) => {
      expect(m.layers.map((l) => l.kernel.shape)).toEqual([[5, 2]]);
      expect(m.layers.map((l) => l.name)).toEqual(['output']);
      expect(m.unitGroups()).toEqual([]);
      expect(countParams(m)).toBe(12);
    });
  });

  it('same seed → identical weights; different seed → different weights', () => {
    const weights = (seed: number) => withMlp(relu32, 30, 2, seed, (m) => m.layers.map((l) => [...l.kernel.dataSync()]));
    const a = weights(7);
    expect(weights(7)).toEqual(a);
    const b = weights(8);
    expect(b[0]).not.toEqual(a[0]);
    expect(b[1]).not.toEqual(a[1]);
    // Each layer draws from its own stream: layer 1's uniforms (w / limit) are not a copy of layer 0's.
    const lim0 = Math.sqrt(6 / (30 + 32));
    const lim1 = Math.sqrt(6 / (32 + 2));
    const u0 = (a[0] ?? []).slice(0, 16).map((w) => Math.round((w / lim0) * 1e4));
    const u1 = (a[1] ?? []).slice(0, 16).map((w) => Math.round((w / lim1) * 1e4));
    expect(u1.filter((v, i) => v === u0[i]).length).toBeLessThan(2);
  });

  it('Glorot-uniform kernels within ±sqrt(6 / (fanIn + fanOut)), zero biases', () => {
    withMlp(relu32, 30, 2, 3, (m) => {
      for (const l of m.layers) {
        const [fanIn = 0, fanOut = 0] = l.kernel.shape;
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        const w = [...l.kernel.dataSync()];
        const maxAbs = Math.max(...w.map(Math.abs));
        expect(maxAbs).toBeLessThanOrEqual(limit);
        // Uses the range: the largest |w| is near the limit, the mean near 0 and the variance near limit²/3.
        expect(maxAbs).toBeGreaterThan(0.9 * limit);
        const mu = w.reduce((a, b) => a + b, 0) / w.length;
        const v = w.reduce((a, b) => a + (b - mu) ** 2, 0) / w.length;
        expect(Math.abs(mu)).toBeLessThan(0.15 * limit);
        expect(v).toBeGreaterThan(0.75 * (limit * limit) / 3);
        expect(v).toBeLessThan(1.25 * (limit * limit) / 3);
        expect([...l.bias.dataSync()].every((b) => b === 0)).toBe(true);
      }
    });
  });

  it('createNetwork builds the same MLP as createMlp; createMlp refuses a CNN spec', () => {
    const io = { nInputs: 30, nOutputs: 2 };
    const a = createNetwork(relu32, io, 7);
    const b = createMlp(relu32, io, 7);
    try {
      expect(a.kind).toBe('mlp');
      expect(a.weightLayers.map((l) => [...l.kernel.dataSync()])).toEqual(b.layers.map((l) => [...l.kernel.dataSync()]));
    } finally {
      a.dispose();
      b.dispose();
    }
    const before = tf.memory().numTensors;
    const cnn: ModelSpec = { kind: 'cnn', conv: [{ filters: 2, kernelSize: 3, activation: 'relu', pool: 'none' }], hidden: [], l1: 0, l2: 0 };
    expect(() => createMlp(cnn, { nInputs: 16, nOutputs: 2, imageShape: [4, 4, 1] }, 1)).toThrow(/Expected an MLP spec, got "cnn"/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves the tensor count unchanged after create and dispose', () => {
    const before = tf.memory().numTensors;
    const m = createMlp(relu32, { nInputs: 30, nOutputs: 2 }, 1);
    expect(tf.memory().numTensors).toBe(before + 4);
    m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('forward', () => {
  it('computes relu(x·W1 + b1)·W2 + b2, checked by hand in plain JS', () => {
    withMlp(spec([{ units: 3, activation: 'relu', dropout: 0 }]), 2, 2, 5, (m) => {
      // Give the biases non-zero values so they are exercised.
      tf.tidy(() => {
        m.layers[0]?.bias.assign(tf.tensor1d([0.1, -0.2, 0.3]));
        m.layers[1]?.bias.assign(tf.tensor1d([0.5, -0.5]));
      });
      const [l0, l1] = m.layers;
      if (!l0 || !l1) throw new Error('layers');
      const W1 = l0.kernel.arraySync() as number[][];
      const W2 = l1.kernel.arraySync() as number[][];
      const b1 = [0.1, -0.2, 0.3];
      const b2 = [0.5, -0.5];
      const xs = [
        [1, 2],
        [-3, 0.5],
      ];
      const expected = xs.map((x) => {
        const h = b1.map((b, j) => Math.max(0, b + x.reduce((s, xi, i) => s + xi * (W1[i]?.[j] ?? NaN), 0)));
        return b2.map((b, k) => b + h.reduce((s, hj, j) => s + hj * (W2[j]?.[k] ?? NaN), 0));
      });
      const got = tf.tidy(() => m.forward(tf.tensor2d(xs)).arraySync());
      got.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r]?.[c] ?? NaN, 5)));
    });
  });

  it('applies dropout masks multiplicatively', () => {
    withMlp(spec([{ units: 4, activation: 'linear', dropout: 0.5 }]), 3, 2, 2, (m) => {
      const x = tf.tensor2d([[1, 2, 3]]);
      const zeroMask = tf.zeros([1, 4]) as tf.Tensor2D;
      const outZero = tf.tidy(() => m.forward(x, [zeroMask, null]).arraySync());
      // All hidden units dropped: the logits are just the output bias (zero at init).
      expect(outZero).toEqual([[0, 0]]);
      const twos = tf.fill([1, 4], 2) as tf.Tensor2D;
      const plain = tf.tidy(() => m.forward(x).arraySync());
      const doubled = tf.tidy(() => m.forward(x, [twos, null]).arraySync());
      doubled[0]?.forEach((v, i) => expect(v).toBeCloseTo(2 * (plain[0]?.[i] ?? NaN), 5));
      tf.dispose([x, zeroMask, twos]);
    });
  });

  it.each(['relu', 'tanh', 'sigmoid', 'elu', 'linear'] as const)(
    'softmax(forward) equals toLayersModel(mlp).predict within 1e-5 (%s, with dropout layers inactive at inference)',
    async (activation) => {
      const s = spec([
        { units: 16, activation, dropout: 0.3 },
        { units: 8, activation, dropout: 0 },
      ]);
      const before = tf.memory().numTensors;
      await withMlpAsync(s, 6, 3, 11, async (m) => {
        // Non-zero biases so a bias mix-up would show.
        tf.tidy(() => m.layers.forEach((l, i) => l.bias.assign(tf.mul(tf.ones(l.bias.shape), 0.1 * (i + 1)))));
        const rng = createRng(4);
        const xData = Float32Array.from({ length: 20 * 6 }, () => rng.normal() * 2);
        const x = tf.tensor2d(xData, [20, 6]);
        const ours = tf.tidy(() => tf.softmax(m.forward(x)).arraySync());
        const model = await m.toLayersModel();
        try {
          const theirs = tf.tidy(() => (model.predict(x) as tf.Tensor2D).arraySync());
          expect(theirs).toHaveLength(20);
          let maxDiff = 0;
          ours.forEach((row, r) => row.forEach((v, c) => (maxDiff = Math.max(maxDiff, Math.abs(v - (theirs[r]?.[c] ?? NaN))))));
          expect(maxDiff).toBeLessThan(1e-5);
          // Rows are probability distributions, and not all identical.
          for (const row of ours) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          expect(ours[0]).not.toEqual(ours[1]);
        } finally {
          model.dispose();
          x.dispose();
        }
        // The model holds copies: disposing it leaves our variables usable.
        expect(m.layers[0]?.kernel.isDisposed).toBe(false);
      });
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('toLayersModel mirrors the architecture', async () => {
    await withMlpAsync(spec([{ units: 5, activation: 'tanh', dropout: 0.25 }]), 3, 4, 0, async (m) => {
      const model = await m.toLayersModel();
      try {
        expect(model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dropout', 'Dense']);
        expect(model.layers.map((l) => l.name)).toEqual(['dense_1', 'dropout_1', 'output']);
        expect(model.countParams()).toBe(countParams(m));
        expect(model.outputs[0]?.shape).toEqual([null, 4]);
      } finally {
        model.dispose();
      }
    });
  });
});
