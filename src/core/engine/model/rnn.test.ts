import { type DenseLayerSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeModel, ModelSpecError, prunableTensorNames } from '../../model/describe';
import { orthogonal } from '../../model/init';
import { defaultSpec, type ExperimentSpec } from '../../spec/schema';
import { RNN_CELLS } from '../../spec/sections';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { runInThread } from '../../testing/run';
import { resultOf, withTask } from '../../testing/specs';
import { prunableSlots } from '../prune/masks';
import { createNetwork } from './registry';
import { RnnNet } from './rnn';

const digits = loadBuiltinSync('digits', 'digits.csv');
const io = { nInputs: 64, nOutputs: 10, imageShape: [8, 8, 1] as const };
const rnnModel = (cell: (typeof RNN_CELLS)[number], units = 6, hidden: DenseLayerSpec[] = [{ units: 5, activation: 'relu', dropout: 0 }]) => ({ kind: 'rnn' as const, cell, units, hidden, l1: 0, l2: 0 });

/** Digits read row by row (8 steps × 8 pixels), the sequential-MNIST set-up. */
function digitsRnnSpec(cell: (typeof RNN_CELLS)[number], training: Partial<ExperimentSpec['training']>): ExperimentSpec {
  const spec = defaultSpec();
  spec.dataset = { kind: 'builtin', name: 'digits' };
  spec.model = rnnModel(cell, 32, []);
  spec.training = { ...spec.training, ...training };
  return spec;
}

