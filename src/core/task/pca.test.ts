import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kFold } from '../cv/splits';
import { parseBuiltin } from '../data/builtin';
import { fitStandardizer, gatherRows } from '../data/standardize';
import reference from '../testdata/tasks/reference.json';
import { fitPca, jacobiEigen, pcaReconstructionError } from './pca';

describe('PCA (the autoencoder reference line)', () => {
  it('eigen-decomposes a hand-computed 2×2 matrix', () => {
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/√2 and (1, −1)/√2.
    const { values, vectors } = jacobiEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    const big = (values[0] as number) > (values[1] as number) ? 0 : 1;
    expect(Math.abs(vectors[big] as number)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[big]).toBeCloseTo(vectors[2 + big] as number, 12);
  });

  it('reconstructs exactly from all components and not at all from none', () => {
    const x = Float64Array.from([1, 2, 3, 2, 4, 7, 0, 1, 1, 5, 3, 2]);
    const p = fitPca(x, 4, 3);
    expect(pcaReconstructionError(p, x, 4, 3)).toBeLessThan(1e-20);
    // From 0 components every row becomes the mean: the error is the mean variance.
    const variance = [...p.variances].reduce((s, v) => s + v, 0) / 3;
    expect(pcaReconstructionError(p, x, 4, 0)).toBeCloseTo(variance, 12);
  });

  it("equals scikit-learn's PCA reconstruction error on standardised digits, per fold and k", () => {
    const ds = parseBuiltin('digits', readFileSync('public/datasets/digits.csv', 'utf8'));
    const splits = kFold(ds.nRows, 5, false, 0);
    const ref = reference.digits_pca_kfold5.mse_per_fold as Record<string, number[]>;
    splits.forEach((s, fold) => {
      const scaler = fitStandardizer(ds.x, ds.nFeatures, s.train);
      const train = gatherRows(ds.x, ds.nFeatures, s.train, scaler);
      const test = gatherRows(ds.x, ds.nFeatures, s.test, scaler);
      const p = fitPca(train, s.train.length, ds.nFeatures);
      for (const k of [4, 16]) expect(pcaReconstructionError(p, test, s.test.length, k)).toBeCloseTo(ref[String(k)]?.[fold] as number, 4);
    });
  });
});
