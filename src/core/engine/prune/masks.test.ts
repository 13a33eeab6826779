import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitStandardizer, gatherRows } from '../../data/standardize';
import { magnitudeLayer } from '../../prune/methods/magnitudeLayer';
import { TORCH_SEMANTICS, type Mask } from '../../prune/types';
import { createRng } from '../../rng';
import { defaultSpec, type ModelSpec, type OptimizerName } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import type { MlpNet } from '../model/mlp';
import { createMlp, createNetwork } from '../model/registry';
import { train, type Rows } from '../train/loop';
import { loadWeights, MaskSet, prunableSlots, readSlots, readWeights } from './masks';

const model = (units: number[]): ModelSpec => ({ kind: 'mlp', hidden: units.map((u) => ({ units: u, activation: 'relu', dropout: 0 })), l1: 0, l2: 0 });

/** Runs `f` on a fresh 3 → 5 → 4 → 2 MLP and disposes it. */
async function withMlp<T>(f: (mlp: MlpNet) => Promise<T> | T): Promise<T> {
  const mlp = createMlp(model([5, 4]), { nInputs: 3, nOutputs: 2 }, 1);
  try {
    return await f(mlp);
  } finally {
    mlp.dispose();
  }
}

const read = async (v: tf.Tensor) => Float32Array.from(await v.data());

beforeAll(async () => {
  await useBackend('cpu');
});

describe('prunableSlots', () => {
  it('default scope: every kernel, the output layer included, no biases', () =>
    withMlp((mlp) => {
      const slots = prunableSlots(mlp, { biases: false, outputLayer: true });
      expect(slots.map((s) => [s.name, s.layer, s.part])).toEqual([
        ['dense_1/kernel', 'dense_1', 'kernel'],
        ['dense_2/kernel', 'dense_2', 'kernel'],
        ['output/kernel', 'output', 'kernel'],
      ]);
      // Slot.layer names the weight layer; each slot is that layer's own variable, in layer order.
      slots.forEach((s, i) => {
        expect(mlp.layers[i]?.name).toBe(s.layer);
        expect(s.variable).toBe(mlp.layers.find((l) => l.name === s.layer)?.kernel);
      });
      expect(slots.map((s) => s.variable.shape)).toEqual([
        [3, 5],
        [5, 4],
        [4, 2],
      ]);
    }));

  it('biases: true adds each layer’s bias right after its kernel', () =>
    withMlp((mlp) => {
      const slots = prunableSlots(mlp, { biases: true, outputLayer: true });
      expect(slots.map((s) => s.name)).toEqual(['dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias', 'output/kernel', 'output/bias']);
      expect(slots.map((s) => [s.layer, s.part])).toEqual([
        ['dense_1', 'kernel'],
        ['dense_1', 'bias'],
        ['dense_2', 'kernel'],
        ['dense_2', 'bias'],
        ['output', 'kernel'],
        ['output', 'bias'],
      ]);
      expect(slots[5]?.variable).toBe(mlp.layers[2]?.bias);
      expect(slots[1]?.variable).toBe(mlp.layers[0]?.bias);
    }));

  it('outputLayer: false drops the last layer’s slots', () =>
    withMlp((mlp) => {
      expect(prunableSlots(mlp, { biases: false, outputLayer: false }).map((s) => s.name)).toEqual(['dense_1/kernel', 'dense_2/kernel']);
      expect(prunableSlots(mlp, { biases: true, outputLayer: false }).map((s) => s.name)).toEqual(['dense_1/kernel', 'dense_1/bias', 'dense_2/kernel', 'dense_2/bias']);
    }));

  it('readSlots returns each slot’s name, shape and current values', () =>
    withMlp(async (mlp) => {
      const slots = prunableSlots(mlp, { biases: true, outputLayer: true });
      const t = await readSlots(slots);
      expect(t.map((x) => [x.name, x.shape, x.values.length])).toEqual([
        ['dense_1/kernel', [3, 5], 15],
        ['dense_1/bias', [5], 5],
        ['dense_2/kernel', [5, 4], 20],
        ['dense_2/bias', [4], 4],
        ['output/kernel', [4, 2], 8],
        ['output/bias', [2], 2],
      ]);
      expect(t[0]?.values).toEqual(await read(mlp.layers[0]?.kernel ?? tf.scalar(0)));
      expect([...(t[1]?.values ?? [])]).toEqual([0, 0, 0, 0, 0]); // biases start at zero
    }));
});

