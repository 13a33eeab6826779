import { type MlpModelSpec } from '../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sweepPointTag, type SweepFoldOutput } from '../kinds/sweep';
import type { ModelFiles } from '../run/protocol';
import { defaultSpecFor, withTask } from '../spec/edit';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { jobContext } from '../testing/run';
import { prepareFold } from './fold';
import { inThreadExecutor } from './inThread';
import type { Network } from './model/network';
import { RUNNERS } from './runners/registry';
import { makeSplits } from '../cv/plan';

const wine = loadBuiltinSync('wine', 'wine_data.csv');

beforeAll(async () => {
  await useBackend('cpu');
});

/** Opens exported files as tf.loadLayersModel does (model.json's topology and manifest, weights.bin's bytes). */
async function open(files: ModelFiles): Promise<LayersModel> {
  const json = JSON.parse(files.modelJson) as { format: string; modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  expect(json.format).toBe('layers-model');
  expect(json.weightsManifest[0]?.paths).toEqual(['weights.bin']);
  return loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0]?.weights ?? [], weightData: files.weights }));
}

/** Fold 1's held-out rows, standardised as in the run. */
function testRows(spec: ReturnType<typeof defaultSpecFor>) {
  const split = makeSplits(spec, wine)[0];
  if (!split) throw new Error('no split');
  return prepareFold(spec, wine, split).testRows;
}

/** Probabilities of a network of ours on rows (softmax of its logits). */
const ours = async (net: Network, x: Float32Array, n: number) => (await tf.tidy(() => tf.softmax(net.forward(tf.tensor2d(x, [n, net.nInputs])))).data()) as Float32Array;
const theirs = async (model: LayersModel, x: Float32Array, n: number) => (await (model.predict(tf.tensor2d(x, [n, x.length / n])) as tf.Tensor).data()) as Float32Array;

function small() {
  const spec = defaultSpecFor('wine');
  spec.training = { ...spec.training, epochs: 25, learningRate: 0.01, batchSize: 32 };
  (spec.model as MlpModelSpec).hidden = [{ units: 12, activation: 'relu', dropout: 0 }, { units: 8, activation: 'tanh', dropout: 0 }];
  return spec;
}