/** A tensor's values, computed in a tidy scope and disposed. */
async function values(f: () => tf.Tensor): Promise<Float32Array> {
  const t = tf.tidy(f);
  const d = (await t.data()) as Float32Array;
  t.dispose();
  return d;
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('RNN (SimpleRNN, LSTM, GRU over image rows)', () => {
  it('orthogonal(): rows orthonormal, as Keras initialises recurrent kernels', () => {
    const m = orthogonal(4, 12, 3);
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 4; b++) {
        let dot = 0;
        for (let c = 0; c < 12; c++) dot += (m[a * 12 + c] ?? 0) * (m[b * 12 + c] ?? 0);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
  });

  for (const cell of RNN_CELLS) {
    it(`${cell}: hand-counted parameters, prunable kernels apart, and the same outputs as TF.js's own ${cell} layer`, async () => {
      const before = tf.memory().numTensors;
      const g = { simple: 1, lstm: 4, gru: 3 }[cell];
      const net = createNetwork(rnnModel(cell), io, 5);
      expect(net).toBeInstanceOf(RnnNet);
      const name = { simple: 'simple_rnn_1', lstm: 'lstm_1', gru: 'gru_1' }[cell];
      // input kernel 8·(g·6) + bias g·6, recurrent kernel 6·(g·6), dense 6·5 + 5, output 5·10 + 10
      const params = 8 * g * 6 + g * 6 + 6 * g * 6 + 35 + 60;
      expect(net.params()).toBe(params);
      const descs = describeModel(rnnModel(cell), io);
      expect(descs.map((d) => [d.name, d.kernelShape, d.positions])).toEqual([
        [name, [8, g * 6], 8],
        [`${name}_recurrent`, [6, g * 6], 8],
        ['dense_1', [6, 5], 1],
        ['output', [5, 10], 1],
      ]);
      expect(prunableTensorNames(descs, { biases: true, outputLayer: false })).toEqual([`${name}/kernel`, `${name}/bias`, `${name}_recurrent/kernel`, 'dense_1/kernel', 'dense_1/bias']);
      expect(prunableSlots(net, { biases: true, outputLayer: false }).map((s) => s.name)).toEqual([`${name}/kernel`, `${name}/bias`, `${name}_recurrent/kernel`, 'dense_1/kernel', 'dense_1/bias']);
      // MACs per sample: both kernels once per step.
      expect(net.flops()).toBe(8 * (2 * 8 * g * 6 + g * 6) + 8 * (2 * 6 * g * 6) + (2 * 30 + 5) + (2 * 50 + 10));
      const x = tf.randomUniform([4, 64], 0, 1, 'float32', 9) as tf.Tensor2D;
      const model = await net.toLayersModel();
      const ours = await values(() => tf.softmax(net.forward(x)));
      const theirs = await values(() => model.predict(tf.reshape(x, [4, 8, 8])) as tf.Tensor);
      ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i] ?? NaN, 5));
      // Removing hidden units takes every gate's column with them: the shrunk net equals the dense one with those units' weights zeroed.
      const small = net.shrink([[0, 2, 3, 5], [0, 1, 2, 3, 4]]);
      expect(small.params()).toBe(8 * g * 4 + g * 4 + 4 * g * 4 + 4 * 5 + 5 + 60);
      const a = await values(() => tf.softmax(small.forward(x)));
      const zeroed = net.clone() as RnnNet;
      const drop = [1, 4];
      tf.tidy(() => {
        const cols = new Float32Array(g * 6).fill(1);
        for (let k = 0; k < g; k++) for (const j of drop) cols[k * 6 + j] = 0;
        const rows = new Float32Array(6).fill(1);
        for (const j of drop) rows[j] = 0;
        zeroed.rnn.kernel.assign(tf.mul(zeroed.rnn.kernel, tf.tensor1d(cols)));
        zeroed.rnn.bias.assign(tf.mul(zeroed.rnn.bias, tf.tensor1d(cols)));
        zeroed.rnn.recurrentKernel.assign(tf.mul(tf.mul(zeroed.rnn.recurrentKernel, tf.tensor1d(cols)), tf.tensor2d(rows, [6, 1])));
        zeroed.layers[0]?.kernel.assign(tf.mul(zeroed.layers[0].kernel, tf.tensor2d(rows, [6, 1])));
      });
      const b = await values(() => tf.softmax(zeroed.forward(x)));
      // A removed unit's state stays 0 (tanh(0) = 0) only when its gates see nothing: true for all three cells here.
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i] ?? NaN, 5));
      tf.dispose([x]);
      model.dispose();
      [net, small, zeroed].forEach((n) => n.dispose());
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses plain feature columns with a clear message', () => {
    expect(() => createNetwork(rnnModel('lstm'), { nInputs: 30, nOutputs: 2 }, 1)).toThrow(ModelSpecError);
    expect(() => createNetwork(rnnModel('lstm'), { nInputs: 30, nOutputs: 2 }, 1)).toThrow(/An RNN reads each row as a sequence/);
  });

  it('an LSTM on digits read row by row reaches ≥ 0.9 with 5-fold CV; a sweep of its kernels runs; no tensor is left', async () => {
    const before = tf.memory().numTensors;
    const t0 = Date.now();
    const spec = digitsRnnSpec('lstm', { epochs: 8, batchSize: 128, learningRate: 0.02 });
    spec.model = rnnModel('lstm', 20, []);
    const cv = resultOf(await runInThread(spec, digits), 'cv');
    const s = cv.summary;
    if (!s) throw new Error('no summary');
    console.log(`digits LSTM(20) 5-fold: ${s.mean.toFixed(4)} ± ${s.std.toFixed(4)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(cv.folds).toHaveLength(5);
    expect(s.mean).toBeGreaterThanOrEqual(0.9);
    const sweep = resultOf(await runInThread({ ...withTask(spec, 'sweep', { methods: ['magnitude-layer'], sparsities: [0.5], finetuneEpochs: 2 }), cv: { kind: 'stratified-kfold', folds: 2, shuffle: true, testFraction: 0.2 }, training: { ...spec.training, epochs: 4 } }, digits), 'sweep');
    const point = sweep.points.find((p) => p.series === 'magnitude-layer');
    expect(point?.achievedSparsity).toBeCloseTo(0.5, 2);
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);

  it('structural pruning removes half of a GRU\'s units with all their gates, and refuses layer removal and data-driven criteria', async () => {
    const spec = digitsRnnSpec('gru', { epochs: 4, batchSize: 128, learningRate: 0.02 });
    spec.model = rnnModel('gru', 16, [{ units: 8, activation: 'relu', dropout: 0 }]);
    spec.cv = { kind: 'stratified-kfold', folds: 2, shuffle: true, testFraction: 0.2 };
    const r = resultOf(await runInThread(withTask(spec, 'structural', { action: 'units', criterion: 'l2', mode: 'layer', ratio: 0.5, steps: 1, finetuneEpochs: 2 }), digits), 'structural');
    for (const f of r.folds) {
      expect(f.before.hiddenUnits).toEqual([16, 8]);
      expect(f.after.hiddenUnits).toEqual([8, 4]);
      // GRU(8 → 8 units): 8·24 + 24 + 8·24, dense 8·4 + 4, output 4·10 + 10.
      expect(f.after.params).toBe(8 * 24 + 24 + 8 * 24 + 36 + 50);
      expect(f.before.params).toBe(8 * 48 + 48 + 16 * 48 + 16 * 8 + 8 + 90);
    }
    await expect(runInThread(withTask(spec, 'structural', { action: 'layer' }), digits)).rejects.toThrow('Layer removal drops a dense hidden layer of an MLP');
    await expect(runInThread(withTask(spec, 'structural', { criterion: 'apoz' }), digits)).rejects.toThrow('Recurrent units are ranked by the L1 or L2 norm');
  }, 120_000);
});
