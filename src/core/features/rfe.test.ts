import { describe, expect, it } from 'vitest';
import { accuracy } from '../metrics';
import type { Estimator, FittedClassifier } from './estimator';
import { eliminationSchedule, lowestImportance, resolveTarget, rfe, stepSize } from './rfe';
import type { LabeledTable } from './table';

/**
 * A stub estimator: every column is constant and holds its "true importance", so the importance
 * it reports survives column selection and identifies the original feature. It records the
 * feature counts it is fitted on.
 */
function stubData(importance: number[], nRows = 4): LabeledTable {
  const F = importance.length;
  const x = new Float64Array(nRows * F);
  for (let r = 0; r < nRows; r++) importance.forEach((v, f) => (x[r * F + f] = v));
  return { x, nRows, nFeatures: F, y: Int32Array.from({ length: nRows }, (_, i) => i % 2), nClasses: 2 };
}

function stubEstimator(fitted: number[] = []): Estimator {
  return {
    name: 'stub',
    fit(d): FittedClassifier {
      fitted.push(d.nFeatures);
      const imp = d.x.slice(0, d.nFeatures);
      const m: FittedClassifier = {
        nFeatures: d.nFeatures,
        classes: Int32Array.from([0, 1]),
        predict: (_x, n) => new Int32Array(n),
        importance: () => Float64Array.from(imp),
        score: (x, n, y) => accuracy(m.predict(x, n), y),
      };
      return m;
    },
  };
}

describe('RFE step semantics (scikit-learn)', () => {
  it('an integer step is a count; a fraction is int(max(1, step · nFeatures)) of the initial count', () => {
    expect(stepSize(1, 30)).toBe(1);
    expect(stepSize(3, 10)).toBe(3);
    expect(stepSize(0.25, 10)).toBe(2); // int(2.5)
    expect(stepSize(0.5, 7)).toBe(3); // int(3.5)
    expect(stepSize(0.05, 10)).toBe(1); // max(1, 0.5)
    expect(stepSize(0.999, 3)).toBe(2);
    for (const bad of [0, -1, 1.5, 2.5, Number.NaN]) expect(() => stepSize(bad, 10)).toThrow();
  });

  it('each round removes min(step, remaining − target): the visited feature counts', () => {
    expect(eliminationSchedule(10, 0.25, 1)).toEqual([10, 8, 6, 4, 2, 1]);
    expect(eliminationSchedule(10, 3, 1)).toEqual([10, 7, 4, 1]);
    expect(eliminationSchedule(10, 4, 3)).toEqual([10, 6, 3]);
    expect(eliminationSchedule(10, 4, 1)).toEqual([10, 6, 2, 1]);
    expect(eliminationSchedule(30, 1, 1)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect(eliminationSchedule(5, 1, 5)).toEqual([5]);
  });

  it('the target: an integer (capped at nFeatures) or int(n · fraction)', () => {
    expect(resolveTarget(3, 10)).toBe(3);
    expect(resolveTarget(12, 10)).toBe(10);
    expect(resolveTarget(0.5, 7)).toBe(3);
    expect(resolveTarget(1, 7)).toBe(1); // the integer 1, not 100 %
    expect(() => resolveTarget(0.05, 10)).toThrow();
    expect(() => resolveTarget(0, 10)).toThrow();
  });

  it('ties in importance: the lower column index is removed first; NaN counts as the largest', () => {
    expect(lowestImportance([1, 1, 1, 1], 2)).toEqual([0, 1]);
    expect(lowestImportance([2, 1, 2, 1], 3)).toEqual([1, 3, 0]);
    expect(lowestImportance([Number.NaN, 5, 0], 2)).toEqual([2, 1]);
  });
});

describe('rfe', () => {
  it('10 features, step 0.25, down to 1: fits 10, 8, 6, 4, 2, 1 features and ranks like sklearn', () => {
    const fitted: number[] = [];
    // Feature f has importance f + 1, so the lowest indices go first.
    const res = rfe(stubData(Array.from({ length: 10 }, (_, f) => f + 1)), stubEstimator(fitted), { nFeaturesToSelect: 1, step: 0.25 });
    expect(fitted).toEqual([10, 8, 6, 4, 2, 1]);
    expect(res.counts).toEqual([10, 8, 6, 4, 2, 1]);
    expect([...res.ranking]).toEqual([6, 6, 5, 5, 4, 4, 3, 3, 2, 1]);
    expect([...res.support]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect([...res.selected]).toEqual([9]);
    expect(res.nFeatures).toBe(1);
    expect(res.model.nFeatures).toBe(1);
  });

  it('removes by importance, not by position, and respects the target count', () => {
    const imp = [5, 0.1, 3, 0.2, 4, 1];
    const res = rfe(stubData(imp), stubEstimator(), { nFeaturesToSelect: 3, step: 2 });
    // Round 1 removes 1 (0.1) and 3 (0.2); round 2 removes min(2, 4 − 3) = 1 feature: 5 (1.0).
    expect([...res.selected]).toEqual([0, 2, 4]);
    expect([...res.ranking]).toEqual([1, 3, 1, 3, 1, 2]);
    expect(res.counts).toEqual([6, 4, 3]);
  });

  it('onFit sees every model with its original column indices (sklearn step_score)', () => {
    const seen: number[][] = [];
    rfe(stubData([3, 1, 2]), stubEstimator(), { nFeaturesToSelect: 1, step: 1, onFit: (_m, f) => seen.push([...f]) });
    expect(seen).toEqual([[0, 1, 2], [0, 2], [0]]);
  });

  it('a target at or above the feature count keeps everything after one fit', () => {
    const fitted: number[] = [];
    const res = rfe(stubData([1, 2, 3]), stubEstimator(fitted), { nFeaturesToSelect: 5, step: 1 });
    expect(fitted).toEqual([3]);
    expect([...res.ranking]).toEqual([1, 1, 1]);
  });
});
