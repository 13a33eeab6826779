import { describe, expect, it } from 'vitest';
import type { JobPlan } from '../kinds/types';
import { parseShard, shardJobs } from './results';

const plan = (n: number): JobPlan[] => Array.from({ length: n }, (_, i) => ({ index: i, label: `fold ${i + 1}`, fold: i, epochs: 1, curveEpochs: 1, points: 0 }));

describe('shards', () => {
  it('slices the job list into n contiguous parts that cover it exactly once, sizes within one', () => {
    for (const jobs of [1, 2, 5, 6, 7, 20]) {
      for (let n = 1; n <= 8; n++) {
        const parts = Array.from({ length: n }, (_, i) => shardJobs(plan(jobs), i + 1, n));
        expect(parts.flat()).toEqual(plan(jobs).map((j) => j.index));
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
    expect(shardJobs(plan(5), 1, 3)).toEqual([0]);
    expect(shardJobs(plan(5), 3, 3)).toEqual([3, 4]);
  });

  it('parses i/n and refuses what is not a shard', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', '2', 'a/b', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard/);
    expect(() => shardJobs(plan(3), 0, 2)).toThrow('from 1 to 2');
  });
});
