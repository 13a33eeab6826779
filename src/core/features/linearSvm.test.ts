import { describe, expect, it } from 'vitest';
import { stratifiedKFold } from '../cv/splits';
import { BUILTIN_DATASETS } from '../data/builtin';
import { loadBuiltinSync } from '../testing/node';
import { fitLinearSvm, linearSvm, type LinearSvmModel, type SvmLoss } from './linearSvm';
import { standardized } from './standardized';
import { subset } from './table';

const load = (name: 'iris' | 'breast_cancer') => {
  const ds = loadBuiltinSync(name, BUILTIN_DATASETS[name].file);
  return { x: ds.x, nRows: ds.nRows, nFeatures: ds.nFeatures, y: ds.y, nClasses: ds.classNames.length };
};

/** liblinear's primal objective: ½(‖w‖² + w_b²) + C Σ loss, with the intercept as a regularised weight of a constant 1 feature. */
function primal(m: LinearSvmModel, x: Float64Array, nRows: number, y: Int32Array, C: number, loss: SvmLoss): number {
  const F = m.nFeatures;
  const w = m.coef;
  const b = m.intercept[0] ?? 0;
  let obj = 0.5 * (w.reduce((a, v) => a + v * v, 0) + b * b);
  for (let r = 0; r < nRows; r++) {
    let z = b;
    for (let f = 0; f < F; f++) z += (w[f] ?? 0) * (x[r * F + f] ?? 0);
    const margin = (y[r] === m.classes[1] ? 1 : -1) * z;
    const h = Math.max(0, 1 - margin);
    obj += C * (loss === 'hinge' ? h : h * h);
  }
  return obj;
}

describe('linear SVM', () => {
  it('separable 1-D data: positive slope, correct predictions, the max-margin solution', () => {
    // x = −2, −1, 1, 2, labels 0, 0, 1, 1, large C (hard margin): w·1 + b ≥ 1 and −w + b ≤ −1 with
    // the intercept regularised too → b = 0, w = 1.
    const x = Float64Array.from([-2, -1, 1, 2]);
    const y = Int32Array.from([0, 0, 1, 1]);
    for (const loss of ['hinge', 'squared_hinge'] as const) {
      const m = fitLinearSvm(x, 4, 1, y, 2, { C: 1000, loss, tol: 1e-10, maxIter: 100_000 });
      expect(m.coef[0]).toBeCloseTo(1, 3);
      expect(m.intercept[0]).toBeCloseTo(0, 3);
      expect([...m.predict(Float64Array.from([-0.1, 0.1]), 2)]).toEqual([0, 1]);
      expect(m.importance()[0]).toBeCloseTo((m.coef[0] ?? 0) ** 2, 12);
    }
  });

  it.each(['hinge', 'squared_hinge'] as const)('%s: standardized breast cancer, 5-fold CV accuracy above 0.95', (loss) => {
    const d = load('breast_cancer');
    const accs = stratifiedKFold(d.y, 5, false, 0).map((s) => {
      const test = subset(d, s.test);
      return standardized(linearSvm({ loss })).fit(subset(d, s.train)).score(test.x, test.nRows, test.y);
    });
    const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
    expect(mean).toBeGreaterThan(0.95);
  });

  it('is deterministic for a seed, and the seed only moves the solution within the tolerance', () => {
    const d = subset(load('breast_cancer'), Int32Array.from({ length: 300 }, (_, i) => i));
    const est = standardized(linearSvm({ seed: 7 }));
    const a = est.fit(d);
    const b = est.fit(d);
    expect([...a.importance()]).toEqual([...b.importance()]);
    const raw = (seed: number, tol: number) => fitLinearSvm(standardizeLocal(d.x, d.nRows, d.nFeatures), d.nRows, d.nFeatures, d.y, 2, { seed, tol, maxIter: 20_000 });
    const p1 = raw(1, 1e-6);
    const p2 = raw(2, 1e-6);
    const xs = standardizeLocal(d.x, d.nRows, d.nFeatures);
    const o1 = primal(p1, xs, d.nRows, d.y, 1, 'squared_hinge');
    const o2 = primal(p2, xs, d.nRows, d.y, 1, 'squared_hinge');
    expect(Math.abs(o1 - o2) / o1).toBeLessThan(1e-6);
    // The default tolerance (sklearn's 1e-4) is already near the optimum.
    const o0 = primal(raw(1, 1e-4), xs, d.nRows, d.y, 1, 'squared_hinge');
    expect((o0 - o1) / o1).toBeLessThan(1e-3);
    expect(o0).toBeGreaterThanOrEqual(o1 - 1e-9 * o1);
  });

  it('multiclass is one-vs-rest: one coefficient row per class, iris accuracy well above chance', () => {
    const d = load('iris');
    const m = standardized(linearSvm()).fit(d);
    expect(m.importance().length).toBe(4);
    const raw = fitLinearSvm(standardizeLocal(d.x, d.nRows, d.nFeatures), d.nRows, 4, d.y, 3);
    expect(raw.coef.length).toBe(12);
    expect(raw.intercept.length).toBe(3);
    expect(m.score(d.x, d.nRows, d.y)).toBeGreaterThan(0.9);
  });
});

function standardizeLocal(x: Float64Array, nRows: number, F: number): Float64Array {
  const out = Float64Array.from(x);
  for (let f = 0; f < F; f++) {
    let m = 0;
    for (let r = 0; r < nRows; r++) m += x[r * F + f] ?? 0;
    m /= nRows;
    let v = 0;
    for (let r = 0; r < nRows; r++) v += ((x[r * F + f] ?? 0) - m) ** 2;
    const sd = Math.sqrt(v / nRows) || 1;
    for (let r = 0; r < nRows; r++) out[r * F + f] = ((x[r * F + f] ?? 0) - m) / sd;
  }
  return out;
}
