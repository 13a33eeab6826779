import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DivergenceError } from '../../errors';
import { createRng } from '../../rng';
import { defaultSpec, type DenseLayerSpec, type ModelSpec, type TrainingSpec } from '../../spec/schema';
import { useBackend } from '../../testing/node';
import { createNetwork } from '../model/registry';
import type { Network } from '../model/network';
import { classification, reconstruction, regression, type LearningTask } from '../task';
import { fusedTrainer, lossAndGradient } from './fused';
import { softmaxCrossEntropy } from './fusedMath';
import { train, type Rows, type TrainOptions } from './loop';
import type * as HeapKernelsModule from './heapKernels';

// The heap kernels with their calls counted, so a test can tell which of the wide-input paths ran.
const calls = vi.hoisted(() => new Map<string, number>());
vi.mock('./heapKernels', async (original) => {
  const mod = await original<typeof HeapKernelsModule>();
  return {
    ...mod,
    kernelsOn: (memory: object) => {
      const k = mod.kernelsOn(memory);
      if (!k) return k;
      const counted = (name: 'transpose' | 'sparseGradT' | 'gemmRows' | 'gatherRows') => (...args: number[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return (k[name] as (...a: number[]) => void)(...args);
      };
      return { ...k, transpose: counted('transpose'), sparseGradT: counted('sparseGradT'), gemmRows: counted('gemmRows'), gatherRows: counted('gatherRows') };
    },
  };
});


/** 96 seeded rows × 6 features, 3 classes that depend on the features (so training moves), and a regression target. */
function rows(): Rows {
  const rng = createRng(11);
  const n = 96;
  const x = Float32Array.from({ length: n * 6 }, () => rng.next() * 2 - 1);
  const y = Int32Array.from({ length: n }, (_, r) => ((x[r * 6] as number) + (x[r * 6 + 1] as number) > 0 ? 1 : 0) + ((x[r * 6 + 2] as number) > 0.5 ? 1 : 0));
  const t = Float32Array.from({ length: n }, (_, r) => (x[r * 6] as number) * 2 - (x[r * 6 + 3] as number));
  return { x, y, n, t };
}
const data = rows();

/** 96 seeded rows × 300 features (a first layer wide enough to read the batch transposed), classes from the first few. */
function wideRows(): Rows {
  const rng = createRng(13);
  const n = 96;
  const d = 300;
  const x = Float32Array.from({ length: n * d }, () => rng.next() * 2 - 1);
  const y = Int32Array.from({ length: n }, (_, r) => ((x[r * d] as number) + (x[r * d + 1] as number) > 0 ? 1 : 0) + ((x[r * d + 2] as number) > 0.5 ? 1 : 0));
  return { x, y, n };
}

const mlp = (hidden: [number, DenseLayerSpec['activation'], number][], l1 = 0, l2 = 0): ModelSpec => ({ kind: 'mlp', hidden: hidden.map(([units, activation, dropout]) => ({ units, activation, dropout })), l1, l2 });

/** Trains two copies of the same network (same seed) on both paths; returns their weights and loss curves. */
async function both(model: ModelSpec, t: Partial<TrainingSpec>, task: LearningTask = classification, extra: Partial<TrainOptions> = {}, set: Rows = data) {
  const nIn = set.x.length / set.n;
  const nOut = task.id === 'classification' ? 3 : task.id === 'regression' ? 1 : nIn;
  const out = [];
  for (const path of ['reference', 'auto'] as const) {
    const net = createNetwork(model, { nInputs: nIn, nOutputs: nOut }, 5);
    try {
      // The training rows double as the held-out rows: each epoch's validation loss and metric are compared too.
      const r = await train(net, set, { training: { ...defaultSpec().training, batchSize: 16, epochs: 4, ...t }, l1: model.l1, l2: model.l2, seed: 9, task, path, val: set, ...extra });
      expect(r.path).toBe(path === 'auto' ? 'fused' : 'reference');
      out.push({ losses: r.history.flatMap((h) => [h.loss, h.valLoss ?? Number.NaN, h.valAccuracy ?? Number.NaN]), weights: net.weightLayers.flatMap((l) => [l.kernel.dataSync(), l.bias.dataSync()]).map((a) => Array.from(a)) });
    } finally {
      net.dispose();
    }
  }
  const [ref, fast] = out as [(typeof out)[0], (typeof out)[0]];
  return { ref, fast };
}

function expectClose(a: number[][], b: number[][], tol: number) {
  expect(b.length).toBe(a.length);
  let worst = 0;
  a.forEach((xs, i) => xs.forEach((x, j) => (worst = Math.max(worst, Math.abs(x - (b[i]?.[j] ?? Number.NaN))))));
  expect(worst).toBeLessThan(tol);
}

describe.each([
  ['wasm', 'heap'],
  ['cpu', 'tensor'],
] as const)('fused training path on %s (%s step) equals tf.train on the same seed', (backend, kind) => {
  beforeAll(async () => {
    await useBackend(backend);
  });
  it.each([
    ['adam, relu + tanh, dropout, L1 + L2', mlp([[12, 'relu', 0.2], [7, 'tanh', 0]], 1e-3, 1e-3), { optimizer: 'adam' as const, learningRate: 0.01 }],
    ['adam, relu + relu, odd widths (the kernels’ edge tiles)', mlp([[17, 'relu', 0], [5, 'relu', 0]]), { optimizer: 'adam' as const, learningRate: 0.01, batchSize: 13 }],
    ['sgd, sigmoid', mlp([[10, 'sigmoid', 0]]), { optimizer: 'sgd' as const, learningRate: 0.2 }],
    ['Nesterov momentum, elu, step schedule', mlp([[10, 'elu', 0.1]]), { optimizer: 'momentum' as const, learningRate: 0.05, momentum: 0.9, nesterov: true, schedule: { kind: 'step' as const, warmupEpochs: 1, stepEpochs: 2, gamma: 0.5, minLearningRate: 0 } }],
    ['rmsprop, linear', mlp([[8, 'linear', 0]], 0, 1e-2), { optimizer: 'rmsprop' as const, learningRate: 0.005 }],
  ])('%s', async (_name, model, t) => {
    const { ref, fast } = await both(model, t);
    expectClose([ref.losses], [fast.losses], 1e-4);
    expect(ref.losses.every(Number.isFinite)).toBe(true);
    expectClose(ref.weights, fast.weights, 1e-4);
    // The run really trained: the training loss moved (entries are loss, validation loss, validation metric per epoch).
    expect(Math.abs((ref.losses[0] as number) - (ref.losses.at(-3) as number))).toBeGreaterThan(1e-3);
  });

  it.each([
    ['relu (on WASM: summed over d’s nonzeros only)', 'relu', 'sparseGradT'],
    ['tanh (on WASM: read from a transposed copy of the batch)', 'tanh', 'transpose'],
  ] as const)('a wide first layer (300 inputs), %s, with a short last batch', async (_name, act, kernel) => {
    calls.clear();
    const { ref, fast } = await both(mlp([[20, act, 0]]), { optimizer: 'adam', learningRate: 0.01, batchSize: 13 }, classification, {}, wideRows());
    expectClose([ref.losses], [fast.losses], 1e-4);
    expectClose(ref.weights, fast.weights, 1e-4);
    expect(Math.abs((ref.losses[0] as number) - (ref.losses.at(-3) as number))).toBeGreaterThan(1e-3);
    // 96 rows in batches of 13: 8 steps an epoch, 4 epochs; the other wide path never ran.
    if (kind === 'heap') {
      expect(calls.get(kernel)).toBeGreaterThanOrEqual(32);
      if (kernel === 'transpose') expect(calls.get('sparseGradT') ?? 0).toBe(0);
      // Relu's first layer reads the batch through its row indices (the forward product and the gradient), never gathered; tanh's gathers it.
      expect([calls.get('gemmRows') ?? 0, calls.get('gatherRows') ?? 0]).toEqual(kernel === 'sparseGradT' ? [32, 0] : [0, 32]);
    } else expect(calls.size).toBe(0);
  });

  it('a wide hidden relu layer (260 units with dropout into 12 relu units: on WASM the second layer’s gradient skips relu’s zeros)', async () => {
    calls.clear();
    const { ref, fast } = await both(mlp([[260, 'relu', 0.2], [12, 'relu', 0]]), { optimizer: 'adam', learningRate: 0.01, batchSize: 13 });
    expectClose([ref.losses], [fast.losses], 1e-4);
    expectClose(ref.weights, fast.weights, 1e-4);
    expect(Math.abs((ref.losses[0] as number) - (ref.losses.at(-3) as number))).toBeGreaterThan(1e-3);
    // Only the second layer is wide (6 inputs to the first): once a step, 8 steps an epoch, 4 epochs.
    if (kind === 'heap') expect([calls.get('sparseGradT'), calls.get('gemmRows') ?? 0, calls.get('gatherRows')]).toEqual([32, 0, 32]);
  });

  it('regression and reconstruction (mean squared error)', async () => {
    for (const task of [regression, reconstruction]) {
      const { ref, fast } = await both(mlp([[9, 'relu', 0]]), { optimizer: 'adam', learningRate: 0.01 }, task);
      expectClose([ref.losses], [fast.losses], 1e-4);
      expectClose(ref.weights, fast.weights, 1e-4);
    }
  });

  it('keeps a hook’s change of the weights (pruning masks re-applied after every step)', async () => {
    let net: Network | null = null;
    const zeroFirstColumn = () => {
      const k = net?.weightLayers[0]?.kernel;
      if (k) tf.tidy(() => k.assign(tf.mul(k, tf.tensor2d(Float32Array.from({ length: k.size }, (_, i) => (i % (k.shape[1] ?? 1) === 0 ? 0 : 1)), k.shape as [number, number]))));
    };
    const out: number[][][] = [];
    for (const path of ['reference', 'auto'] as const) {
      net = createNetwork(mlp([[8, 'relu', 0]]), { nInputs: 6, nOutputs: 3 }, 5);
      await train(net, data, { training: { ...defaultSpec().training, batchSize: 16, epochs: 3, learningRate: 0.01 }, l1: 0, l2: 0, seed: 9, path, afterStep: zeroFirstColumn });
      const kernel = Array.from(net.weightLayers[0]?.kernel.dataSync() ?? []);
      expect(kernel.filter((_, i) => i % 8 === 0).every((w) => w === 0)).toBe(true);
      out.push(net.weightLayers.map((l) => Array.from(l.kernel.dataSync())));
      net.dispose();
    }
    expectClose(out[0] as number[][], out[1] as number[][], 1e-4);
  });

  it('holds pruning masks on its own buffer (weight ⊙ mask after every step), as the reference path does through the variables', async () => {
    const out: number[][][] = [];
    for (const path of ['reference', 'auto'] as const) {
      const net = createNetwork(mlp([[8, 'relu', 0]]), { nInputs: 6, nOutputs: 3 }, 5);
      const slots = net.weightLayers.map((l) => ({ variable: l.kernel }));
      const masks = slots.map((s, j) => Uint8Array.from({ length: s.variable.size }, (_, k) => ((k + j) % 3 === 0 ? 0 : 1)));
      let applied = 0;
      const held = {
        slots,
        masks,
        apply: () => {
          applied++;
          tf.tidy(() => slots.forEach((s, j) => s.variable.assign(tf.mul(s.variable, tf.tensor(Float32Array.from(masks[j] as Uint8Array), s.variable.shape)))));
        },
      };
      held.apply();
      applied = 0;
      await train(net, data, { training: { ...defaultSpec().training, batchSize: 16, epochs: 3, learningRate: 0.01 }, l1: 0, l2: 0, seed: 9, path, holdMasks: held });
      // 3 epochs × 6 steps through the variables on the reference path; none on the fused one.
      expect(applied).toBe(path === 'reference' ? 18 : 0);
      const kernels = net.weightLayers.map((l) => Array.from(l.kernel.dataSync()));
      kernels.forEach((k, j) => expect(k.every((w, i) => (masks[j]?.[i] === 0 ? w === 0 : w !== 0))).toBe(true));
      out.push(kernels);
      net.dispose();
    }
    expectClose(out[0] as number[][], out[1] as number[][], 1e-4);
  });

  it('follows a schedule that installs sparser masks mid-training (AGP): their zeros are held from that step on', async () => {
    const out: number[][][] = [];
    for (const path of ['reference', 'auto'] as const) {
      const net = createNetwork(mlp([[8, 'relu', 0]]), { nInputs: 6, nOutputs: 3 }, 5);
      const slots = net.weightLayers.map((l) => ({ variable: l.kernel }));
      const maskAt = (every: number) => slots.map((s, j) => Uint8Array.from({ length: s.variable.size }, (_, k) => ((k + j) % every === 0 ? 0 : 1)));
      const held = {
        slots,
        masks: maskAt(4),
        apply: () => tf.tidy(() => slots.forEach((s, j) => s.variable.assign(tf.mul(s.variable, tf.tensor(Float32Array.from(held.masks[j] as Uint8Array), s.variable.shape))))),
      };
      held.apply();
      // At step 9 (of 18) a new, sparser set of masks is installed (a new array, as MaskSet.set does) and applied.
      const beforeStep = () => {
        held.masks = slots.map((s, j) => Uint8Array.from({ length: s.variable.size }, (_, k) => ((k + j) % 4 === 0 || (k + j) % 3 === 0 ? 0 : 1)));
        held.apply();
      };
      await train(net, data, { training: { ...defaultSpec().training, batchSize: 16, epochs: 3, learningRate: 0.01 }, l1: 0, l2: 0, seed: 9, path, holdMasks: held, beforeStep, beforeStepWhen: (step) => step === 9 });
      const kernels = net.weightLayers.map((l) => Array.from(l.kernel.dataSync()));
      kernels.forEach((k, j) => expect(k.every((w, i) => (held.masks[j]?.[i] === 0 ? w === 0 : w !== 0))).toBe(true));
      out.push(kernels);
      net.dispose();
    }
    expectClose(out[0] as number[][], out[1] as number[][], 1e-4);
  });

  it('writes the variables when asked (weightsReady in onEpoch) and at the end: each epoch sees that epoch’s weights', async () => {
    const model = mlp([[8, 'relu', 0]]);
    const training = (epochs: number) => ({ ...defaultSpec().training, batchSize: 16, epochs });
    const weightsOf = (net: Network) => net.weightLayers.flatMap((l) => Array.from(l.kernel.dataSync()));
    const net = createNetwork(model, { nInputs: 6, nOutputs: 3 }, 5);
    const seen: number[][] = [];
    const r = await train(net, data, {
      training: training(3),
      l1: 0,
      l2: 0,
      seed: 9,
      onEpoch: (_, weightsReady) => {
        weightsReady();
        seen.push(weightsOf(net));
      },
    });
    expect(r.path).toBe('fused');
    expect(weightsOf(net)).toEqual(seen[2]);
    net.dispose();
    // The same seed trained for 1 and 2 epochs ends where the 3-epoch run was after its first and second.
    for (const epochs of [1, 2]) {
      const short = createNetwork(model, { nInputs: 6, nOutputs: 3 }, 5);
      await train(short, data, { training: training(epochs), l1: 0, l2: 0, seed: 9 });
      expect(weightsOf(short)).toEqual(seen[epochs - 1]);
      short.dispose();
    }
    expect(seen[0]).not.toEqual(seen[1]);
  });

  it('a diverging net ends in DivergenceError (NaN logits never trap a kernel)', async () => {
    const net = createNetwork(mlp([[16, 'linear', 0]]), { nInputs: 6, nOutputs: 3 }, 5);
    const run = train(net, data, { training: { ...defaultSpec().training, optimizer: 'sgd', learningRate: 1e6, batchSize: 16, epochs: 30 }, l1: 0, l2: 0, seed: 1 });
    await expect(run).rejects.toBeInstanceOf(DivergenceError);
    net.dispose();
  });

  it('leaves no tensor behind', async () => {
    const net = createNetwork(mlp([[8, 'relu', 0.1]]), { nInputs: 6, nOutputs: 3 }, 5);
    const before = tf.memory().numTensors;
    await train(net, data, { training: { ...defaultSpec().training, batchSize: 16, epochs: 2 }, l1: 1e-3, l2: 1e-3, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('runs only for the built-in MLP (a CNN takes the reference path)', () => {
    const t = defaultSpec().training;
    const m = createNetwork(mlp([[4, 'relu', 0]]), { nInputs: 6, nOutputs: 3 }, 1);
    const cnn = createNetwork({ kind: 'cnn', conv: [{ filters: 2, kernelSize: 3, activation: 'relu', pool: 'max' }], hidden: [], l1: 0, l2: 0 }, { nInputs: 16, nOutputs: 3, imageShape: [4, 4, 1] }, 1);
    const f = fusedTrainer(m, classification, t, 0, 0);
    expect(f?.kind).toBe(kind);
    f?.dispose();
    expect(fusedTrainer(cnn, classification, t, 0, 0)).toBeNull();
    m.dispose();
    cnn.dispose();
  });
});

describe('lossAndGradient', () => {
  it('softmax cross-entropy and its gradient, by hand', () => {
    // logits [0, ln 3] → p = [1/4, 3/4]; target class 1 → loss −ln(3/4); gradient (p − y)/1.
    const g = new Float32Array(2);
    const loss = lossAndGradient(classification, Float32Array.from([0, Math.log(3)]), Float32Array.from([0, 1]), 1, 2, g);
    expect(loss).toBeCloseTo(-Math.log(0.75), 6);
    expect(Array.from(g)).toEqual([expect.closeTo(0.25, 6), expect.closeTo(-0.25, 6)]);
  });
  it('softmaxCrossEntropy (from a softmax already taken) gives the same loss and gradient, in place too', () => {
    // Logits far apart (a p of ~e⁻⁶⁰ in row 2, which a log of p itself would lose), soft targets in row 3.
    const out = Float32Array.from([0.3, -1.2, 2.5, 40, -20, 1, -3, 0.5, 0.5]);
    const y = Float32Array.from([0, 0, 1, 0, 1, 0, 0.2, 0.3, 0.5]);
    const want = new Float32Array(9);
    const wantLoss = lossAndGradient(classification, out, y, 3, 3, want);
    const p = new Float32Array(9);
    for (let r = 0; r < 3; r++) {
      const row = Array.from(out.subarray(3 * r, 3 * r + 3));
      const m = Math.max(...row);
      const sum = row.reduce((a, o) => a + Math.exp(o - m), 0);
      row.forEach((o, c) => (p[3 * r + c] = Math.exp(o - m) / sum));
    }
    const g = new Float32Array(9);
    const loss = softmaxCrossEntropy(p, out, y, 3, 3, g);
    expect(loss).toBeCloseTo(wantLoss, 5);
    expect(Array.from(g)).toEqual(Array.from(want).map((v) => expect.closeTo(v, 6)));
    const inPlace = p.slice();
    expect(softmaxCrossEntropy(inPlace, out, y, 3, 3, inPlace)).toBeCloseTo(wantLoss, 5);
    expect(Array.from(inPlace)).toEqual(Array.from(want).map((v) => expect.closeTo(v, 6)));
  });
  it('mean squared error over every output: 2·(out − y)/count', () => {
    const g = new Float32Array(4);
    const loss = lossAndGradient(regression, Float32Array.from([1, 2, 3, 4]), Float32Array.from([1, 0, 3, 0]), 2, 2, g);
    expect(loss).toBeCloseTo((4 + 16) / 4, 6);
    expect(Array.from(g)).toEqual([0, 1, 0, 2]);
  });
});
