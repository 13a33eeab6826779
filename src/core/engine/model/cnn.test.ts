import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../experiment';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { digitsCnnSpec } from '../testing/specs';
import { countParams, createMlp, disposeMlp, forward, toLayersModel } from './mlp';

const digits = loadBuiltinSync('digits', 'digits.csv');

const cnnSpec = () => digitsCnnSpec([16, 32], 64, { epochs: 12, batchSize: 64, learningRate: 0.003 });

describe('CNN', () => {
  // WASM, with the filter-gradient kernel PruneLab registers (src/core/backend/wasmConvFilterGrad.ts).
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('has the hand-counted parameters and matches its tf.LayersModel', async () => {
    const net = createMlp(cnnSpec().model, 64, 10, 3, [8, 8, 1]);
    // conv 3·3·1·16 + 16, conv 3·3·16·32 + 32, dense (2·2·32)·64 + 64, output 64·10 + 10
    expect(countParams(net)).toBe(160 + 4640 + 8256 + 650);
    const x = tf.randomUniform([5, 64], 0, 1, 'float32', 7) as tf.Tensor2D;
    const model = toLayersModel(net);
    const ours = await tf.softmax(forward(net, x)).data();
    const theirs = await (model.predict(tf.reshape(x, [5, 8, 8, 1])) as tf.Tensor).data();
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i] ?? NaN, 5));
    model.dispose();
    x.dispose();
    disposeMlp(net);
  });

  it('refuses image-free data with a clear message', () => {
    expect(() => createMlp(cnnSpec().model, 30, 2, 1)).toThrow(/A CNN needs image data/);
  });

  it('reaches ≥ 0.95 mean 5-fold accuracy on digits, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const t0 = Date.now();
    const r = await runExperiment(cnnSpec(), digits);
    console.log(`digits CNN 5-fold: ${r.mean.toFixed(4)} ± ${r.std.toFixed(4)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(r.mean).toBeGreaterThanOrEqual(0.95);
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
