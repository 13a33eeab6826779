import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../errors';
import { inThreadExecutor } from '../engine/inThread';
import { describeModel, macsPerSample } from '../model/describe';
import { defaultSpecFor } from '../spec/edit';
import { defaultCnn } from '../spec/sections';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { digitsCnnSpec } from '../testing/specs';
import type { Executor } from './protocol';
import { planExperiment, runExperiment, SpecError } from './runExperiment';

const iris = loadBuiltinSync('iris', 'iris.csv');
const digits = loadBuiltinSync('digits', 'digits.csv');

beforeAll(async () => {
  await useBackend('cpu');
});

/** An executor that must never be reached. */
const unreachable: Executor = {
  name: 'unreachable',
  run: () => Promise.reject(new Error('the executor was reached')),
  exportModel: () => Promise.reject(new Error('the executor was reached')),
  tensorCount: async () => 0,
  dispose: () => undefined,
};

describe('runExperiment', () => {
  it('gives the backend hint the MACs of the whole model, convolutions included', () => {
    const spec = digitsCnnSpec([16, 32], 64, { batchSize: 50 });
    const { hint } = planExperiment(spec, digits);
    expect(hint.macsPerStep).toBe(50 * macsPerSample(describeModel(defaultCnn(), { nInputs: 64, nOutputs: 10, imageShape: [8, 8, 1] })));
    expect(hint.macsPerStep).toBeGreaterThan(50 * (64 * 64 + 64 * 10) * 10);
  });

  it('refuses an invalid spec, a model that does not fit the data and folds that cannot be made, before any job runs', async () => {
    const bad = { ...defaultSpecFor('iris'), seed: -1 };
    await expect(runExperiment(bad, iris, { executor: unreachable })).rejects.toThrow(SpecError);
    const cnn = { ...defaultSpecFor('iris'), model: defaultCnn() };
    await expect(runExperiment(cnn, iris, { executor: unreachable })).rejects.toThrow('A CNN needs image data');
    const tooManyFolds = defaultSpecFor('iris');
    tooManyFolds.cv.folds = 20;
    // 50 rows of one class and 10 of another: 20 stratified folds cannot be made.
    const few = { ...iris, nRows: 60, x: iris.x.slice(0, 240), y: iris.y.slice(0, 60) };
    await expect(runExperiment(tooManyFolds, few, { executor: unreachable })).rejects.toThrow(/fold/i);
    await expect(runExperiment(defaultSpecFor('iris'), iris, { executor: unreachable, only: [9] })).rejects.toThrow('Job 9 is not in the plan (it has 5 jobs)');
  });

  it('a cancel stops the run with CancelledError and leaves no tensors behind', async () => {
    const spec = defaultSpecFor('iris');
    spec.training.epochs = 2000;
    const abort = new AbortController();
    const before = tf.memory().numTensors;
    let epochs = 0;
    const run = runExperiment(spec, iris, {
      executor: inThreadExecutor(),
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === 'job' && e.event.type === 'epoch' && ++epochs === 5) abort.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(epochs).toBeLessThan(10);
    expect(tf.memory().numTensors).toBe(before);
  });
});
