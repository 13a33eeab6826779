import { type MlpModelSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../../cv/plan';
import { BUILTIN_DATASETS } from '../../data/builtin';
import { CancelledError } from '../../errors';
import { mean, std } from '../../metrics';
import type { RunEvent } from '../../run/runExperiment';
import { seeds, streamSeed } from '../../seeds';
import { defaultSpec, type ExperimentSpec, type OptimizerName, type SpecOf } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { jobContext, runInThread, runJob } from '../../testing/run';
import { resultOf } from '../../testing/specs';
import { prepareFold } from '../fold';
import { runCvJob } from './cv';

beforeAll(async () => {
  await useBackend('cpu');
});

const iris = loadBuiltinSync('iris', BUILTIN_DATASETS.iris.file);

/** The whole cross-validation run in this thread; its cv result. */
const runCv = async (spec: ExperimentSpec, opts: Parameters<typeof runInThread>[2] = {}) => {
  const r = resultOf(await runInThread(spec, iris, opts), 'cv');
  if (!r.summary) throw new Error('no summary');
  return { ...r, mean: r.summary.mean, std: r.summary.std };
};

/** A small iris run: 3 stratified folds, 30 epochs. */
function irisSpec(over: (s: SpecOf<'cv'>) => void = () => {}): SpecOf<'cv'> {
  const s = defaultSpec() as SpecOf<'cv'>;
  s.dataset = { kind: 'builtin', name: 'iris' };
  s.seed = 7;
  s.training.epochs = 30;
  s.training.batchSize = 50;
  s.training.learningRate = 0.03;
  s.cv.folds = 3;
  over(s);
  return s;
}

describe('cross-validation (runInThread, runCvJob)', () => {
  it('is deterministic: same spec → identical per-fold accuracies and loss histories', async () => {
    const spec = irisSpec();
    const a = await runCv(spec);
    const b = await runCv(spec);
    expect(a.folds).toHaveLength(3);
    expect(b.folds.map((f) => f.accuracy)).toEqual(a.folds.map((f) => f.accuracy));
    expect(b.folds.map((f) => f.history)).toEqual(a.folds.map((f) => f.history));
    expect(b.mean).toBe(a.mean);
    // …and the seed matters.
    const c = await runCv({ ...spec, seed: 8 });
    expect(c.folds.map((f) => f.history.map((h) => h.loss))).not.toEqual(a.folds.map((f) => f.history.map((h) => h.loss)));
  });

  it('fold results are consistent with the splits, and mean/std summarise the folds (population std)', async () => {
    const spec = irisSpec();
    const r = await runCv(spec);
    expect(r.folds.map((f) => f.fold)).toEqual([0, 1, 2]);
    expect(r.complete).toBe(true);
    expect(r.summary?.n).toBe(3);
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

  it('fold k of a run equals job k alone: folds do not depend on run order', async () => {
    const spec = irisSpec((s) => (s.training.epochs = 10));
    const r = await runCv(spec);
    const alone = (await runJob(spec, iris, 2)).output;
    expect(alone.fold).toBe(2);
    expect(alone.history).toEqual(r.folds[2]?.history);
    expect(alone.accuracy).toBe(r.folds[2]?.accuracy);
    // The runner called directly, with a context of its own, agrees too.
    const direct = await runCvJob(jobContext(spec, iris, 2));
    expect(direct.history).toEqual(alone.history);
    expect(direct.testLoss).toBe(alone.testLoss);
  });

  it('runs k-fold and hold-out plans', async () => {
    const kf = await runCv(irisSpec((s) => ((s.cv.kind = 'kfold'), (s.cv.folds = 2), (s.training.epochs = 3))));
    expect(kf.folds.map((f) => f.testSize)).toEqual([75, 75]);
    const ho = await runCv(irisSpec((s) => ((s.cv.kind = 'holdout'), (s.cv.testFraction = 0.2), (s.training.epochs = 3))));
    expect(ho.folds).toHaveLength(1);
    expect(ho.folds[0]?.testSize).toBe(30);
    expect(ho.std).toBe(0);
  });

  it('reports every epoch as a job event with the job (= fold) index', async () => {
    const seen: string[] = [];
    const r = await runCv(irisSpec((s) => (s.training.epochs = 2)), {
      onEvent: (e) => {
        if (e.type === 'job' && e.event.type === 'epoch') seen.push(`${e.job}:${e.event.phase}:${e.event.metrics?.epoch ?? '-'}`);
      },
    });
    expect(seen).toEqual(['0:train:1', '0:train:2', '1:train:1', '1:train:2', '2:train:1', '2:train:2']);
    expect(r.folds).toHaveLength(3);
  });

  it.each(['sgd', 'momentum', 'adam', 'rmsprop'] as OptimizerName[])(
    'leaves no tensors behind (%s, dropout, l1 and l2 > 0, two hidden layers)',
    async (optimizer) => {
      const spec = irisSpec((s) => {
        s.training.optimizer = optimizer;
        s.training.epochs = 4;
        s.cv.folds = 2;
        (s.model as MlpModelSpec).hidden = [
          { units: 16, activation: 'tanh', dropout: 0.3 },
          { units: 8, activation: 'relu', dropout: 0.1 },
        ];
        s.model.l1 = 1e-4;
        s.model.l2 = 1e-3;
      });
      const before = tf.memory().numTensors;
      const r = await runCv(spec);
      expect(r.folds).toHaveLength(2);
      expect(r.folds.map((f) => f.params)).toEqual([4 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3, 4 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3]);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('cancellation throws CancelledError and leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    let epochs = 0;
    const done: number[] = [];
    const abort = new AbortController();
    const onEvent = (e: RunEvent) => {
      if (e.type === 'job' && e.event.type === 'epoch' && ++epochs >= 35) abort.abort();
      if (e.type === 'job-done') done.push(e.job);
    };
    const p = runInThread(irisSpec(), iris, { onEvent, signal: abort.signal });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    // Fold 0 finished (30 epochs), fold 1 was cancelled after 5.
    expect(epochs).toBe(35);
    expect(done).toEqual([0]);
    expect(tf.memory().numTensors).toBe(before);
    // A job cancelled through its host stops the same way.
    let polls = 0;
    await expect(runJob(irisSpec(), iris, 1, { isCancelled: () => ++polls > 3 })).rejects.toBeInstanceOf(CancelledError);
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
  it('are named streams of the spec seed', () => {
    expect(seeds.init(42, 3)).toBe(streamSeed(42, 'init', 3));
    expect(seeds.shuffle(42, 3)).toBe(streamSeed(42, 'shuffle', 3));
    expect(seeds.folds(42)).toBe(streamSeed(42, 'folds'));
  });

  it('give each fold distinct init and shuffle streams', () => {
    const all = [0, 1, 2, 3, 4].flatMap((f) => [seeds.init(42, f), seeds.shuffle(42, f)]);
    expect(new Set([...all, seeds.folds(42)]).size).toBe(11);
  });
});
