import { type DenseLayerSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS } from '../../data/builtin';
import { fitStandardizer, gatherRows } from '../../data/standardize';
import { CancelledError, DivergenceError } from '../../errors';
import { defaultSpec, type ModelSpec, type OptimizerName, type TrainingSpec } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import type { MlpNet } from '../model/mlp';
import { createMlp } from '../model/registry';
import { copyBatchRows } from './batchRows';
import { evaluate, train, type EpochMetrics, type Rows } from './loop';

beforeAll(async () => {
  await useBackend('cpu');
});

const iris = loadBuiltinSync('iris', BUILTIN_DATASETS.iris.file);
const cancer = loadBuiltinSync('breast_cancer', BUILTIN_DATASETS.breast_cancer.file);
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** All of iris, standardised on all rows. */
const irisRows: Rows = { x: gatherRows(iris.x, 4, all(150), fitStandardizer(iris.x, 4, all(150))), y: iris.y, n: 150 };
/** All of breast cancer, raw (not standardised): features up to ~4000. */
const cancerRaw: Rows = { x: gatherRows(cancer.x, 30, all(569)), y: cancer.y, n: 569 };

const model = (units = 16, activation: DenseLayerSpec['activation'] = 'relu', dropout = 0): ModelSpec => ({
  kind: 'mlp',
  hidden: [{ units, activation, dropout }],
  l1: 0,
  l2: 0,
});

const training = (over: Partial<TrainingSpec> = {}): TrainingSpec => ({ ...defaultSpec().training, ...over });

async function withMlp<T>(spec: ModelSpec, nIn: number, nOut: number, seed: number, f: (m: MlpNet) => Promise<T>): Promise<T> {
  const m = createMlp(spec, { nInputs: nIn, nOutputs: nOut }, seed);
  try {
    return await f(m);
  } finally {
    m.dispose();
  }
}

/** scikit-learn MLPClassifier's early-stopping rule (_update_no_improvement_count), applied to a loss curve. */
function sklearnStopEpoch(losses: number[], patience: number, tol: number): number | null {
  let best = Infinity;
  let count = 0;
  for (const [i, loss] of losses.entries()) {
    if (loss > best - tol) count++;
    else count = 0;
    if (loss < best) best = loss;
    if (count > patience) return i + 1;
  }
  return null;
}

describe('train: optimizers', () => {
  const lrs: Record<OptimizerName, number> = { sgd: 0.1, momentum: 0.02, adam: 0.01, rmsprop: 0.005 };
  it.each(Object.keys(lrs) as OptimizerName[])('%s lowers the training loss on iris over 20 epochs', async (optimizer) => {
    await withMlp(model(), 4, 3, 1, async (m) => {
      const before = await evaluate(m, irisRows);
      const { history } = await train(m, irisRows, {
        training: training({ optimizer, learningRate: lrs[optimizer], batchSize: 32, epochs: 20 }),
        l1: 0,
        l2: 0,
        seed: 1,
      });
      const after = await evaluate(m, irisRows);
      expect(history).toHaveLength(20);
      // Near ln 3 ≈ 1.1 at initialisation.
      expect(before.loss).toBeGreaterThan(0.6);
      expect(after.loss).toBeLessThan(0.6 * before.loss);
      expect(history.at(-1)?.loss).toBeLessThan(0.7 * (history[0]?.loss ?? 0));
      expect(after.accuracy).toBeGreaterThan(0.8);
    });
  });

  it('different optimizers take different paths from the same start', async () => {
    const finalLoss = (optimizer: OptimizerName) =>
      withMlp(model(), 4, 3, 1, async (m) => {
        const { history } = await train(m, irisRows, { training: training({ optimizer, learningRate: 0.01, batchSize: 32, epochs: 3 }), l1: 0, l2: 0, seed: 1 });
        return history.at(-1)?.loss;
      });
    const losses = await Promise.all((['sgd', 'momentum', 'adam', 'rmsprop'] as const).map(finalLoss));
    expect(new Set(losses).size).toBe(4);
  });
});

