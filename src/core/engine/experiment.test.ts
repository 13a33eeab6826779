import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits, seeds } from './cv/plan';
import { BUILTIN_DATASETS } from './data/builtin';
import { prepareFold, runExperiment, runFold } from './experiment';
import { mean, std } from './metrics';
import { defaultSpec, type ExperimentSpec, type OptimizerName } from './spec/schema';
import { loadBuiltinSync, useBackend } from './testing/node';
import { CancelledError } from './train/errors';

beforeAll(async () => {
  await useBackend('cpu');
});

const iris = loadBuiltinSync('iris', BUILTIN_DATASETS.iris.file);

/** A small iris run: 3 stratified folds, 30 epochs. */
function irisSpec(over: (s: ExperimentSpec) => void = () => {}): ExperimentSpec {
  const s = defaultSpec();
  s.dataset = { kind: 'builtin', name: 'iris' };
  s.seed = 7;
  s.training.epochs = 30;
  s.training.batchSize = 50;
  s.training.learningRate = 0.03;
  s.cv.folds = 3;
  over(s);
  return s;
}

describe('runExperiment', () => {
  it('is deterministic: same spec → identical per-fold accuracies and loss histories', async () => {
    const spec = irisSpec();
    const a = await runExperiment(spec, iris);
    const b = await runExperiment(spec, iris);
    expect(a.folds).toHaveLength(3);
    expect(b.folds.map((f) => f.accuracy)).toEqual(a.folds.map((f) => f.accuracy));
    expect(b.folds.map((f) => f.history)).toEqual(a.folds.map((f) => f.history));
    expect(b.mean).toBe(a.mean);
    // …and the seed matters.
    const c = await runExperiment({ ...spec, seed: 8 }, iris);
    expect(c.folds.map((f) => f.history.map((h) => h.loss))).not.toEqual(a.folds.map((f) => f.history.map((h) => h.loss)));
  });

  it('fold results are consistent with the splits, and mean/std summarise the folds (population std)', async () => {
    const spec = irisSpec();
    const r = await runExperiment(spec, iris);
    expect(r.folds.map((f) => f.fold)).toEqual([0, 1, 2]);
    for (const f of r.folds) {
      expect(f.trainSize + f.testSize).toBe(150);
      expect(f.testSize).toBe(50);
      expect(f.epochsRun).toBe(30);
      expect(f.history).toHaveLength(30);
      expect(f.stoppedEarly).toBe(false);
      expect(f.params).toBe(4 * 32 + 32 + 32 * 3 + 3);
      // Accuracy is a multiple of 1/50 and the last epoch's validation accuracy is the final test accuracy.
      expect(Math.round(f.accuracy * 50)).toBeCloseTo(f.accuracy * 50, 9);
      expect(f.history.at(-1)?.valAccuracy).toBe(f.accuracy);
      expect(f.history.at(-1)?.valLoss).toBeCloseTo(f.testLoss, 6);
      expect(f.accuracy).toBeGreaterThan(0.8);
    }
    const accs = r.folds.map((f) => f.accuracy);
    expect(r.mean).toBeCloseTo(accs.reduce((a, b) => a + b, 0) / 3, 12);
    expect(r.std).toBeCloseTo(Math.sqrt(accs.reduce((a, b) => a + (b - r.mean) ** 2, 0) / 3), 12);
    expect(r.mean).toBe(mean(accs));
    expect(r.std).toBe(std(accs));
  });

  it('fold k of a run equals runFold(k) alone: folds do not depend on run order', async () => {
    const spec = irisSpec((s) => (s.training.epochs = 10));
    const r = await runExperiment(spec, iris);
    const splits = makeSplits(spec, iris);
    const split = splits[2];
    if (!split) throw new Error('no fold 2');
    const alone = await runFold(spec, iris, split, 2);
    expect(alone.history).toEqual(r.folds[2]?.history);
    expect(alone.accuracy).toBe(r.folds[2]?.accuracy);
  });

  it('runs k-fold and hold-out plans', async () => {
    const kf = await runExperiment(irisSpec((s) => ((s.cv.kind = 'kfold'), (s.cv.folds = 2), (s.training.epochs = 3))), iris);
    expect(kf.folds.map((f) => f.testSize)).toEqual([75, 75]);
    const ho = await runExperiment(irisSpec((s) => ((s.cv.kind = 'holdout'), (s.cv.testFraction = 0.2), (s.training.epochs = 3))), iris);
    expect(ho.folds).toHaveLength(1);
    expect(ho.folds[0]?.testSize).toBe(30);
    expect(ho.std).toBe(0);
  });

  it('reports epochs through hooks.onEpoch with the fold index', async () => {
    const seen: string[] = [];
    await runExperiment(irisSpec((s) => (s.training.epochs = 2)), iris, { onEpoch: (fold, m) => void seen.push(`${fold}:${m.epoch}`) });
    expect(seen).toEqual(['0:1', '0:2', '1:1', '1:2', '2:1', '2:2']);
  });

  it.each(['sgd', 'momentum', 'adam', 'rmsprop'] as OptimizerName[])(
    'leaves no tensors behind (%s, dropout, l1 and l2 > 0, two hidden layers)',
    async (optimizer) => {
      const spec = irisSpec((s) => {
        s.training.optimizer = optimizer;
        s.training.epochs = 4;
        s.cv.folds = 2;
        s.model.hidden = [
          { units: 16, activation: 'tanh', dropout: 0.3 },
          { units: 8, activation: 'relu', dropout: 0.1 },
        ];
        s.model.l1 = 1e-4;
        s.model.l2 = 1e-3;
      });
      const before = tf.memory().numTensors;
      const r = await runExperiment(spec, iris);
      expect(r.folds).toHaveLength(2);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('cancellation throws CancelledError and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    let epochs = 0;
    const p = runExperiment(irisSpec(), iris, { onEpoch: () => void epochs++, isCancelled: () => epochs >= 35 });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    // Fold 0 finished (30 epochs), fold 1 was cancelled after 5.
    expect(epochs).toBe(35);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('prepareFold', () => {
  it('standardises with a scaler fitted on the training rows only', () => {
    const spec = irisSpec();
    const split = makeSplits(spec, iris)[0];
    if (!split) throw new Error('no split');
    const { trainRows, testRows } = prepareFold(spec, iris, split);
    expect(trainRows.n).toBe(split.train.length);
    expect(testRows.n).toBe(split.test.length);
    expect([...trainRows.y]).toEqual([...split.train].map((i) => iris.y[i]));
    // Training columns: mean 0, population sd 1. Test columns: not exactly (the scaler never saw them).
    for (let f = 0; f < 4; f++) {
      const col = Array.from({ length: trainRows.n }, (_, i) => trainRows.x[i * 4 + f] ?? NaN);
      expect(mean(col)).toBeCloseTo(0, 5);
      expect(std(col)).toBeCloseTo(1, 5);
    }
    const testMeans = [0, 1, 2, 3].map((f) => mean(Array.from({ length: testRows.n }, (_, i) => testRows.x[i * 4 + f] ?? NaN)));
    expect(testMeans.some((m) => Math.abs(m) > 1e-3)).toBe(true);
    // Row 0 of the test rows by hand: (x − mean_train) / sd_train.
    const t0 = split.test[0] ?? 0;
    const trainCol0 = [...split.train].map((i) => iris.x[i * 4] ?? NaN);
    expect(testRows.x[0]).toBeCloseTo(((iris.x[t0 * 4] ?? NaN) - mean(trainCol0)) / std(trainCol0), 5);
  });

  it('passes raw features through when standardisation is off', () => {
    const spec = irisSpec((s) => (s.preprocessing.standardize = false));
    const split = makeSplits(spec, iris)[1];
    if (!split) throw new Error('no split');
    const { testRows } = prepareFold(spec, iris, split);
    const r0 = split.test[0] ?? 0;
    expect([...testRows.x.subarray(0, 4)]).toEqual([...iris.x.subarray(r0 * 4, r0 * 4 + 4)].map(Math.fround));
  });
});

describe('seeds', () => {
  it('give each fold distinct init and shuffle streams', () => {
    const all = [0, 1, 2, 3, 4].flatMap((f) => [seeds.init(42, f), seeds.shuffle(42, f)]);
    expect(new Set([...all, seeds.folds(42)]).size).toBe(11);
  });
});
