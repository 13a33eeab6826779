import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelSpecError } from '../../model/describe';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { runInThread } from '../../testing/run';
import { digitsCnnSpec, resultOf } from '../../testing/specs';
import { prunableSlots } from '../prune/masks';
import { CnnNet } from './cnn';
import { countParams } from './network';
import { createNetwork } from './registry';

const digits = loadBuiltinSync('digits', 'digits.csv');

const io = { nInputs: 64, nOutputs: 10, imageShape: [8, 8, 1] as const };
// The preset's shape (16, 32 filters, dense 64) for the counts; half its width to learn in the suite's time.
const presetSpec = () => digitsCnnSpec([16, 32], 64, { epochs: 8, batchSize: 128, learningRate: 0.006 });
const cnnSpec = () => digitsCnnSpec([8, 16], 32, { epochs: 8, batchSize: 128, learningRate: 0.01 });

describe('CNN', () => {
  // WASM, with the filter-gradient kernel PruneLab registers (src/core/engine/backend/wasmConvFilterGrad.ts).
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('has the hand-counted parameters and matches its tf.LayersModel', async () => {
    const net = createNetwork(presetSpec().model, io, 3);
    expect(net).toBeInstanceOf(CnnNet);
    if (!(net instanceof CnnNet)) throw new Error('not a CNN');
    expect(net.kind).toBe('cnn');
    expect(net.nOutputs).toBe(10);
    // conv 3·3·1·16 + 16, conv 3·3·16·32 + 32, dense (2·2·32)·64 + 64, output 64·10 + 10
    expect(countParams(net)).toBe(160 + 4640 + 8256 + 650);
    expect(net.params()).toBe(160 + 4640 + 8256 + 650);
    expect(net.convs.map((c) => [c.name, c.kernel.shape, c.inHW])).toEqual([
      ['conv_1', [3, 3, 1, 16], [8, 8]],
      ['conv_2', [3, 3, 16, 32], [4, 4]],
    ]);
    expect(net.layers.map((l) => l.name)).toEqual(['dense_1', 'output']);
    // The unit groups are the filters; the prunable tensors are named by the layers.
    expect(net.unitGroups()).toEqual([
      { name: 'conv_1', units: 16 },
      { name: 'conv_2', units: 32 },
    ]);
    expect(prunableSlots(net, { biases: false, outputLayer: false }).map((s) => [s.name, s.layer])).toEqual([
      ['conv_1/kernel', 'conv_1'],
      ['conv_2/kernel', 'conv_2'],
      ['dense_1/kernel', 'dense_1'],
    ]);
    // Per-sample FLOPs: 2 per multiply-add plus one per bias add, per output position (convs: 8·8 then 4·4).
    expect(net.flops()).toBe(64 * (2 * 144 + 16) + 16 * (2 * 4608 + 32) + (2 * 8192 + 64) + (2 * 640 + 10));
    const x = tf.randomUniform([5, 64], 0, 1, 'float32', 7) as tf.Tensor2D;
    const model = await net.toLayersModel();
    expect(model.layers.map((l) => l.name)).toEqual(['conv_1', 'pool_1', 'conv_2', 'pool_2', 'flatten', 'dense_1', 'output']);
    const ours = await tf.softmax(net.forward(x)).data();
    const theirs = await (model.predict(tf.reshape(x, [5, 8, 8, 1])) as tf.Tensor).data();
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i] ?? NaN, 5));
    model.dispose();
    x.dispose();
    net.dispose();
  });

  it('refuses image-free data with a clear message', () => {
    const before = tf.memory().numTensors;
    expect(() => createNetwork(cnnSpec().model, { nInputs: 30, nOutputs: 2 }, 1)).toThrow(ModelSpecError);
    expect(() => createNetwork(cnnSpec().model, { nInputs: 30, nOutputs: 2 }, 1)).toThrow(/A CNN needs image data/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reaches ≥ 0.95 mean 5-fold accuracy on digits, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const t0 = Date.now();
    const r = resultOf(await runInThread(cnnSpec(), digits), 'cv');
    const summary = r.summary;
    if (!summary) throw new Error('no summary');
    console.log(`digits CNN 5-fold: ${summary.mean.toFixed(4)} ± ${summary.std.toFixed(4)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(r.complete).toBe(true);
    expect(r.folds).toHaveLength(5);
    expect(summary.n).toBe(5);
    expect(summary.mean).toBeGreaterThanOrEqual(0.95);
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
