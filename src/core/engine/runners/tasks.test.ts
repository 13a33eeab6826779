import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDataset } from '../../data/resolve';
import { defaultAutoencoder, defaultSpec, type ExperimentSpec } from '../../spec/schema';
import reference from '../../testdata/tasks/reference.json';
import { nodeSources, useBackend } from '../../testing/node';
import { runInThread } from '../../testing/run';
import { inThreadExecutor } from '../inThread';
import { resultOf, withTask } from '../../testing/specs';

// Regression and reconstruction end to end, against figures computed outside the app with
// scikit-learn (scripts/fixtures/make_task_references.py).
beforeAll(async () => {
  await useBackend('wasm');
});

const diabetes = (): ExperimentSpec => ({
  ...defaultSpec(),
  dataset: { kind: 'builtin', name: 'diabetes' },
  learningTask: 'regression',
  cv: { kind: 'kfold', folds: 5, shuffle: false, testFraction: 0.2 },
  training: { ...defaultSpec().training, learningRate: 0.05, batchSize: 442, epochs: 400 },
});

describe('regression (diabetes, K-fold 5 unshuffled, as the reference)', () => {
  it("a linear model (no hidden layer, MSE) reaches scikit-learn LinearRegression's R² and MAE on every fold", async () => {
    const spec: ExperimentSpec = { ...diabetes(), model: { kind: 'mlp', hidden: [], l1: 0, l2: 0 } };
    const ds = await resolveDataset(spec.dataset, spec.seed, nodeSources);
    expect(ds.classNames).toEqual([]);
    expect(ds.values?.length).toBe(442);
    const before = tf.memory().numTensors;
    const outcome = await runInThread(spec, ds);
    expect(tf.memory().numTensors).toBe(before);
    const r = resultOf(outcome, 'cv');
    expect(r.metric).toBe('r2');
    expect(r.summary?.metric).toBe('r2');
    const ref = reference.diabetes_linear_kfold5.folds;
    expect(r.folds.map((f) => f.testSize)).toEqual(ref.map((f) => f.test_rows));
    r.folds.forEach((f, i) => {
      const want = ref[i] as (typeof ref)[number];
      expect(Math.abs(f.accuracy - want.r2)).toBeLessThan(0.005);
      expect(Math.abs((f.extra?.mae ?? 0) - want.mae)).toBeLessThan(0.3);
      expect(Math.abs((f.extra?.mse ?? 0) - want.mse) / want.mse).toBeLessThan(0.01);
    });
  });

  it('exports a regression model with a linear output (a classifier keeps its softmax)', async () => {
    const spec: ExperimentSpec = { ...diabetes(), model: { kind: 'mlp', hidden: [{ units: 4, activation: 'relu', dropout: 0 }], l1: 0, l2: 0 }, training: { ...diabetes().training, epochs: 5 } };
    const ds = await resolveDataset(spec.dataset, spec.seed, nodeSources);
    const executor = inThreadExecutor();
    try {
      const out = await executor.exportModel(spec, ds, 'trained', 'regression');
      const layers = (JSON.parse(out.modelJson) as { modelTopology: { config: { layers: { class_name: string; config: { activation?: string; units?: number } }[] } } }).modelTopology.config.layers.filter((l) => l.class_name === 'Dense');
      expect(layers.map((l) => [l.config.units, l.config.activation])).toEqual([[4, 'relu'], [1, 'linear']]);
    } finally {
      executor.dispose();
    }
  });

  it('an MLP (16 ReLU) lands near the linear reference, and classification on the continuous target is refused by name', async () => {
    const spec: ExperimentSpec = { ...diabetes(), model: { kind: 'mlp', hidden: [{ units: 16, activation: 'relu', dropout: 0 }], l1: 0, l2: 0.01 }, training: { ...diabetes().training, learningRate: 0.01, epochs: 150 } };
    const ds = await resolveDataset(spec.dataset, spec.seed, nodeSources);
    const r = resultOf(await runInThread(spec, ds), 'cv');
    expect(Math.abs((r.summary?.mean ?? 0) - reference.diabetes_linear_kfold5.mean_r2)).toBeLessThan(0.05);
    await expect(runInThread({ ...spec, learningTask: 'classification' }, ds)).rejects.toThrow(/"progression" is continuous.*choose the Regression task/);
    await expect(runInThread({ ...spec, cv: { ...spec.cv, kind: 'stratified-kfold' } }, ds)).rejects.toThrow(/Choose K-fold/);
  });
});

describe('reconstruction (an autoencoder on digits)', () => {
  it('structural pruning of the code gives an error-vs-code-size curve with PCA beside it; at 16 units within 2.5× of PCA', async () => {
    const base: ExperimentSpec = {
      ...defaultSpec(),
      dataset: { kind: 'builtin', name: 'digits' },
      learningTask: 'reconstruction',
      model: defaultAutoencoder(32),
      cv: { kind: 'kfold', folds: 5, shuffle: false, testFraction: 0.2 },
      training: { ...defaultSpec().training, learningRate: 0.01, batchSize: 128, epochs: 20 },
    };
    const spec = withTask(base, 'structural', { action: 'units', criterion: 'l2', mode: 'layer', ratio: 0.5, steps: 2, finetuneEpochs: 8 });
    const ds = await resolveDataset(spec.dataset, spec.seed, nodeSources);
    const before = tf.memory().numTensors;
    const outcome = await runInThread(spec, ds);
    expect(tf.memory().numTensors).toBe(before);
    const r = resultOf(outcome, 'structural');
    expect(r.metric).toBe('mse');
    const pca16 = reference.digits_pca_kfold5.mse_per_fold['16'];
    for (const f of r.folds) {
      expect(f.before.code?.units).toBe(32);
      expect(f.steps.map((s) => s.code?.units)).toEqual([23, 16]);
      const last = f.steps[1];
      // The PCA line is scikit-learn's PCA on the same rows.
      expect(last?.code?.pcaError).toBeCloseTo(pca16[f.fold] as number, 3);
      expect(last?.accuracy).toBeLessThan(2.5 * (last?.code?.pcaError ?? 0));
    }
    // Pruning the code costs reconstruction quality, as it costs PCA: the curve rises as the code shrinks.
    const meanAt = (i: number) => r.folds.reduce((s, f) => s + (f.steps[i]?.accuracy ?? 0), 0) / r.folds.length;
    expect(meanAt(1)).toBeGreaterThan(meanAt(0));
    expect(meanAt(0)).toBeGreaterThan(r.dense?.mean ?? Infinity);
  });
});
