import { describe, expect, it } from 'vitest';
import { keptAfterStep, normaliseScores, selectGlobal, selectLayerwise, selectUnits } from './select';

const f32 = (a: number[]) => Float32Array.from(a);

describe('layer-wise selection', () => {
  it('removes the same ratio from every layer, lowest scores first', () => {
    const scores = [f32([5, 1, 4, 2, 3, 6]), f32([0.3, 0.1, 0.2, 0.4])];
    expect(selectUnits(scores, { mode: 'layer', ratio: 0.5 })).toEqual([
      [0, 2, 5],
      [0, 3],
    ]);
  });

  it('breaks ties by index (the lower index goes first) and counts with Python rounding', () => {
    // round(0.5 · 5) = 2 (half to even): the two tied 1s at indices 1 and 3 go, not index 4.
    expect(selectUnits([f32([2, 1, 3, 1, 1])], { mode: 'layer', ratio: 0.5 })).toEqual([[0, 2, 4]]);
    // round(0.5 · 3) = 2.
    expect(selectUnits([f32([1, 1, 1])], { mode: 'layer', ratio: 0.5 })).toEqual([[2]]);
  });

  it('always keeps at least one unit per layer', () => {
    expect(selectUnits([f32([3, 1]), f32([7])], { mode: 'layer', ratio: 0.99 })).toEqual([[0], [0]]);
    expect(selectLayerwise([f32([1, 2, 3])], [10])).toEqual([[2]]);
  });

  it('ratio 0 keeps everything; a ratio of 1 or more is an error', () => {
    expect(selectUnits([f32([1, 2])], { mode: 'layer', ratio: 0 })).toEqual([[0, 1]]);
    expect(() => selectUnits([f32([1, 2])], { mode: 'layer', ratio: 1 })).toThrow(/\[0, 1\)/);
  });
});

describe('global selection', () => {
  // Layer A is on a scale 100× layer B's; raw scores would empty B first.
  const scores = [f32([100, 50, 80, 10]), f32([1, 0.9, 0.2, 0.6])];

  it('normalises each layer by its max |score| and ranks across layers', () => {
    expect(normaliseScores(scores, 'max').map((s) => Array.from(s, (v) => Number(v.toFixed(6))))).toEqual([
      [1, 0.5, 0.8, 0.1],
      [1, 0.9, 0.2, 0.6],
    ]);
    // 4 of 8 go: A3 (0.1), B2 (0.2), A1 (0.5), B3 (0.6).
    expect(selectUnits(scores, { mode: 'global', ratio: 0.5 })).toEqual([
      [0, 2],
      [0, 1],
    ]);
  });

  it('with no normalisation the small-scale layer goes first, down to its last unit', () => {
    expect(selectUnits(scores, { mode: 'global', ratio: 0.5, normalisation: 'none' })).toEqual([[0, 1, 2], [0]]);
  });

  it('l2 normalisation divides by the layer norm', () => {
    const n = normaliseScores([f32([3, 4])], 'l2')[0];
    expect(Array.from(n ?? [])).toEqual([0.6, 0.8]);
    expect(selectGlobal([f32([3, 4]), f32([1, 10])], 1, 'l2')).toEqual([[0, 1], [1]]); // 1/√101 < 0.6
  });

  it('keeps at least one unit per layer and breaks ties by layer, then index', () => {
    expect(selectGlobal([f32([1, 1]), f32([1, 1]), f32([1])], 10)).toEqual([[1], [1], [0]]);
    expect(selectGlobal([f32([1, 2]), f32([1, 2])], 1)).toEqual([[1], [0, 1]]);
  });

  it('an all-zero layer stays at zero and goes first', () => {
    expect(selectGlobal([f32([0, 0, 0]), f32([1, 2])], 2)).toEqual([[2], [0, 1]]);
  });
});

describe('iterative schedule', () => {
  it('keeps (1 − ratio)^(s/k) after step s and ends on the one-shot count', () => {
    expect([1, 2, 3].map((s) => keptAfterStep(64, 0.5, s, 3))).toEqual([51, 40, 32]); // 64·0.5^(1/3) = 50.8, 64·0.5^(2/3) = 40.3
    expect(keptAfterStep(5, 0.5, 1, 1)).toBe(3);
    expect(keptAfterStep(3, 0.9, 1, 1)).toBe(1);
  });
});
