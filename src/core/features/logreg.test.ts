import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from '../cv/splits';
import { BUILTIN_DATASETS } from '../data/builtin';
import { fitStandardizer } from '../data/standardize';
import { loadBuiltinSync, reference } from '../testing/node';
import { binaryObjective, fitLogisticRegression, logisticRegression, multinomialObjective } from './logreg';
import { standardized } from './standardized';
import { gatherRows64, subset } from './table';

const load = (name: 'iris' | 'breast_cancer') => {
  const ds = loadBuiltinSync(name, BUILTIN_DATASETS[name].file);
  return { x: ds.x, nRows: ds.nRows, nFeatures: ds.nFeatures, y: ds.y, nClasses: ds.classNames.length };
};
const refFolds = (name: string) => (reference.datasets[name]?.cv_skf5_noshuffle_logreg as { folds: number[] }).folds;

describe('logistic regression: a hand-checkable case', () => {
  // x = −2, −1, 1, 2 with labels 0, 0, 1, 1: by symmetry b = 0, and the optimum solves
  // w/C = Σ (yᵢ − σ(w·xᵢ))·xᵢ = 2·[2·(1 − σ(2w)) + (1 − σ(w))].
  const x = Float64Array.from([-2, -1, 1, 2]);
  const y = Int32Array.from([0, 0, 1, 1]);
  const sig = (t: number) => 1 / (1 + Math.exp(-t));
  const stationarity = (w: number, C: number) => w / C - 2 * (2 * (1 - sig(2 * w)) + (1 - sig(w)));
  const solve = (C: number) => {
    let lo = 0;
    let hi = 100;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (stationarity(mid, C) > 0) hi = mid;
      else lo = mid;
    }
    return (lo + hi) / 2;
  };

  it.each([1, 0.1, 10])('C = %s: the coefficient solves the optimality condition, intercept 0', (C) => {
    const m = fitLogisticRegression(x, 4, 1, y, 2, { C, tol: 1e-12 });
    expect(m.coef.length).toBe(1);
    expect(m.intercept.length).toBe(1);
    expect(m.coef[0]).toBeGreaterThan(0);
    expect(m.coef[0]).toBeCloseTo(solve(C), 8);
    expect(m.intercept[0]).toBeCloseTo(0, 8);
    expect([...m.predict(Float64Array.from([-3, -0.5, 0.5, 3]), 4)]).toEqual([0, 0, 1, 1]);
    expect(m.importance()[0]).toBeCloseTo((m.coef[0] ?? 0) ** 2, 12);
  });

  it('swapping the labels flips the sign of the coefficient', () => {
    const a = fitLogisticRegression(x, 4, 1, y, 2);
    const b = fitLogisticRegression(x, 4, 1, Int32Array.from([1, 1, 0, 0]), 2);
    expect(b.coef[0]).toBeCloseTo(-(a.coef[0] ?? 0), 10);
  });
});

