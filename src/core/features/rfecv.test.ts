import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from '../cv/splits';
import { BUILTIN_DATASETS } from '../data/builtin';
import { createRng } from '../rng';
import { loadBuiltinSync, reference } from '../testing/node';
import type { Estimator, FittedClassifier } from './estimator';
import { linearSvm } from './linearSvm';
import { logisticRegression } from './logreg';
import { chooseFeatureCount, rfecv } from './rfecv';
import { standardizeAll } from './standardized';

interface RfecvRef {
  n_features: number;
  mean_test_score_by_n_features_from_1: number[];
  ranking: number[];
}
const refOf = (name: string) => reference.datasets[name]?.rfecv_logreg_step1_skf5_globalscaler as RfecvRef;
const load = (name: 'iris' | 'breast_cancer') => {
  const ds = loadBuiltinSync(name, BUILTIN_DATASETS[name].file);
  return { x: ds.x, nRows: ds.nRows, nFeatures: ds.nFeatures, y: ds.y, nClasses: ds.classNames.length };
};

describe('RFECV(LogisticRegression, step=1, StratifiedKFold(5)) on globally standardized features = scikit-learn', () => {
  it.each(['iris', 'breast_cancer'] as const)('%s: mean score at every feature count, chosen count and ranking', (name) => {
    const d = standardizeAll(load(name));
    const ref = refOf(name);
    const res = rfecv(d, logisticRegression({ maxIter: 2000 }), { splits: stratifiedKFold(d.y, 5, false, 0), step: 1, minFeaturesToSelect: 1 });
    expect(res.counts).toEqual(Array.from({ length: d.nFeatures }, (_, i) => i + 1));
    expect(res.meanScore.length).toBe(ref.mean_test_score_by_n_features_from_1.length);
    const diffs = res.meanScore.map((m, j) => Math.abs(m - (ref.mean_test_score_by_n_features_from_1[j] ?? Number.NaN)));
    for (const dj of diffs) expect(dj).toBeLessThanOrEqual(0.01);
    // Identical to the reference's 4 printed decimals at every count.
    expect(Math.max(...diffs)).toBeLessThanOrEqual(5.1e-5);
    expect(res.nFeatures).toBe(ref.n_features);
    expect([...res.ranking]).toEqual(ref.ranking);
    expect(res.support.reduce((a, b) => a + b, 0)).toBe(ref.n_features);
    expect(res.model.nFeatures).toBe(ref.n_features);
    res.stdScore.forEach((s, j) => {
      const folds = res.foldScores.map((f) => f[j] ?? 0);
      const m = folds.reduce((a, b) => a + b, 0) / folds.length;
      expect(s).toBeCloseTo(Math.sqrt(folds.reduce((a, b) => a + (b - m) ** 2, 0) / folds.length), 12);
    });
  });
});

describe('chooseFeatureCount', () => {
  it('picks the largest summed score; exact ties go to the fewest features', () => {
    expect(chooseFeatureCount([1, 2, 3, 4], [[0.8, 0.9, 0.9, 0.85], [0.8, 0.9, 0.9, 0.85]])).toBe(2);
    expect(chooseFeatureCount([1, 2, 3], [[1, 1, 1]])).toBe(1);
    expect(chooseFeatureCount([2, 4, 6], [[0.5, 0.6, 0.7], [0.5, 0.6, 0.7]])).toBe(6);
  });

  it('compares float sums in fold order, as sklearn: equal means in exact arithmetic can differ', () => {
    // Iris: 2 and 3 features both average 0.96 = 144/150, but in floating point the fold sums
    // are 4.8 and 4.800000000000001, so sklearn (and we) choose 3.
    const two = [29 / 30, 29 / 30, 28 / 30, 28 / 30, 1];
    const three = [29 / 30, 1, 28 / 30, 27 / 30, 1];
    const folds = two.map((v, i) => [v, three[i] ?? 0]);
    expect(chooseFeatureCount([2, 3], folds)).toBe(3);
  });
});