describe('train: the reported loss', () => {
  it('is the batch-size-weighted mean cross-entropy over the epoch (uneven last batch)', async () => {
    await withMlp(model(8), 4, 3, 2, async (m) => {
      const start = await evaluate(m, irisRows);
      // A negligible learning rate: weights stay put, so the epoch's mean mini-batch loss equals the full-data loss.
      const { history } = await train(m, irisRows, { training: training({ optimizer: 'sgd', learningRate: 1e-12, batchSize: 40, epochs: 1 }), l1: 0, l2: 0, seed: 3 });
      expect(history[0]?.loss).toBeCloseTo(start.loss, 5);
    });
  });

  it('adds l2·Σw² and l1·Σ|w| over the kernels only (Keras semantics)', async () => {
    await withMlp(model(8), 4, 3, 2, async (m) => {
      tf.tidy(() => m.layers.forEach((l) => l.bias.assign(tf.fill(l.bias.shape, 0.5)))); // biases must not count
      const start = await evaluate(m, irisRows);
      const kernels = m.layers.flatMap((l) => [...l.kernel.dataSync()]);
      const sq = kernels.reduce((a, w) => a + w * w, 0);
      const abs = kernels.reduce((a, w) => a + Math.abs(w), 0);
      const { history } = await train(m, irisRows, { training: training({ optimizer: 'sgd', learningRate: 1e-12, batchSize: 150, epochs: 1 }), l1: 0.01, l2: 0.1, seed: 3 });
      expect(history[0]?.loss).toBeCloseTo(start.loss + 0.1 * sq + 0.01 * abs, 4);
    });
  });

  it('reports validation loss and accuracy only when validation rows are given', async () => {
    await withMlp(model(8), 4, 3, 2, async (m) => {
      const seen: EpochMetrics[] = [];
      const val: Rows = { x: irisRows.x.slice(0, 40 * 4), y: irisRows.y.slice(0, 40), n: 40 };
      const r = await train(m, irisRows, { training: training({ batchSize: 50, epochs: 3 }), l1: 0, l2: 0, seed: 1, val, onEpoch: (e) => void seen.push(e) });
      expect(seen.map((e) => e.epoch)).toEqual([1, 2, 3]);
      expect(seen).toEqual(r.history);
      const final = await evaluate(m, val);
      expect(r.history.at(-1)?.valLoss).toBeCloseTo(final.loss, 6);
      expect(r.history.at(-1)?.valAccuracy).toBe(final.accuracy);
      const noVal = await train(m, irisRows, { training: training({ epochs: 1 }), l1: 0, l2: 0, seed: 1 });
      expect(noVal.history[0]).toMatchObject({ valLoss: null, valAccuracy: null });
    });
  });

  it('calls beforeStep with the global step index and afterStep after each step', async () => {
    await withMlp(model(4), 4, 3, 2, async (m) => {
      const events: string[] = [];
      await train(m, irisRows, {
        training: training({ batchSize: 64, epochs: 2 }), // 3 batches per epoch: 64, 64, 22
        l1: 0,
        l2: 0,
        seed: 1,
        beforeStep: (s) => void events.push(`b${s}`),
        afterStep: () => void events.push('a'),
        onEpoch: (e) => void events.push(`e${e.epoch}`),
      });
      expect(events).toEqual(['b0', 'a', 'b1', 'a', 'b2', 'a', 'e1', 'b3', 'a', 'b4', 'a', 'b5', 'a', 'e2']);
    });
  });

  it('is deterministic for a seed, also with dropout; a different shuffle seed changes the path', async () => {
    const run = (seed: number) =>
      withMlp(model(16, 'relu', 0.3), 4, 3, 5, async (m) => {
        const { history } = await train(m, irisRows, { training: training({ optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 5 }), l1: 0, l2: 0, seed });
        return { losses: history.map((h) => h.loss), w: [...(m.layers[0]?.kernel.dataSync() ?? [])] };
      });
    const a = await run(1);
    const b = await run(1);
    const c = await run(2);
    expect(b).toEqual(a);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('shuffles the mini-batches by the seed (no dropout: the seed only orders the rows)', async () => {
    const run = (seed: number) =>
      withMlp(model(8), 4, 3, 5, async (m) => {
        const { history } = await train(m, irisRows, { training: training({ optimizer: 'sgd', learningRate: 0.1, batchSize: 30, epochs: 2 }), l1: 0, l2: 0, seed });
        return history.map((h) => h.loss);
      });
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
  });
});

describe('train: early stopping (scikit-learn rule)', () => {
  it('with a huge minDelta stops after patience + 2 epochs', async () => {
    await withMlp(model(), 4, 3, 1, async (m) => {
      const patience = 3;
      const r = await train(m, irisRows, {
        training: training({ learningRate: 0.01, batchSize: 50, epochs: 100, earlyStopping: { enabled: true, patience, minDelta: 1 } }),
        l1: 0,
        l2: 0,
        seed: 1,
      });
      // Epoch 1 sets the best loss; epochs 2 … k count as no improvement; the run stops once the count exceeds patience.
      expect(r.stoppedEarly).toBe(true);
      expect(r.history).toHaveLength(patience + 2);
      expect(sklearnStopEpoch(r.history.map((h) => h.loss), patience, 1)).toBe(patience + 2);
    });
  });

  it('with a moderate minDelta stops exactly where scikit-learn’s rule says, well before the limit', async () => {
    await withMlp(model(), 4, 3, 1, async (m) => {
      const patience = 5;
      const minDelta = 0.005;
      const epochs = 400;
      const r = await train(m, irisRows, {
        training: training({ optimizer: 'adam', learningRate: 0.01, batchSize: 50, epochs, earlyStopping: { enabled: true, patience, minDelta } }),
        l1: 0,
        l2: 0,
        seed: 1,
      });
      const losses = r.history.map((h) => h.loss);
      expect(r.stoppedEarly).toBe(true);
      expect(losses.length).toBeGreaterThan(patience + 2); // it did improve for a while
      expect(losses.length).toBeLessThan(epochs);
      expect(sklearnStopEpoch(losses, patience, minDelta)).toBe(losses.length);
    });
  });

  it('on a noisy curve compares with the best loss so far, not the last one', async () => {
    // Adam lr 0.05, batch 16: the loss goes up and down. Counting against the previous epoch instead of
    // the best would run to epoch 74 here; sklearn's rule stops at 17.
    await withMlp(model(), 4, 3, 1, async (m) => {
      const patience = 3;
      const r = await train(m, irisRows, {
        training: training({ optimizer: 'adam', learningRate: 0.05, batchSize: 16, epochs: 120, earlyStopping: { enabled: true, patience, minDelta: 0 } }),
        l1: 0,
        l2: 0,
        seed: 1,
      });
      const losses = r.history.map((h) => h.loss);
      expect(losses.some((l, i) => i > 0 && l > (losses[i - 1] ?? Infinity))).toBe(true);
      expect(r.stoppedEarly).toBe(true);
      expect(sklearnStopEpoch(losses, patience, 0)).toBe(losses.length);
    });
  });

  it('disabled: runs every epoch even when the loss stalls', async () => {
    await withMlp(model(), 4, 3, 1, async (m) => {
      const r = await train(m, irisRows, {
        training: training({ learningRate: 0.01, batchSize: 150, epochs: 12, earlyStopping: { enabled: false, patience: 1, minDelta: 1 } }),
        l1: 0,
        l2: 0,
        seed: 1,
      });
      expect(r.stoppedEarly).toBe(false);
      expect(r.history).toHaveLength(12);
    });
  });
});

describe('train: failures', () => {
  it('throws DivergenceError when the loss becomes NaN (linear hidden layer, SGD lr 10, raw breast-cancer features)', async () => {
    // Verified: this diverges in epoch 2 for several seeds. (With ReLU the units die instead and the loss stays finite.)
    const before = tf.memory().numTensors;
    await withMlp(model(32, 'linear'), 30, 2, 1, async (m) => {
      const mid = tf.memory().numTensors;
      const seen: number[] = [];
      const p = train(m, cancerRaw, {
        training: training({ optimizer: 'sgd', learningRate: 10, batchSize: 200, epochs: 50 }),
        l1: 0,
        l2: 0,
        seed: 1,
        onEpoch: (e) => void seen.push(e.epoch),
      });
      await expect(p).rejects.toBeInstanceOf(DivergenceError);
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DivergenceError);
      const epoch = (err as DivergenceError).epoch;
      expect(epoch).toBeGreaterThanOrEqual(1);
      expect(epoch).toBeLessThanOrEqual(5);
      expect((err as Error).message).toMatch(new RegExp(`diverged at epoch ${epoch}.*standardise`));
      // Only the finite epochs before it were reported.
      expect(seen).toEqual(Array.from({ length: epoch - 1 }, (_, i) => i + 1));
      expect(tf.memory().numTensors).toBe(mid);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the same network with standardised features and a sane learning rate does not diverge', async () => {
    const rows = all(569);
    const std: Rows = { x: gatherRows(cancer.x, 30, rows, fitStandardizer(cancer.x, 30, rows)), y: cancer.y, n: 569 };
    await withMlp(model(32, 'linear'), 30, 2, 1, async (m) => {
      const r = await train(m, std, { training: training({ optimizer: 'sgd', learningRate: 0.01, batchSize: 200, epochs: 5 }), l1: 0, l2: 0, seed: 1 });
      expect(r.history.every((h) => Number.isFinite(h.loss))).toBe(true);
    });
  });

  it.each(['sgd', 'momentum', 'adam', 'rmsprop'] as const)('isCancelled → CancelledError mid-epoch, tensor count unchanged (%s)', async (optimizer) => {
    await withMlp(model(16, 'relu', 0.2), 4, 3, 1, async (m) => {
      const before = tf.memory().numTensors;
      let polls = 0;
      const epochs: number[] = [];
      const p = train(m, irisRows, {
        training: training({ optimizer, learningRate: 0.01, batchSize: 32, epochs: 50 }), // 5 batches per epoch
        l1: 1e-4,
        l2: 1e-4,
        seed: 1,
        isCancelled: () => ++polls > 7, // cancels at the 3rd batch of epoch 2
        onEpoch: (e) => void epochs.push(e.epoch),
      });
      await expect(p).rejects.toBeInstanceOf(CancelledError);
      await expect(p).rejects.toThrow('The run was cancelled.');
      expect(polls).toBe(8);
      expect(epochs).toEqual([1]);
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  it('a run that is cancelled before it starts changes no weights', async () => {
    await withMlp(model(4), 4, 3, 1, async (m) => {
      const w = [...(m.layers[0]?.kernel.dataSync() ?? [])];
      await expect(train(m, irisRows, { training: training(), l1: 0, l2: 0, seed: 1, isCancelled: () => true })).rejects.toBeInstanceOf(CancelledError);
      expect([...(m.layers[0]?.kernel.dataSync() ?? [])]).toEqual(w);
    });
  });
});

describe('copyBatchRows', () => {
  it('copies the chosen rows in order, short rows (element loop) and long rows (memcpy) alike', () => {
    for (const nF of [3, 20]) {
      const x = Float32Array.from({ length: 5 * nF }, (_, i) => i + 0.5);
      const out = new Float32Array(4 * nF).fill(-1);
      copyBatchRows(x, Int32Array.from([4, 0, 2]), nF, out);
      const want = [4, 0, 2].flatMap((r) => Array.from({ length: nF }, (_, f) => r * nF + f + 0.5));
      expect(Array.from(out.subarray(0, 3 * nF))).toEqual(want);
      expect(Array.from(out.subarray(3 * nF))).toEqual(new Array(nF).fill(-1));
    }
  });
});
