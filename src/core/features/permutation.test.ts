import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { fitLinearSvm } from './linearSvm';
import { fitLogisticRegression } from './logreg';
import { permutationImportance } from './permutation';

/** Feature 0 decides the class (with a little label noise); feature 1 is pure noise. */
function makeData(nRows: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(nRows * 2);
  const y = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    x[r * 2] = rng.normal();
    x[r * 2 + 1] = rng.normal();
    y[r] = (x[r * 2] ?? 0) + 0.3 * rng.normal() > 0 ? 1 : 0;
  }
  return { x, y };
}

describe('permutation importance', () => {
  const train = makeData(400, 1);
  const valid = makeData(300, 2);
  const model = fitLogisticRegression(train.x, 400, 2, train.y, 2);

  it('the informative feature matters, the noise feature is ≈ 0', () => {
    const res = permutationImportance(model, valid.x, 300, valid.y, { nRepeats: 10, seed: 3 });
    expect(res.baseline).toBeGreaterThan(0.85);
    expect(res.mean[0]).toBeGreaterThan(0.3);
    expect(Math.abs(res.mean[1] ?? 1)).toBeLessThan(0.02);
    expect(res.importances).toHaveLength(2);
    expect(res.importances[0]).toHaveLength(10);
    const d = res.importances[0] ?? new Float64Array();
    const m = d.reduce((a, b) => a + b, 0) / d.length;
    expect(res.mean[0]).toBeCloseTo(m, 12);
    expect(res.std[0]).toBeCloseTo(Math.sqrt(d.reduce((a, b) => a + (b - m) ** 2, 0) / d.length), 12);
  });

  it('is deterministic for a seed, differs across seeds, and leaves the input untouched', () => {
    const before = Float64Array.from(valid.x);
    const a = permutationImportance(model, valid.x, 300, valid.y, { nRepeats: 5, seed: 11 });
    const b = permutationImportance(model, valid.x, 300, valid.y, { nRepeats: 5, seed: 11 });
    const c = permutationImportance(model, valid.x, 300, valid.y, { nRepeats: 5, seed: 12 });
    expect(a.importances.map((v) => [...v])).toEqual(b.importances.map((v) => [...v]));
    expect(a.importances.map((v) => [...v])).not.toEqual(c.importances.map((v) => [...v]));
    expect([...valid.x]).toEqual([...before]);
  });

  it('works with any fitted classifier (linear SVM) and checks shapes', () => {
    const svm = fitLinearSvm(train.x, 400, 2, train.y, 2);
    const res = permutationImportance(svm, valid.x, 300, valid.y, { seed: 1 });
    expect(res.mean[0]).toBeGreaterThan(res.mean[1] ?? 0);
    expect(() => permutationImportance(svm, valid.x, 299, valid.y)).toThrow();
    expect(() => permutationImportance(svm, valid.x, 300, valid.y, { nRepeats: 0 })).toThrow();
  });
});
