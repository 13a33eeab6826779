import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { jobContext, runJob } from '../../testing/run';
import { digitsCnnSpec, withTask } from '../../testing/specs';
import { CnnNet } from '../model/cnn';
import { countParams, type Network } from '../model/network';
import { createNetwork } from '../model/registry';
import { loadWeights, readWeights } from '../prune/masks';
import { runStructuralJob } from '../runners/structural';
import { filterNorms } from './filters';

const digits = loadBuiltinSync('digits', 'digits.csv');

const io = { nInputs: 64, nOutputs: 10, imageShape: [8, 8, 1] as const };
/** A CNN of the spec's model, from init stream `seed`. */
function createCnn(seed: number): CnnNet {
  const net = createNetwork(cnnSpec().model, io, seed);
  if (!(net instanceof CnnNet)) throw new Error('not a CNN');
  return net;
}

const cnnSpec = () => digitsCnnSpec([8, 16], 32, { epochs: 3, batchSize: 64, learningRate: 0.003 });

beforeAll(async () => {
  await useBackend('wasm');
});

describe('filter pruning', () => {
  it('ranks filters by the L1 / L2 norm of kernel[:, :, :, f]', async () => {
    const net = createCnn(1);
    const c = net.convs[0];
    if (!c) throw new Error('no conv');
    // 3×3×1×8 kernel: filter f's weights are at flat indices f, f + 8, …; set filter 2 to all 0.5 and filter 5 to ±1.
    const k = new Float32Array(72).fill(0);
    for (let j = 0; j < 9; j++) {
      k[j * 8 + 2] = 0.5;
      k[j * 8 + 5] = j % 2 ? -1 : 1;
    }
    c.kernel.assign(tf.tensor4d(k, [3, 3, 1, 8]));
    const [l1] = await filterNorms(net, 'l1');
    const [l2] = await filterNorms(net, 'l2');
    expect(Array.from(l1 ?? [])).toEqual([0, 0, 4.5, 0, 0, 9, 0, 0]);
    expect(l2?.[2]).toBeCloseTo(1.5, 12);
    expect(l2?.[5]).toBeCloseTo(3, 12);
    net.dispose();
  });

  it('rebuilds a smaller CNN whose outputs equal the masked network (removed filters zeroed) to 1e-5', async () => {
    const before = tf.memory().numTensors;
    const net = createCnn(2);
    // Non-zero biases so that a wrongly sliced bias or dense row would show.
    tf.tidy(() => [...net.convs, ...net.layers].forEach((l) => l.bias.assign(tf.randomUniform(l.bias.shape, -0.2, 0.2, 'float32', 5))));
    const kept = [
      [0, 2, 3, 7],
      [1, 4, 5, 8, 9, 10, 12, 15],
    ];
    const small = net.shrink(kept);
    // Hand count: conv 3·3·1·4 + 4, conv 3·3·4·8 + 8, dense (2·2·8)·32 + 32, output 32·10 + 10.
    expect(countParams(small)).toBe(40 + 296 + 1056 + 330);
    expect(small.unitGroups()).toEqual([
      { name: 'conv_1', units: 4 },
      { name: 'conv_2', units: 8 },
    ]);
    expect(small.convs.map((c) => c.kernel.shape)).toEqual([
      [3, 3, 1, 4],
      [3, 3, 4, 8],
    ]);
    // The dense network is untouched.
    expect(net.unitGroups().map((g) => g.units)).toEqual([8, 16]);
    const masked: Network = createCnn(2);
    const w = await readWeights(net);
    w.slice(0, 2).forEach((layer, li) => {
      const filters = layer.shape[3] ?? 1;
      layer.kernel.forEach((_, i) => {
        if (!(kept[li] ?? []).includes(i % filters)) layer.kernel[i] = 0;
      });
      layer.bias.forEach((_, f) => {
        if (!(kept[li] ?? []).includes(f)) layer.bias[f] = 0;
      });
    });
    loadWeights(masked, w);
    const x = tf.tensor2d(Float32Array.from(digits.x.slice(0, 30 * 64), (v) => v / 16), [30, 64]);
    const probs = async (n: Network) => {
      const p = tf.tidy(() => tf.softmax(n.forward(x)));
      const v = await p.data();
      p.dispose();
      return v;
    };
    const a = await probs(small);
    const b = await probs(masked);
    a.forEach((v, i) => expect(Math.abs(v - (b[i] ?? NaN))).toBeLessThan(1e-5));
    x.dispose();
    [net, small, masked].forEach((n) => n.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('prunes half the filters of a trained CNN on digits, reports FLOPs and measured latency, leaks nothing', async () => {
    const spec = withTask(cnnSpec(), 'structural', { criterion: 'l1', mode: 'layer', ratio: 0.5, finetuneEpochs: 2 });
    const before = tf.memory().numTensors;
    const r = await runStructuralJob(jobContext(spec, digits, 0), { latency: { repeats: 5 } });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.action).toBe('filters');
    expect(r.before.hiddenUnits).toEqual([8, 16]);
    expect(r.after.hiddenUnits).toEqual([4, 8]);
    expect(r.before.params).toBe(80 + 1168 + 2080 + 330);
    expect(r.after.params).toBe(40 + 296 + 1056 + 330);
    // One step: the kept filters of each conv layer, as indices into the dense network.
    expect(r.steps).toEqual([{ step: 1, hiddenUnits: [4, 8], accuracy: r.after.accuracy }]);
    expect(r.keptOriginal.map((k) => k.length)).toEqual([4, 8]);
    // 3 dense epochs, 2 fine-tuning epochs on one curve, pruned after epoch 3.
    expect(r.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(r.prunedAfterEpoch).toEqual([3]);
    expect(r.after.latency.runs).toHaveLength(5);
    expect(r.theoreticalSpeedup).toBeGreaterThan(2);
    expect(r.after.latency.medianMs).toBeGreaterThan(0);
    expect(r.after.accuracy).toBeGreaterThan(0.6); // 10 classes: chance is 0.1; a few epochs only
  }, 120_000);

  it('L2 filter pruning of another fold is deterministic; the plan refuses a data-driven criterion for a CNN', async () => {
    const spec = withTask(cnnSpec(), 'structural', { criterion: 'l2', mode: 'layer', ratio: 0.25, finetuneEpochs: 1 });
    spec.training.epochs = 2;
    const a = await runJob(spec, digits, 1);
    const b = await runJob(spec, digits, 1);
    expect(a.output.keptOriginal).toEqual(b.output.keptOriginal);
    expect(a.output.history).toEqual(b.output.history);
    expect(a.output.after.accuracy).toBe(b.output.after.accuracy);
    expect(a.output.after.hiddenUnits).toEqual([6, 12]);
    // Filter criteria are only the norms.
    expect(() => runStructuralJob(jobContext(withTask(cnnSpec(), 'structural', { criterion: 'taylor' }), digits, 0))).toThrow(/L1 or L2 norm/);
  }, 120_000);
});