describe('MaskSet', () => {
  it('starts with all-ones masks and apply() is a no-op until masks are set', () =>
    withMlp(async (mlp) => {
      const ms = new MaskSet(prunableSlots(mlp, { biases: false, outputLayer: true }));
      expect(ms.masks.map((m) => [m.length, m.every((v) => v === 1)])).toEqual([
        [15, true],
        [20, true],
        [8, true],
      ]);
      const before = await read(mlp.layers[0]?.kernel ?? tf.scalar(0));
      ms.apply();
      expect(await read(mlp.layers[0]?.kernel ?? tf.scalar(0))).toEqual(before);
      ms.dispose();
    }));

  it('set() zeroes exactly the pruned weights at once and keeps a copy of the masks', () =>
    withMlp(async (mlp) => {
      const slots = prunableSlots(mlp, { biases: false, outputLayer: true });
      const ms = new MaskSet(slots);
      const before = await Promise.all(slots.map((s) => read(s.variable)));
      const masks: Mask[] = before.map((v) => Uint8Array.from(v, (_, i) => (i % 3 === 0 ? 0 : 1)));
      ms.set(masks);
      masks[0]?.fill(0); // mutating the caller's array must not change the installed masks
      const after = await Promise.all(slots.map((s) => read(s.variable)));
      // (A masked negative weight becomes −0, hence the abs.)
      after.forEach((v, t) => v.forEach((x, i) => (i % 3 === 0 ? expect(Math.abs(x)).toBe(0) : expect(x).toBe(before[t]?.[i]))));
      expect(ms.masks[0]?.[1]).toBe(1);
      ms.dispose();
    }));

  it('apply() re-zeroes pruned weights after they were overwritten', () =>
    withMlp(async (mlp) => {
      const slots = prunableSlots(mlp, { biases: true, outputLayer: false });
      const ms = new MaskSet(slots);
      ms.set(slots.map((s) => Uint8Array.from({ length: s.variable.size }, (_, i) => (i < 2 ? 0 : 1))));
      tf.tidy(() => slots.forEach((s) => s.variable.assign(tf.fill(s.variable.shape, 0.5))));
      ms.apply();
      for (const s of slots) expect([...(await read(s.variable))]).toEqual(Array.from({ length: s.variable.size }, (_, i) => (i < 2 ? 0 : 0.5)));
      // The output layer is out of scope and untouched.
      expect((await read(mlp.layers[2]?.kernel ?? tf.scalar(0))).some((v) => v === 0)).toBe(false);
      ms.dispose();
    }));

  it('set() twice and dispose() leave no tensor behind', () =>
    withMlp((mlp) => {
      const slots = prunableSlots(mlp, { biases: true, outputLayer: true });
      const start = tf.memory().numTensors;
      const ms = new MaskSet(slots);
      ms.set(slots.map((s) => new Uint8Array(s.variable.size).fill(1)));
      expect(tf.memory().numTensors).toBe(start + slots.length);
      ms.set(slots.map((s) => new Uint8Array(s.variable.size)));
      ms.apply();
      expect(tf.memory().numTensors).toBe(start + slots.length);
      ms.dispose();
      expect(tf.memory().numTensors).toBe(start);
    }));
});

describe('readWeights / loadWeights', () => {
  it('snapshot every layer with Keras-style names and restore it', () =>
    withMlp(async (mlp) => {
      const snap = await readWeights(mlp);
      expect(snap.map((l) => [l.name, l.shape, l.kernel.length, l.bias.length])).toEqual([
        ['dense_1', [3, 5], 15, 5],
        ['dense_2', [5, 4], 20, 4],
        ['output', [4, 2], 8, 2],
      ]);
      const start = tf.memory().numTensors;
      tf.tidy(() =>
        mlp.layers.forEach((l) => {
          l.kernel.assign(tf.zerosLike(l.kernel));
          l.bias.assign(tf.onesLike(l.bias));
        }),
      );
      expect((await readWeights(mlp))[0]?.bias).toEqual(new Float32Array(5).fill(1));
      loadWeights(mlp, snap);
      expect(await readWeights(mlp)).toEqual(snap);
      expect(tf.memory().numTensors).toBe(start);
    }));

  it('a snapshot of another architecture is an error, never skipped, and changes nothing', () =>
    withMlp(async (mlp) => {
      const own = await readWeights(mlp);
      const other = createMlp(model([5, 3]), { nInputs: 3, nOutputs: 2 }, 2);
      const shallow = createMlp(model([5]), { nInputs: 3, nOutputs: 2 }, 2);
      try {
        const start = tf.memory().numTensors;
        // Same layer names and count, dense_2 and output of another size.
        expect(() => loadWeights(mlp, readWeightsSync(other))).toThrow(/layer 2 \(dense_2, 15\+3 values\) does not fit dense_2 \(20\+4\)/);
        // One layer fewer.
        expect(() => loadWeights(mlp, readWeightsSync(shallow))).toThrow(/snapshot has 2 layers; the network has 3/);
        // Same shapes, another name.
        const renamed = own.map((l, i) => (i === 1 ? { ...l, name: 'dense_9' } : l));
        expect(() => loadWeights(mlp, renamed)).toThrow(/dense_9/);
        expect(await readWeights(mlp)).toEqual(own);
        expect(tf.memory().numTensors).toBe(start);
      } finally {
        other.dispose();
        shallow.dispose();
      }
    }));
});

