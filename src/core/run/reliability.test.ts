import * as tf from '@tensorflow/tfjs-core';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, explainFailure } from '../errors';
import { describeModel } from '../model/describe';
import { checkMemory, estimateMemory, MAX_WORKER_BYTES } from '../model/memory';
import { defaultSpecFor } from '../spec/edit';
import { type ExperimentSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { runInThread } from '../testing/run';
import { resultOf } from '../testing/specs';

// A full collection before each heap reading, so the bound measures what is kept, not garbage yet to go.
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

beforeAll(async () => {
  await useBackend('wasm');
});

describe('reliability', () => {
  it('a model too big for a worker is refused before anything is allocated, with the estimate and the limit', async () => {
    const iris = loadBuiltinSync('iris', 'iris.csv');
    const huge: ExperimentSpec = { ...defaultSpecFor('iris'), model: { kind: 'mlp', hidden: Array.from({ length: 16 }, () => ({ units: 4096, activation: 'relu' as const, dropout: 0 })), l1: 0, l2: 0 } };
    const before = tf.memory().numTensors;
    await expect(runInThread(huge, iris)).rejects.toThrow(/^This run needs about 6\.\d GB in each worker \(251,\d{3},\d{3} parameters with their gradients, optimizer state and masks; a batch's activations; the data\) and a worker in this tab holds at most 2\.0 GB\. Use fewer or narrower layers, a smaller batch, or fewer rows\.$/);
    expect(tf.memory().numTensors).toBe(before);
    // Hand-counted: MLP 4-32-3 has 4·32 + 32 + 32·3 + 3 = 259 parameters; batch 200 keeps 200 · (4 + 32 + 3) values.
    const small = estimateMemory(describeModel(defaultSpecFor('iris').model, { nInputs: 4, nOutputs: 3 }), 200, { nRows: 150, nFeatures: 4 });
    expect(small).toEqual({ params: 259, activations: 200 * 39, dataBytes: 150 * 4 * 12, bytes: 259 * 28 + 200 * 39 * 8 + 150 * 4 * 12 });
    expect(() => checkMemory(describeModel(defaultSpecFor('iris').model, { nInputs: 4, nOutputs: 3 }), 200, { nRows: 150, nFeatures: 4 }, MAX_WORKER_BYTES)).not.toThrow();
  });

  it('an out-of-memory inside a backend says what to do; other failures are left as they are', () => {
    expect(explainFailure('Fold 2: Failed to allocate 1073741824 bytes')).toBe('Fold 2: Failed to allocate 1073741824 bytes. The backend ran out of memory: try a smaller batch, fewer or narrower layers, or another backend (Run options → Backend).');
    expect(explainFailure('RangeError: WebAssembly.Memory(): could not allocate memory')).toMatch(/ran out of memory/);
    expect(explainFailure('Training diverged at epoch 3')).toBe('Training diverged at epoch 3');
  });

  it('50 runs back to back leave no tensor and a bounded heap; 20 cancels at random moments, each followed by a correct run', async () => {
    const iris = loadBuiltinSync('iris', 'iris.csv');
    const spec: ExperimentSpec = { ...defaultSpecFor('iris'), cv: { kind: 'stratified-kfold', folds: 2, shuffle: true, testFraction: 0.2 }, training: { ...defaultSpecFor('iris').training, epochs: 3, batchSize: 32 } };
    const tensors = tf.memory().numTensors;
    const reference = resultOf(await runInThread(spec, iris), 'cv').folds.map((f) => f.accuracy);
    gc();
    const heap0 = process.memoryUsage().heapUsed;
    for (let i = 0; i < 50; i++) await runInThread(spec, iris);
    gc();
    expect(tf.memory().numTensors).toBe(tensors);
    // Without a leak the heap stays where it was; 10 MB leaves room for the JIT's code and caches.
    const grown = process.memoryUsage().heapUsed - heap0;
    expect(grown).toBeLessThan(10 * 1024 * 1024);
    // Cancels after the 1st … 5th of the run's 6 epochs (spread by i · 7 mod 5: the same moments every run of the suite).
    for (let i = 0; i < 20; i++) {
      const abort = new AbortController();
      let epochs = 0;
      const at = (i * 7) % 5;
      await expect(
        runInThread(spec, iris, {
          signal: abort.signal,
          onEvent: (e) => {
            if (e.type === 'job' && e.event.type === 'epoch' && epochs++ >= at) abort.abort();
          },
        }),
      ).rejects.toBeInstanceOf(CancelledError);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(resultOf(await runInThread(spec, iris), 'cv').folds.map((f) => f.accuracy)).toEqual(reference);
    }
  });
});
