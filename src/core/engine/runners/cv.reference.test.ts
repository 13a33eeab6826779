import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDataset } from '../../data/resolve';
import { defaultSpec, type ExperimentSpec } from '../../spec/schema';
import { nodeSources, reference, useBackend } from '../../testing/node';
import { runInThread } from '../../testing/run';
import { resultOf } from '../../testing/specs';

// The one long training test: the default spec against scikit-learn on the wasm backend (~2-5× faster than cpu).
beforeAll(async () => {
  await useBackend('wasm');
});

/** The cv result of the whole run in this thread, with its mean and std. */
async function runCv(spec: ExperimentSpec, ds: Awaited<ReturnType<typeof resolveDataset>>) {
  const outcome = await runInThread(spec, ds);
  expect(outcome.backend?.name).toBe('wasm');
  const r = resultOf(outcome, 'cv');
  if (!r.summary) throw new Error('no summary');
  return { ...r, mean: r.summary.mean, std: r.summary.std };
}

interface CvRef {
  mean: number;
  std: number;
  folds: number[];
}

describe('breast cancer against the scikit-learn reference (wasm)', () => {
  it('defaultSpec(): MLP 32 relu, Adam 1e-3, batch 200, 300 epochs, stratified 5-fold shuffled — mean accuracy within 0.02 of sklearn', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const spec = defaultSpec();
    const ref = reference.datasets.breast_cancer?.cv_skf5_shuffle_rs0_mlp32_adam_maxiter300 as CvRef;
    expect(ref.mean).toBe(0.9754);
    const ds = await resolveDataset(spec.dataset, spec.seed, nodeSources);
    const before = tf.memory().numTensors;
    const r = await runCv(spec, ds);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.folds).toHaveLength(5);
    expect(r.folds.map((f) => f.testSize)).toEqual([114, 114, 114, 114, 113]);
    expect(r.folds.every((f) => f.epochsRun === 300)).toBe(true);
    expect(Math.abs(r.mean - ref.mean)).toBeLessThan(0.02);
    // Every fold is a sensible classifier, not just the mean.
    for (const f of r.folds) expect(f.accuracy).toBeGreaterThan(0.9);
    // The training loss went down a long way from ln 2.
    for (const f of r.folds) expect(f.history.at(-1)?.loss).toBeLessThan(0.1);
  });
});

describe('iris against the scikit-learn reference (wasm)', () => {
  it('the same setting on iris: mean accuracy within 0.05 of sklearn (30-row test folds are coarse)', async () => {
    const spec: ExperimentSpec = { ...defaultSpec(), dataset: { kind: 'builtin', name: 'iris' } };
    const ref = reference.datasets.iris?.cv_skf5_shuffle_rs0_mlp32_adam_maxiter300 as CvRef;
    const ds = await resolveDataset(spec.dataset, spec.seed, nodeSources);
    const r = await runCv(spec, ds);
    expect(r.folds.map((f) => f.testSize)).toEqual([30, 30, 30, 30, 30]);
    expect(Math.abs(r.mean - ref.mean)).toBeLessThan(0.05);
  });
});