/** readWeights without awaiting (cpu backend only). */
const readWeightsSync = (net: MlpNet) =>
  net.weightLayers.map((l) => ({ name: l.name, shape: l.kernel.shape, positions: l.positions, kernel: l.kernel.dataSync() as Float32Array, bias: l.bias.dataSync() as Float32Array }));

describe('masked training on iris (cpu)', () => {
  const ds = loadBuiltinSync('iris', 'iris.csv');
  const all = Int32Array.from({ length: ds.nRows }, (_, i) => i);
  const rows: Rows = { x: gatherRows(ds.x, ds.nFeatures, all, fitStandardizer(ds.x, ds.nFeatures, all)), y: ds.y, n: ds.nRows };

  const run = async (optimizer: OptimizerName, learningRate: number, opts: { reapply: boolean; biases: boolean }) => {
    const start = tf.memory().numTensors;
    const mlp = createNetwork(model([16]), { nInputs: ds.nFeatures, nOutputs: ds.classNames.length }, 3);
    const slots = prunableSlots(mlp, { biases: opts.biases, outputLayer: true });
    const maskSet = new MaskSet(slots);
    try {
      // Biases start at zero, so give them values worth masking.
      if (opts.biases) tf.tidy(() => mlp.weightLayers.forEach((l, i) => l.bias.assign(tf.fill(l.bias.shape, 0.1 * (i + 1)))));
      const masks = magnitudeLayer.prune(await readSlots(slots), maskSet.masks, { amount: 0.8, semantics: TORCH_SEMANTICS, rng: createRng(1), nm: { n: 2, m: 4 } });
      maskSet.set(masks);
      const installed = await readSlots(slots);
      const training = { ...defaultSpec().training, optimizer, learningRate, batchSize: 16, epochs: 20 };
      const { history } = await train(mlp, rows, { training, l1: 0, l2: 0, seed: 7, ...(opts.reapply ? { afterStep: () => maskSet.apply() } : {}) });
      const trained = await readSlots(slots);
      return { masks, installed, trained, history };
    } finally {
      maskSet.dispose();
      mlp.dispose();
      expect(tf.memory().numTensors).toBe(start);
    }
  };

  const cases: [OptimizerName, number, boolean][] = [
    ['adam', 0.01, false],
    ['momentum', 0.05, true],
  ];

  it.each(cases)('%s (lr %s, biases masked: %s): pruned weights stay exactly 0, the rest train, loss falls', async (optimizer, lr, biases) => {
    const { masks, installed, trained, history } = await run(optimizer, lr, { reapply: true, biases });
    // 80 % of each tensor: round(0.8·n) zeros.
    expect(masks.map((m) => m.reduce((z, v) => z + (v === 0 ? 1 : 0), 0))).toEqual(
      biases ? [Math.round(0.8 * 64), Math.round(0.8 * 16), Math.round(0.8 * 48), Math.round(0.8 * 3)] : [Math.round(0.8 * 64), Math.round(0.8 * 48)],
    );
    let changed = 0;
    masks.forEach((m, t) =>
      m.forEach((keep, i) => {
        const w0 = installed[t]?.values[i];
        const w1 = trained[t]?.values[i];
        if (!keep) {
          expect(Math.abs(w0 ?? NaN)).toBe(0);
          expect(Math.abs(w1 ?? NaN)).toBe(0);
        } else if (w1 !== w0) changed++;
      }),
    );
    const kept = masks.reduce((n, m) => n + m.reduce((s, v) => s + v, 0), 0);
    expect(changed).toBeGreaterThan(kept / 2);
    expect(history).toHaveLength(20);
    expect(history[19]?.loss ?? Infinity).toBeLessThan(0.8 * (history[0]?.loss ?? 0));
  });

  it('control: without re-applying the masks, the optimizer revives pruned weights', async () => {
    for (const optimizer of ['adam', 'momentum'] as const) {
      const { masks, trained } = await run(optimizer, 0.01, { reapply: false, biases: false });
      const revived = masks.reduce((n, m, t) => n + [...m.keys()].filter((i) => m[i] === 0 && trained[t]?.values[i] !== 0).length, 0);
      expect(revived).toBeGreaterThan(0);
    }
  });
});