describe('logistic regression: objective and optimum', () => {
  const cancer = load('breast_cancer');
  const iris = load('iris');

  it('analytic gradients match finite differences (binary and multinomial)', () => {
    const check = (fn: (w: Float64Array, g: Float64Array) => number, n: number) => {
      const w = Float64Array.from({ length: n }, (_, i) => 0.1 * Math.sin(i + 1));
      const g = new Float64Array(n);
      fn(w, g);
      const h = 1e-6;
      const tmp = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const wp = Float64Array.from(w);
        const wm = Float64Array.from(w);
        wp[i] = (wp[i] ?? 0) + h;
        wm[i] = (wm[i] ?? 0) - h;
        const fd = (fn(wp, tmp) - fn(wm, tmp)) / (2 * h);
        expect(Math.abs(fd - (g[i] ?? 0))).toBeLessThan(1e-5 * Math.max(1, Math.abs(fd)));
      }
    };
    const c = subset(cancer, Int32Array.from({ length: 60 }, (_, i) => i * 9));
    check(binaryObjective(c.x, c.nRows, c.nFeatures, c.y, 1), c.nFeatures + 1);
    check(multinomialObjective(iris.x, iris.nRows, iris.nFeatures, iris.y, 3, 0.5), 3 * iris.nFeatures + 3);
  });

  it('the gradient vanishes at the solution (breast cancer binary, iris multinomial)', () => {
    const all = Int32Array.from({ length: cancer.nRows }, (_, i) => i);
    const xc = gatherRows64(cancer.x, cancer.nFeatures, all, fitStandardizer(cancer.x, cancer.nFeatures, all));
    const mc = fitLogisticRegression(xc, cancer.nRows, cancer.nFeatures, cancer.y, 2);
    expect(mc.stop).toBe('gtol');
    const g = new Float64Array(mc.params.length);
    binaryObjective(xc, cancer.nRows, cancer.nFeatures, cancer.y, 1)(mc.params, g);
    expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-7);

    const mi = fitLogisticRegression(iris.x, iris.nRows, iris.nFeatures, iris.y, 3);
    expect(mi.coef.length).toBe(12);
    expect(mi.intercept.length).toBe(3);
    const gi = new Float64Array(mi.params.length);
    multinomialObjective(iris.x, iris.nRows, iris.nFeatures, iris.y, 3, 1)(mi.params, gi);
    expect(Math.max(...gi.map(Math.abs))).toBeLessThan(1e-7);
    // Multinomial with an unpenalised intercept: the gradient in the intercepts says Σ_k p_ik − 1 = 0,
    // and the L2 penalty makes the coefficients sum to 0 over classes for every feature.
    for (let f = 0; f < 4; f++) {
      expect((mi.coef[f] ?? 0) + (mi.coef[4 + f] ?? 0) + (mi.coef[8 + f] ?? 0)).toBeCloseTo(0, 7);
    }
  });

  it('a warm start reaches the same optimum', () => {
    const a = fitLogisticRegression(iris.x, iris.nRows, iris.nFeatures, iris.y, 3);
    const b = fitLogisticRegression(iris.x, iris.nRows, iris.nFeatures, iris.y, 3, { init: a.params.map((v) => v * 0.5) });
    a.params.forEach((v, i) => expect(b.params[i]).toBeCloseTo(v, 6));
  });

  it('only knows the classes it saw: labels {0, 2} of 3 give a binary model over classes 0 and 2', () => {
    const rows = Int32Array.from({ length: 150 }, (_, i) => i).filter((i) => iris.y[i] !== 1);
    const d = subset(iris, rows);
    const m = fitLogisticRegression(d.x, d.nRows, d.nFeatures, d.y, 3);
    expect([...m.classes]).toEqual([0, 2]);
    expect(m.coef.length).toBe(4);
    expect(new Set(m.predict(iris.x, iris.nRows))).toEqual(new Set([0, 2]));
    expect(() => fitLogisticRegression(d.x, 2, d.nFeatures, Int32Array.from([0, 0]), 3)).toThrow();
  });
});

describe('logistic regression: scikit-learn cross-validation (StandardScaler on the training fold)', () => {
  it.each(['iris', 'breast_cancer'] as const)('%s: 5-fold unshuffled stratified accuracy per fold matches cv_skf5_noshuffle_logreg', (name) => {
    const d = load(name);
    const expected = refFolds(name);
    const splits = stratifiedKFold(d.y, 5, false, 0);
    const got = splits.map((s) => {
      const scaler = fitStandardizer(d.x, d.nFeatures, s.train);
      const xTrain = gatherRows64(d.x, d.nFeatures, s.train, scaler);
      const xTest = gatherRows64(d.x, d.nFeatures, s.test, scaler);
      const yTrain = Int32Array.from(s.train, (i) => d.y[i] ?? 0);
      const yTest = Int32Array.from(s.test, (i) => d.y[i] ?? 0);
      const m = fitLogisticRegression(xTrain, s.train.length, d.nFeatures, yTrain, d.nClasses, { maxIter: 2000 });
      return m.score(xTest, s.test.length, yTest);
    });
    got.forEach((acc, i) => expect(Math.abs(acc - (expected[i] ?? Number.NaN))).toBeLessThanOrEqual(0.01));
    // In fact identical to the reference's 4 printed decimals.
    got.forEach((acc, i) => expect(Math.abs(acc - (expected[i] ?? Number.NaN))).toBeLessThanOrEqual(5.1e-5));

    // The Pipeline wrapper gives the same fold scores.
    const viaPipeline = splits.map((s) => standardized(logisticRegression()).fit(subset(d, s.train)).score(subset(d, s.test).x, s.test.length, subset(d, s.test).y));
    expect(viaPipeline).toEqual(got);
  });
});
