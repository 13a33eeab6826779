import { describe, expect, it } from 'vitest';
import { additionalToPrune, countZeros, magnitudes, pruneLowest, roundHalfEven } from './select';
import type { PruneSemantics } from './types';

const TORCH: PruneSemantics = { ties: 'exact-k', amountOf: 'remaining' };
const TFMOT: PruneSemantics = { ties: 'keep-ties', amountOf: 'total' };
const ones = (n: number) => new Uint8Array(n).fill(1);
const zerosAt = (m: Uint8Array) => [...m.keys()].filter((i) => m[i] === 0);

describe('countZeros / magnitudes', () => {
  it('counts the pruned entries of a mask', () => {
    expect(countZeros(Uint8Array.from([1, 0, 1, 0, 0]))).toBe(3);
    expect(countZeros(ones(7))).toBe(0);
    expect(countZeros(new Uint8Array(4))).toBe(4);
  });

  it('magnitudes are |w|', () => {
    expect([...magnitudes(Float32Array.from([-2, 0, 3, -0.5]))]).toEqual([2, 0, 3, 0.5]);
  });
});

describe('additionalToPrune', () => {
  // torch.nn.utils.prune: nparams_toprune = round(amount · size), size = the still-unpruned entries.
  it("'remaining' is a fraction of the alive entries (torch iterative calls): 0.2 then 0.2 on 100 → 20 then 16", () => {
    expect(additionalToPrune(100, 0, 0.2, TORCH)).toBe(20);
    expect(additionalToPrune(100, 20, 0.2, TORCH)).toBe(16);
    expect(additionalToPrune(100, 36, 0.2, TORCH)).toBe(13); // round(12.8)
  });

  it("'total' is a fraction of all entries, minus what is already gone (tfmot): 0.2 then 0.2 → 20 then 0", () => {
    expect(additionalToPrune(100, 0, 0.2, TFMOT)).toBe(20);
    expect(additionalToPrune(100, 20, 0.2, TFMOT)).toBe(0);
    expect(additionalToPrune(100, 20, 0.5, TFMOT)).toBe(30);
    // Asking for less than is already pruned prunes nothing (never revives).
    expect(additionalToPrune(100, 40, 0.1, TFMOT)).toBe(0);
  });

  it('rounds amount·n to the nearest integer and never exceeds the alive count', () => {
    expect(additionalToPrune(7, 0, 0.3, TORCH)).toBe(2); // 2.1
    expect(additionalToPrune(7, 0, 0.4, TORCH)).toBe(3); // 2.8
    expect(additionalToPrune(10, 4, 1, TORCH)).toBe(6);
    expect(additionalToPrune(10, 4, 1, { ties: 'exact-k', amountOf: 'total' })).toBe(6);
    expect(additionalToPrune(10, 10, 0.5, TORCH)).toBe(0);
    expect(additionalToPrune(10, 0, 0, TORCH)).toBe(0);
  });

  it('rejects amounts outside [0, 1] and NaN', () => {
    expect(() => additionalToPrune(10, 0, -0.1, TORCH)).toThrow(/\[0, 1\]/);
    expect(() => additionalToPrune(10, 0, 1.5, TORCH)).toThrow(/\[0, 1\]/);
    expect(() => additionalToPrune(10, 0, Number.NaN, TORCH)).toThrow(/\[0, 1\]/);
  });
});

describe('pruneLowest', () => {
  it('exact-k removes exactly `count` entries with the lowest scores', () => {
    const scores = Float32Array.from([0.5, 0.1, 0.9, 0.3, 0.7, 0.2]);
    const out = pruneLowest(scores, ones(6), 3, 'exact-k');
    expect(zerosAt(out)).toEqual([1, 3, 5]); // 0.1, 0.2, 0.3
  });

  it('exact-k breaks ties by position, lower flat index first', () => {
    const scores = Float32Array.from([0.4, 0.2, 0.2, 0.2, 0.2, 0.1]);
    expect(zerosAt(pruneLowest(scores, ones(6), 3, 'exact-k'))).toEqual([1, 2, 5]);
    expect(zerosAt(pruneLowest(Float32Array.from([1, 1, 1, 1]), ones(4), 2, 'exact-k'))).toEqual([0, 1]);
  });

  it('keep-ties removes only entries strictly below the first survivor (tfmot threshold)', () => {
    // tfmot: keep round(n·(1−s)) = 3 largest → threshold = 3rd largest = 0.5; mask = |w| ≥ 0.5.
    const scores = Float32Array.from([0.5, 0.1, 0.5, 0.5, 0.9, 0.2]);
    const out = pruneLowest(scores, ones(6), 3, 'keep-ties');
    expect(zerosAt(out)).toEqual([1, 5]);
  });

  it('keep-ties without ties at the threshold is the same as exact-k', () => {
    const scores = Float32Array.from([0.5, 0.1, 0.9, 0.3, 0.7, 0.2]);
    expect(pruneLowest(scores, ones(6), 3, 'keep-ties')).toEqual(pruneLowest(scores, ones(6), 3, 'exact-k'));
  });

  it('only alive entries are candidates, and dead ones stay dead', () => {
    const scores = Float32Array.from([0.9, 0.1, 0.8, 0.2, 0.7]);
    const alive = Uint8Array.from([0, 0, 1, 1, 1]); // 0.9 and 0.1 already pruned
    const out = pruneLowest(scores, alive, 1, 'exact-k');
    expect(zerosAt(out)).toEqual([0, 1, 3]);
    expect([...alive]).toEqual([0, 0, 1, 1, 1]); // input untouched
  });

  it('count ≤ 0 copies the mask; count ≥ alive prunes everything alive', () => {
    const scores = Float32Array.from([3, 1, 2]);
    const alive = Uint8Array.from([1, 0, 1]);
    const same = pruneLowest(scores, alive, 0, 'exact-k');
    expect([...same]).toEqual([1, 0, 1]);
    expect(same).not.toBe(alive);
    expect([...pruneLowest(scores, alive, 5, 'exact-k')]).toEqual([0, 0, 0]);
    expect([...pruneLowest(scores, alive, 2, 'keep-ties')]).toEqual([0, 0, 0]);
  });
});

describe('roundHalfEven (torch counts with Python round)', () => {
  it('sends halves to the even neighbour', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3]);
    // torch.nn.utils.prune: amount 0.5 of 5 weights prunes round(2.5) = 2.
    expect(additionalToPrune(5, 0, 0.5, { ties: 'exact-k', amountOf: 'remaining' })).toBe(2);
  });
});
