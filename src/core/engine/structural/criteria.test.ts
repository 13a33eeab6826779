import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerName } from '../../model/names';
import type { Activation } from '../../spec/schema';
import { useBackend } from '../../testing/node';
import { MlpNet } from '../model/mlp';
import { createMlp } from '../model/registry';
import type { Rows } from '../train/loop';
import { activationStatistics, scoreUnits } from './criteria';

beforeAll(async () => {
  await useBackend('cpu');
});

interface Plain {
  kernels: number[][][]; // [in][out]
  biases: number[][];
  activations: Activation[];
}

function build(p: Plain): MlpNet {
  const layers = p.kernels.map((k, i) => ({
    name: layerName('dense', i, i === p.kernels.length - 1),
    kernel: tf.variable(tf.tensor2d(k)),
    bias: tf.variable(tf.tensor1d(p.biases[i] ?? [])),
    activation: p.activations[i] ?? 'linear',
    dropout: 0,
  }));
  return new MlpNet(layers, p.kernels[0]?.length ?? 0, p.biases.at(-1)?.length ?? 0);
}

// 2 inputs → 3 ReLU units → 2 logits.
const tiny: Plain = {
  kernels: [
    [
      [1, -2, 0.5],
      [3, 1, -1],
    ],
    [
      [1, -1],
      [0.5, -0.25],
      [-1, 2],
    ],
  ],
  biases: [
    [0, 1, -0.5],
    [0.1, -0.1],
  ],
  activations: ['relu', 'linear'],
};
const xs = [
  [1, 0],
  [0, 1],
  [-1, 1],
  [1, 1],
];
const rows: Rows = { x: Float32Array.from(xs.flat()), y: Int32Array.from([0, 1, 1, 0]), n: 4 };
// Pre-activations xW + b per row: [1, −1, 0], [3, 2, −1.5], [2, 4, −2], [4, 0, −1]
// → ReLU outputs [1, 0, 0], [3, 2, 0], [2, 4, 0], [4, 0, 0].

const act = (a: Activation, v: number): number => (a === 'relu' ? Math.max(0, v) : a === 'tanh' ? Math.tanh(v) : v);

/** Float64 forward pass with one multiplicative gate per hidden unit; returns the summed cross-entropy. */
function summedLoss(p: Plain, x: number[][], y: number[], gates: number[][]): number {
  let loss = 0;
  x.forEach((row, n) => {
    let h = row;
    p.kernels.forEach((k, i) => {
      const b = p.biases[i] ?? [];
      h = b.map((bj, j) => act(p.activations[i] ?? 'linear', h.reduce((s, hv, r) => s + hv * (k[r]?.[j] ?? 0), bj)) * (gates[i]?.[j] ?? 1));
    });
    const m = Math.max(...h);
    const lse = m + Math.log(h.reduce((s, v) => s + Math.exp(v - m), 0));
    loss += lse - (h[y[n] ?? 0] ?? 0);
  });
  return loss;
}

/** Taylor scores by central finite differences of the gates: |∂(Σℓ)/∂g_j| / N. */
function taylorByFiniteDifferences(p: Plain, x: number[][], y: number[]): number[][] {
  const eps = 1e-6;
  const ones = () => p.biases.slice(0, -1).map((b) => b.map(() => 1));
  return p.biases.slice(0, -1).map((b, i) =>
    b.map((_, j) => {
      const up = ones();
      const down = ones();
      (up[i] as number[])[j] = 1 + eps;
      (down[i] as number[])[j] = 1 - eps;
      return Math.abs((summedLoss(p, x, y, up) - summedLoss(p, x, y, down)) / (2 * eps) / x.length);
    }),
  );
}

const arr = (s: Float32Array[]) => s.map((a) => Array.from(a));