describe('Export model (TF.js)', () => {
  it('a masked sweep point loads with tf.loadLayersModel, holds exactly the run’s zeros, and predicts what the run’s model predicts', async () => {
    const spec = withTask(small(), 'sweep');
    if (spec.task.kind !== 'sweep') throw new Error('sweep');
    spec.task = { ...spec.task, methods: ['magnitude-global'], sparsities: [0.8], finetuneEpochs: 5 };
    const tag = sweepPointTag('magnitude-global', 0.8);
    // The run's own network at that point, captured in the run itself.
    const rows = testRows(spec);
    let expected: Float32Array | null = null;
    const ctx = jobContext(spec as typeof spec & { task: { kind: 'sweep' } }, wine, 0);
    const output = (await RUNNERS.sweep({
      ...(ctx as Parameters<typeof RUNNERS.sweep>[0]),
      capture: async (t, net) => {
        if (t === tag) expected = await ours(net, rows.x, rows.n);
      },
    })) as SweepFoldOutput;
    const point = output.points.find((p) => p.series === 'magnitude-global');
    if (!point?.masks || !expected) throw new Error('no point');

    const before = tf.memory().numTensors;
    const files = await inThreadExecutor().exportModel(spec, wine, tag, 'masked');
    expect(tf.memory().numTensors).toBe(before);
    const model = await open(files);
    try {
      expect(Array.from(await theirs(model, rows.x, rows.n)).map((v, i) => Math.abs(v - (expected as Float32Array)[i]!)).every((d) => d < 1e-5)).toBe(true);
      // Every weight the mask removed is exactly zero in the file, kernel by kernel.
      const kernels = model.getWeights().filter((w) => w.shape.length === 2);
      for (const [k, kernel] of kernels.entries()) {
        const values = await kernel.data();
        const mask = point.masks[k] as Uint8Array;
        expect(mask.length).toBe(values.length);
        mask.forEach((m, i) => {
          if (m === 0) expect(values[i]).toBe(0);
        });
      }
      const pruned = point.masks.reduce((n, m) => n + m.filter((v) => v === 0).length, 0);
      expect(files.zeros).toBeGreaterThanOrEqual(pruned);
      expect(files.params).toBe(13 * 12 + 12 + 12 * 8 + 8 + 8 * 3 + 3);
      expect(files.gzipBytes).toBeLessThan(files.rawBytes);
    } finally {
      model.dispose();
    }
  });

  it('a structurally pruned model: the shrunk one has fewer parameters and the same predictions as its masked full-size twin', async () => {
    const spec = withTask(small(), 'structural');
    if (spec.task.kind !== 'structural') throw new Error('structural');
    spec.task = { ...spec.task, ratio: 0.5, finetuneEpochs: 5 };
    const ex = inThreadExecutor();
    const [shrunk, masked, dense] = [await ex.exportModel(spec, wine, 'shrunk', 's'), await ex.exportModel(spec, wine, 'masked', 'm'), await ex.exportModel(spec, wine, 'dense', 'd')];
    expect(shrunk.params).toBe(13 * 6 + 6 + 6 * 4 + 4 + 4 * 3 + 3);
    expect(masked.params).toBe(dense.params);
    expect(shrunk.params).toBeLessThan(masked.params);
    expect(masked.zeros).toBeGreaterThanOrEqual((dense.params - shrunk.params) - 1);
    const rows = testRows(spec);
    const [ms, mm] = [await open(shrunk), await open(masked)];
    try {
      const [a, b] = [await theirs(ms, rows.x, rows.n), await theirs(mm, rows.x, rows.n)];
      expect(Array.from(a).every((v, i) => Math.abs(v - b[i]!) < 1e-5)).toBe(true);
    } finally {
      ms.dispose();
      mm.dispose();
    }
    await expect(ex.exportModel(spec, wine, 'nonsense', 'x')).rejects.toThrow('This run offers no model "nonsense"');
  });

  it('a CNN’s filter pruning expands back to full size with the same predictions', async () => {
    const digits = loadBuiltinSync('digits', 'digits.csv');
    const spec = withTask(defaultSpecFor('digits'), 'structural');
    spec.model = { kind: 'cnn', conv: [{ filters: 6, kernelSize: 3, activation: 'relu', pool: 'max' }, { filters: 4, kernelSize: 3, activation: 'relu', pool: 'max' }], hidden: [{ units: 10, activation: 'relu', dropout: 0 }], l1: 0, l2: 0 };
    spec.training = { ...spec.training, epochs: 1, batchSize: 256 };
    if (spec.task.kind !== 'structural') throw new Error('structural');
    spec.task = { ...spec.task, ratio: 0.5, finetuneEpochs: 1 };
    const ex = inThreadExecutor();
    const [shrunk, masked] = [await ex.exportModel(spec, digits, 'shrunk', 's'), await ex.exportModel(spec, digits, 'masked', 'm')];
    expect(shrunk.params).toBeLessThan(masked.params);
    const split = makeSplits(spec, digits)[0];
    if (!split) throw new Error('no split');
    const rows = prepareFold(spec, digits, split).testRows;
    const reshape = (x: Float32Array, n: number) => tf.tensor4d(x, [n, 8, 8, 1]);
    const [ms, mm] = [await open(shrunk), await open(masked)];
    try {
      const [a, b] = [await (ms.predict(reshape(rows.x, rows.n)) as tf.Tensor).data(), await (mm.predict(reshape(rows.x, rows.n)) as tf.Tensor).data()];
      expect(Array.from(a).every((v, i) => Math.abs(v - (b[i] as number)) < 1e-5)).toBe(true);
    } finally {
      ms.dispose();
      mm.dispose();
    }
  });
});
