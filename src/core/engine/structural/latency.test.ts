import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMlp, disposeMlp } from '../model/mlp';
import { accountModel } from '../prune/accounting';
import { readWeights } from '../prune/masks';
import { useBackend } from '../testing/node';
import { accountStructure, flopsSpeedup, latencyBatch, measureLatency } from './latency';
import { shrinkMlp } from './shrink';
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
    30,
    2,
    1,
  );

describe('accountStructure', () => {
  it('agrees with accountModel on parameters and dense FLOPs, and gives the FLOPs speedup', async () => {
    const dense = mlp();
    const small = shrinkMlp(dense, [Array.from({ length: 32 }, (_, j) => 2 * j), Array.from({ length: 16 }, (_, j) => j)]);
    try {
      for (const m of [dense, small]) {
        const a = accountModel(await readWeights(m));
        const s = accountStructure(m);
        expect(s.params).toBe(a.totalParams);
        expect(s.flops).toBe(a.denseFlops);
      }
      const d = accountStructure(dense);
      const s = accountStructure(small);
      expect(d.hiddenUnits).toEqual([64, 32]);
      expect(s.hiddenUnits).toEqual([32, 16]);
      expect(d.flops).toBe(2 * (30 * 64 + 64 * 32 + 32 * 2) + 64 + 32 + 2);
      expect(s.flops).toBe(2 * (30 * 32 + 32 * 16 + 16 * 2) + 32 + 16 + 2);
      expect(flopsSpeedup(d, s)).toBeCloseTo(8162 / 3058, 12);
    } finally {
      disposeMlp(dense);
      disposeMlp(small);
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
      disposeMlp(m);
    }
  });

  it('percentile interpolates linearly', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
