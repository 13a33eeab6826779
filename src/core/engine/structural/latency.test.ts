import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeModel, flopsPerSample, countParams as describedParams } from '../../model/describe';
import { accountModel } from '../../prune/accounting';
import { useBackend } from '../../testing/node';
import { digitsCnnSpec } from '../../testing/specs';
import type { Network } from '../model/network';
import { createMlp, createNetwork } from '../model/registry';
import { readWeights } from '../prune/masks';
import { flopsSpeedup, latencyBatch, measureLatency } from './latency';
import { percentile } from './units';

beforeAll(async () => {
  await useBackend('cpu');
});

const mlp = () =>
  createMlp(
    {
      kind: 'mlp',
      hidden: [
        { units: 64, activation: 'relu', dropout: 0 },
        { units: 32, activation: 'relu', dropout: 0 },
      ],
      l1: 0,
      l2: 0,
    },
    { nInputs: 30, nOutputs: 2 },
    1,
  );

/** What a structural snapshot records of a network's structure. */
const structure = (net: Network) => ({ params: net.params(), flops: net.flops(), hiddenUnits: net.unitGroups().map((g) => g.units) });

describe('network structure (params, flops, unit groups)', () => {
  it('agrees with accountModel on parameters and dense FLOPs, and gives the FLOPs speedup', async () => {
    const dense = mlp();
    const small = dense.shrink([Array.from({ length: 32 }, (_, j) => 2 * j), Array.from({ length: 16 }, (_, j) => j)]);
    try {
      for (const m of [dense, small]) {
        const a = accountModel(await readWeights(m));
        const s = structure(m);
        expect(s.params).toBe(a.totalParams);
        expect(s.flops).toBe(a.denseFlops);
      }
      const d = structure(dense);
      const s = structure(small);
      expect(d.hiddenUnits).toEqual([64, 32]);
      expect(s.hiddenUnits).toEqual([32, 16]);
      expect(d.flops).toBe(2 * (30 * 64 + 64 * 32 + 32 * 2) + 64 + 32 + 2);
      expect(s.flops).toBe(2 * (30 * 32 + 32 * 16 + 16 * 2) + 32 + 16 + 2);
      expect(flopsSpeedup(d, s)).toBeCloseTo(8162 / 3058, 12);
    } finally {
      dense.dispose();
      small.dispose();
    }
  });

  it('a CNN, dense and with filters removed: the same agreement, and the tensor-free description agrees too', async () => {
    const spec = digitsCnnSpec([8, 16], 32, {});
    const io = { nInputs: 64, nOutputs: 10, imageShape: [8, 8, 1] as const };
    const dense = createNetwork(spec.model, io, 1);
    const small = dense.shrink([
      [0, 1, 2, 3],
      [0, 2, 4, 6, 8, 10, 12, 14],
    ]);
    try {
      for (const m of [dense, small]) {
        const a = accountModel(await readWeights(m));
        expect(m.params()).toBe(a.totalParams);
        expect(m.flops()).toBe(a.denseFlops);
      }
      const layers = describeModel(spec.model, io);
      expect(dense.params()).toBe(describedParams(layers));
      expect(dense.flops()).toBe(flopsPerSample(layers));
      expect(structure(dense).hiddenUnits).toEqual([8, 16]);
      expect(structure(small).hiddenUnits).toEqual([4, 8]);
      // conv 3·3·1·4 + 4, conv 3·3·4·8 + 8, dense (2·2·8)·32 + 32, output 32·10 + 10.
      expect(small.params()).toBe(40 + 296 + 1056 + 330);
    } finally {
      dense.dispose();
      small.dispose();
    }
  });
});

describe('measureLatency', () => {
  it('times repeats after the warm-up and reports median and percentiles (numpy interpolation)', async () => {
    const m = mlp();
    // Each call of the fake clock advances by the next step: run r takes r + 1 ms.
    let t = 0;
    let calls = 0;
    const now = () => {
      const v = t;
      if (calls++ % 2 === 0) t += Math.floor(calls / 2) + 1;
      return v;
    };
    const before = tf.memory().numTensors;
    try {
      const x = latencyBatch(new Float32Array(30 * 3).fill(0.5), 30, 8);
      expect(x.length).toBe(8 * 30);
      const s = await measureLatency(m, x, { repeats: 5, warmup: 2, now });
      expect(s.runs).toEqual([3, 4, 5, 6, 7]);
      expect(s.medianMs).toBe(5);
      expect(s.p10).toBeCloseTo(3.4, 12);
      expect(s.p90).toBeCloseTo(6.6, 12);
      expect(s.batch).toBe(8);
      expect(s.backend).toBe('cpu');
      const real = await measureLatency(m, x, { repeats: 7, warmup: 1 });
      expect(real.runs).toHaveLength(7);
      expect(real.medianMs).toBeGreaterThan(0);
      expect(real.p10).toBeLessThanOrEqual(real.medianMs);
      expect(real.p90).toBeGreaterThanOrEqual(real.medianMs);
      await expect(measureLatency(m, new Float32Array(31))).rejects.toThrow(/whole rows/);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      m.dispose();
    }
  });

  it('percentile interpolates linearly', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
