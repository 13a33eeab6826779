import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDataset } from '../../data/resolve';
import { modelFilesSha256, type ModelFile } from '../../imported/modelJson';
import { runExperiment } from '../../run/runExperiment';
import { defaultSpec, type ExperimentSpec, type ImportedModelSpec } from '../../spec/schema';
import { nodeSources, useBackend } from '../../testing/node';
import { resultOf, withTask } from '../../testing/specs';
import { inThreadExecutor } from '../inThread';
import { importedSpecOf } from './net';

// The user's own model trained and pruned with data, the same as a built-in one: a TF.js Sequential
// CNN for Digits (Conv2D → BatchNormalization → MaxPooling2D → Flatten → Dropout → Dense softmax).
const DIR = join(__dirname, '../../testdata/keras/digits-cnn');
const files: ModelFile[] = readdirSync(DIR).map((name) => ({ name, data: new Uint8Array(readFileSync(join(DIR, name))).buffer }));

let model: ImportedModelSpec;
let sha256: string;
beforeAll(async () => {
  await useBackend('wasm');
  sha256 = await modelFilesSha256(files);
  model = await importedSpecOf(files, sha256);
});

const digits = (): ExperimentSpec => ({
  ...defaultSpec(),
  dataset: { kind: 'builtin', name: 'digits' },
  model,
  cv: { kind: 'stratified-kfold', folds: 2, shuffle: true, testFraction: 0.2 },
  training: { ...defaultSpec().training, learningRate: 0.01, batchSize: 64, epochs: 4 },
});

async function run(spec: ExperimentSpec, input = { sha256, files }) {
  const ds = await resolveDataset(spec.dataset, spec.seed, nodeSources);
  const executor = inThreadExecutor();
  try {
    return await runExperiment(spec, ds, { executor, model: input });
  } finally {
    executor.dispose();
  }
}

describe('an imported model with data', () => {
  it('its spec records the shapes, the output activation and each prunable weight (the bias with its kernel), from the files', () => {
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model).toMatchObject({ kind: 'imported', name: 'digits_cnn', inputShape: [8, 8, 1], outputShape: [10], outputActivation: 'softmax', params: 1402 });
    expect(model.layers).toEqual([
      { name: 'conv', type: 'conv2d', kernelShape: [3, 3, 1, 8], units: 8, positions: 64, isOutput: false },
      { name: 'predictions', type: 'dense', kernelShape: [128, 10], units: 10, positions: 1, isOutput: true },
    ]);
  });

  it('cross-validates from the file’s weights (batch norm trained too) with no tensor left; the same spec gives the same numbers', async () => {
    const before = tf.memory().numTensors;
    const a = resultOf(await run(digits()), 'cv');
    expect(tf.memory().numTensors).toBe(before);
    expect(a.folds).toHaveLength(2);
    expect(a.summary?.mean).toBeGreaterThan(0.85);
    expect(a.folds[0]?.params).toBe(1402);
    const b = resultOf(await run(digits()), 'cv');
    expect(b.folds.map((f) => f.accuracy)).toEqual(a.folds.map((f) => f.accuracy));
  });

  it('a sweep prunes its kernels with masks held through fine-tuning; sensitivity gives each kernel a curve', async () => {
    const sweep = resultOf(await run(withTask(digits(), 'sweep', { methods: ['magnitude-global'], sparsities: [0.5, 0.9], finetuneEpochs: 2 })), 'sweep');
    const at90 = sweep.rows.find((r) => r.series === 'magnitude-global' && r.targetSparsity === 0.9);
    expect(at90?.achievedSparsity).toBeCloseTo(0.9, 2);
    expect(at90?.accuracyMean).toBeGreaterThan(0.3);
    const sens = resultOf(await run(withTask({ ...digits(), cv: { ...digits().cv, folds: 2 } }, 'sensitivity', { sparsities: [0, 0.5, 0.9] })), 'sensitivity');
    expect(sens.curves.map((c) => c.slot)).toEqual(['conv/kernel', 'predictions/kernel']);
  });

  it('exports as stored: the softmax and the dropout back, the trained weights in', async () => {
    const spec = digits();
    const ds = await resolveDataset(spec.dataset, spec.seed, nodeSources);
    const executor = inThreadExecutor();
    try {
      const out = await executor.exportModel(spec, ds, 'trained', 'test', undefined, { sha256, files });
      const doc = JSON.parse(out.modelJson) as { modelTopology: { config: { layers: { class_name: string; config: { activation?: string; rate?: number } }[] } } };
      const layers = doc.modelTopology.config.layers;
      expect(layers.find((l) => l.class_name === 'Dense')?.config.activation).toBe('softmax');
      expect(layers.find((l) => l.class_name === 'Dropout')?.config.rate).toBe(0.2);
      const loaded = await loadLayersModel(tf.io.fromMemory({ modelTopology: doc.modelTopology, weightSpecs: (JSON.parse(out.modelJson) as { weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] }).weightsManifest[0]?.weights ?? [], weightData: out.weights }));
      const p = tf.tidy(() => tf.sum(loaded.predict(tf.ones([1, 8, 8, 1])) as tf.Tensor).dataSync()[0]);
      expect(p).toBeCloseTo(1, 5);
      loaded.dispose();
    } finally {
      executor.dispose();
    }
  });

  it('refuses, naming both shapes or what to do: other data, a task its output cannot serve, missing or other files', async () => {
    await expect(run({ ...digits(), dataset: { kind: 'builtin', name: 'iris' } })).rejects.toThrow('The model takes inputs of shape 8×8×1 (64 values per row); the data has 4 features. Choose data of that shape or another model.');
    await expect(run({ ...digits(), learningTask: 'reconstruction', cv: { ...digits().cv, kind: 'kfold' } })).rejects.toThrow('"digits_cnn" is a classifier (its output is a softmax); reconstruction needs an output that is not squashed into class probabilities. Choose Classification.');
    const ds = await resolveDataset(digits().dataset, 42, nodeSources);
    await expect(runExperiment(digits(), ds, { executor: inThreadExecutor() })).rejects.toThrow('This experiment uses the model "digits_cnn"; open its files (model.json and its weights) to run it.');
    await expect(run(digits(), { sha256: '0'.repeat(64), files })).rejects.toThrow(/The model files given are not "digits_cnn": their SHA-256 \(000000000000…\) differs/);
    await expect(run(withTask(digits(), 'structural'))).rejects.toThrow(/an imported model keeps its graph/);
  });
});