describe('rfecv with a stubbed estimator', () => {
  // Score depends only on the number of features: 1 → 0.7, 2 → 0.9, 3 → 0.9, 4 → 0.8.
  const byCount: Record<number, number> = { 1: 0.7, 2: 0.9, 3: 0.9, 4: 0.8 };
  const stub: Estimator = {
    name: 'stub',
    fit(d): FittedClassifier {
      const imp = Float64Array.from({ length: d.nFeatures }, (_, j) => d.x[j] ?? 0);
      return {
        nFeatures: d.nFeatures,
        classes: Int32Array.from([0, 1]),
        predict: (_x, n) => new Int32Array(n),
        importance: () => imp,
        score: () => byCount[d.nFeatures] ?? 0,
      };
    },
  };
  // Constant columns holding each feature's importance 4, 1, 3, 2.
  const nRows = 10;
  const x = new Float64Array(nRows * 4);
  for (let r = 0; r < nRows; r++) x.set([4, 1, 3, 2], r * 4);
  const data = { x, nRows, nFeatures: 4, y: Int32Array.from({ length: nRows }, (_, i) => i % 2), nClasses: 2 };
  const splits = stratifiedKFold(data.y, 5, false, 0);

  it('reports per-count scores and chooses the fewest features among ties', () => {
    const perFold: number[][] = [];
    const res = rfecv(data, stub, { splits, step: 1, minFeaturesToSelect: 1, onFold: (_f, s) => perFold.push(s) });
    expect(res.counts).toEqual([1, 2, 3, 4]);
    expect(res.meanScore).toEqual([0.7, 0.9, 0.9, 0.8]);
    expect(res.stdScore).toEqual([0, 0, 0, 0]);
    expect(perFold).toHaveLength(5);
    expect(res.nFeatures).toBe(2);
    expect([...res.selected]).toEqual([0, 2]);
    expect([...res.ranking]).toEqual([1, 3, 1, 2]);
  });

  it('minFeaturesToSelect bounds the counts evaluated and the choice', () => {
    const res = rfecv(data, stub, { splits, step: 1, minFeaturesToSelect: 3 });
    expect(res.counts).toEqual([3, 4]);
    expect(res.nFeatures).toBe(3);
    expect([...res.selected]).toEqual([0, 2, 3]);
    expect(() => rfecv(data, stub, { splits, step: 1, minFeaturesToSelect: 0 })).toThrow();
    expect(() => rfecv(data, stub, { splits: [], step: 1, minFeaturesToSelect: 1 })).toThrow();
  });

  it('a fractional step visits sklearn\'s counts', () => {
    const res = rfecv(data, stub, { splits, step: 0.5, minFeaturesToSelect: 1 });
    expect(res.counts).toEqual([1, 2, 4]);
    expect(res.nFeatures).toBe(2);
  });
});

describe('rfecv on synthetic data: informative features survive', () => {
  // 3 informative features (y depends on them) + 5 noise features, both estimators.
  const nRows = 300;
  const F = 8;
  const x = new Float64Array(nRows * F);
  const y = new Int32Array(nRows);
  const rng = createRng(12345);
  const u = () => rng.next() - 0.5;
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < F; f++) x[r * F + f] = u();
    const score = 3 * (x[r * F + 1] ?? 0) - 2 * (x[r * F + 4] ?? 0) + 1.5 * (x[r * F + 6] ?? 0) + 0.2 * u();
    y[r] = score > 0 ? 1 : 0;
  }
  const data = standardizeAll({ x, nRows, nFeatures: F, y, nClasses: 2 });
  it.each([
    ['logistic regression', logisticRegression()],
    ['linear SVM', linearSvm()],
  ] as const)('%s keeps features 1, 4 and 6', (_name, est) => {
    const res = rfecv(data, est, { splits: stratifiedKFold(y, 5, false, 0), step: 1, minFeaturesToSelect: 1 });
    for (const f of [1, 4, 6]) expect(res.ranking[f]).toBe(1);
    expect(res.meanScore[2]).toBeGreaterThan(0.9);
    expect(res.meanScore[0]).toBeLessThan(res.meanScore[2] ?? 0);
  });
});
