import { describe, expect, it } from 'vitest';
import { fitStandardizer, gatherRows } from './standardize';

// 4 rows × 3 features, row-major. Feature 2 is constant.
//   row 0: 1, 10, 5
//   row 1: 2, 20, 5
//   row 2: 3, 60, 5
//   row 3: 100, -7, 9   (outside the fit below)
const X = Float64Array.from([1, 10, 5, 2, 20, 5, 3, 60, 5, 100, -7, 9]);

describe('fitStandardizer', () => {
  it('computes the mean and population std of the given rows only', () => {
    const s = fitStandardizer(X, 3, [0, 1, 2]);
    // Feature 0: mean 2, deviations −1, 0, 1 → variance 2/3.
    // Feature 1: mean 30, deviations −20, −10, 30 → variance (400 + 100 + 900)/3 = 1400/3.
    expect(s.mean[0]).toBeCloseTo(2, 12);
    expect(s.mean[1]).toBeCloseTo(30, 12);
    expect(s.mean[2]).toBeCloseTo(5, 12);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(s.scale[1]).toBeCloseTo(Math.sqrt(1400 / 3), 12);
  });

  it('gives a constant feature a scale of 1', () => {
    expect(fitStandardizer(X, 3, [0, 1, 2]).scale[2]).toBe(1);
    expect(fitStandardizer(X, 3, [3]).scale).toEqual(Float64Array.from([1, 1, 1]));
  });

  it('is unaffected by rows outside the fit and by row order', () => {
    const a = fitStandardizer(X, 3, [0, 1, 2]);
    const changed = Float64Array.from(X);
    changed.set([-1e6, 1e6, 0], 9); // row 3
    const b = fitStandardizer(changed, 3, Int32Array.from([2, 0, 1]));
    for (let f = 0; f < 3; f++) {
      expect(b.mean[f]).toBeCloseTo(a.mean[f] ?? NaN, 12);
      expect(b.scale[f]).toBeCloseTo(a.scale[f] ?? NaN, 12);
    }
  });

  it('changes when the fitted rows change', () => {
    const s = fitStandardizer(X, 3, [1, 3]);
    // Feature 0 over rows 1, 3: mean 51, std 49; feature 2: mean 7, std 2.
    expect([...s.mean]).toEqual([51, 6.5, 7]);
    expect([...s.scale]).toEqual([49, 13.5, 2]);
  });
});

describe('gatherRows', () => {
  it('copies the requested rows in order without a scaler', () => {
    const out = gatherRows(X, 3, [3, 0]);
    expect(out).toBeInstanceOf(Float32Array);
    expect([...out]).toEqual([100, -7, 9, 1, 10, 5]);
  });

  it('applies (x − mean) / scale with the fitted scaler, also to rows outside the fit', () => {
    const s = fitStandardizer(X, 3, [1, 3]); // mean [51, 6.5, 7], scale [49, 13.5, 2]
    const out = gatherRows(X, 3, [0, 1, 3], s);
    const expected = [
      (1 - 51) / 49, (10 - 6.5) / 13.5, (5 - 7) / 2,
      (2 - 51) / 49, (20 - 6.5) / 13.5, (5 - 7) / 2,
      (100 - 51) / 49, (-7 - 6.5) / 13.5, (9 - 7) / 2,
    ];
    expect(out).toHaveLength(9);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 6));
  });

  it('standardised fitted rows have mean 0 and population std 1', () => {
    const rows = [0, 1, 2];
    const out = gatherRows(X, 3, rows, fitStandardizer(X, 3, rows));
    for (const f of [0, 1]) {
      const col = rows.map((_, i) => out[i * 3 + f] ?? NaN);
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / col.length;
      expect(m).toBeCloseTo(0, 6);
      expect(v).toBeCloseTo(1, 6);
    }
    // The constant feature is centred, not scaled.
    expect([out[2], out[5], out[8]]).toEqual([0, 0, 0]);
  });
});