describe('criteria on a hand-made 2-3-2 ReLU net', () => {
  it('l1 / l2: norms of each unit’s incoming kernel column, bias excluded unless asked', async () => {
    const mlp = build(tiny);
    try {
      const l1 = await scoreUnits(mlp, 'l1');
      const l2 = await scoreUnits(mlp, 'l2');
      expect(l1).toHaveLength(1); // hidden layers only, never the output units
      expect(Array.from(l1[0] ?? [])).toEqual([4, 3, 1.5]);
      [Math.sqrt(10), Math.sqrt(5), Math.sqrt(1.25)].forEach((v, j) => expect(l2[0]?.[j]).toBeCloseTo(v, 6));
      expect(Array.from((await scoreUnits(mlp, 'l1', { includeBias: true }))[0] ?? [])).toEqual([4, 4, 2]);
      const l2b = await scoreUnits(mlp, 'l2', { includeBias: true });
      [Math.sqrt(10), Math.sqrt(6), Math.sqrt(1.5)].forEach((v, j) => expect(l2b[0]?.[j]).toBeCloseTo(v, 6));
    } finally {
      mlp.dispose();
    }
  });

  it('mean activation and APoZ over the rows, in any batch size', async () => {
    const mlp = build(tiny);
    try {
      for (const batchSize of [1, 3, 256]) {
        const mean = await scoreUnits(mlp, 'mean-activation', { rows, batchSize });
        expect(arr(mean)).toEqual([[2.5, 1.5, 0]]);
        const stats = await activationStatistics(mlp, rows, batchSize);
        expect(arr(stats.apoz)).toEqual([[0, 0.5, 1]]); // unit 1 is zero on rows 0 and 3, unit 2 always
        expect(arr(await scoreUnits(mlp, 'apoz', { rows, batchSize }))).toEqual([[1, 0.5, 0]]); // 1 − APoZ
      }
    } finally {
      mlp.dispose();
    }
  });

  it('taylor: |mean_n a·∂ℓ/∂a| equals the closed form and finite differences', async () => {
    // Closed form for one hidden layer and a linear output: ∂ℓ_n/∂a_nj = Σ_c W2[j][c] (softmax_c − y_c).
    const h = [
      [1, 0, 0],
      [3, 2, 0],
      [2, 4, 0],
      [4, 0, 0],
    ];
    const w2 = tiny.kernels[1] as number[][];
    const b2 = tiny.biases[1] as number[];
    const sums = [0, 0, 0];
    h.forEach((a, n) => {
      const z = b2.map((b, c) => a.reduce((s, v, j) => s + v * (w2[j]?.[c] ?? 0), b));
      const e = z.map(Math.exp);
      const p = e.map((v) => v / e.reduce((s, u) => s + u, 0));
      a.forEach((v, j) => {
        const g = p.reduce((s, pc, c) => s + (w2[j]?.[c] ?? 0) * (pc - (c === rows.y[n] ? 1 : 0)), 0);
        sums[j] = (sums[j] ?? 0) + v * g;
      });
    });
    const expected = sums.map((s) => Math.abs(s / 4));
    const fd = taylorByFiniteDifferences(tiny, xs, Array.from(rows.y))[0] ?? [];
    expected.forEach((v, j) => expect(fd[j]).toBeCloseTo(v, 6));
    expect(expected[2]).toBe(0); // a dead unit has no Taylor importance
    expect(Math.min(expected[0] ?? 0, expected[1] ?? 0)).toBeGreaterThan(0.1);
    const mlp = build(tiny);
    try {
      for (const batchSize of [1, 3, 256]) {
        const t = (await scoreUnits(mlp, 'taylor', { rows, batchSize }))[0] ?? [];
        expected.forEach((v, j) => expect(t[j]).toBeCloseTo(v, 5));
      }
    } finally {
      mlp.dispose();
    }
  });

  it('taylor matches finite differences through two tanh hidden layers', async () => {
    const mlp = createMlp(
      {
        kind: 'mlp',
        hidden: [
          { units: 5, activation: 'tanh', dropout: 0 },
          { units: 4, activation: 'tanh', dropout: 0 },
        ],
        l1: 0,
        l2: 0,
      },
      { nInputs: 3, nOutputs: 3 },
      7,
    );
    try {
      tf.tidy(() => mlp.layers.forEach((l, i) => l.bias.assign(tf.linspace(-0.3, 0.4 + i, l.bias.size))));
      const kernels = (await Promise.all(mlp.layers.map((l) => l.kernel.array()))) as number[][][];
      const biases = (await Promise.all(mlp.layers.map((l) => l.bias.array()))) as number[][];
      const plain: Plain = { kernels, biases, activations: mlp.layers.map((l) => l.activation) };
      const x = [
        [0.5, -1, 2],
        [1.5, 0.2, -0.3],
        [-1, -1, 0.7],
        [0, 2, 1],
        [0.3, 0.3, -2],
      ];
      const y = [0, 2, 1, 2, 0];
      const r: Rows = { x: Float32Array.from(x.flat()), y: Int32Array.from(y), n: 5 };
      const fd = taylorByFiniteDifferences(plain, x, y);
      const t = await scoreUnits(mlp, 'taylor', { rows: r, batchSize: 2 });
      expect(t.map((s) => s.length)).toEqual([5, 4]);
      fd.forEach((layer, i) => layer.forEach((v, j) => expect(t[i]?.[j]).toBeCloseTo(v, 5)));
    } finally {
      mlp.dispose();
    }
  });

  it('data-driven criteria need rows; no criterion leaves a tensor behind', async () => {
    const mlp = build(tiny);
    try {
      await expect(scoreUnits(mlp, 'taylor')).rejects.toThrow(/needs rows/);
      const before = tf.memory().numTensors;
      for (const c of ['l1', 'l2', 'mean-activation', 'apoz', 'taylor'] as const) await scoreUnits(mlp, c, { rows, batchSize: 3 });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      mlp.dispose();
    }
  });
});
