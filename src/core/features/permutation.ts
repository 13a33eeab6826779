import { createRng, deriveSeed } from '../rng';
import type { Estimator, FittedClassifier } from './estimator';
import type { LabeledTable } from './table';

/**
 * Permutation importance (Breiman 2001; scikit-learn's permutation_importance with the model's
 * accuracy): for each feature and repeat, shuffle that column of the evaluation rows, score, and
 * record baseline − permuted accuracy. Works with any fitted classifier. Shuffles come from
 * deriveSeed(seed, feature, repeat), so a feature's numbers do not depend on the others.
 */
export interface PermutationOptions {
  nRepeats: number;
  seed: number;
}

export interface PermutationImportance {
  baseline: number;
  /** importances[f][r]: accuracy drop of feature f in repeat r. */
  importances: Float64Array[];
  mean: Float64Array;
  /** Population std over repeats (ddof 0), as sklearn's importances_std. */
  std: Float64Array;
}

export function permutationImportance(
  model: FittedClassifier, x: Float64Array, nRows: number, y: Int32Array, options: Partial<PermutationOptions> = {},
): PermutationImportance {
  const nRepeats = options.nRepeats ?? 5;
  const seed = options.seed ?? 0;
  const F = model.nFeatures;
  if (!(Number.isInteger(nRepeats) && nRepeats >= 1)) throw new Error('nRepeats must be an integer ≥ 1.');
  if (x.length !== nRows * F || y.length !== nRows) throw new Error('Permutation importance: x, y and the model disagree on the shape.');
  const baseline = model.score(x, nRows, y);
  const work = Float64Array.from(x);
  const column = new Float64Array(nRows);
  const importances: Float64Array[] = [];
  const meanOut = new Float64Array(F);
  const stdOut = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    for (let r = 0; r < nRows; r++) column[r] = x[r * F + f] ?? 0;
    const drops = new Float64Array(nRepeats);
    for (let rep = 0; rep < nRepeats; rep++) {
      const perm = createRng(deriveSeed(seed, f, rep)).shuffle(Int32Array.from({ length: nRows }, (_, i) => i));
      for (let r = 0; r < nRows; r++) work[r * F + f] = column[perm[r] ?? r] ?? 0;
      drops[rep] = baseline - model.score(work, nRows, y);
    }
    for (let r = 0; r < nRows; r++) work[r * F + f] = column[r] ?? 0;
    const m = drops.reduce((a, b) => a + b, 0) / nRepeats;
    meanOut[f] = m;
    stdOut[f] = Math.sqrt(drops.reduce((a, b) => a + (b - m) ** 2, 0) / nRepeats);
    importances.push(drops);
  }
  return { baseline, importances, mean: meanOut, std: stdOut };
}

/**
 * An estimator whose RFE importance is permutation importance (mean accuracy drop over seeded
 * shuffles of each column) measured on the rows it was fitted on — inside RFECV those are the
 * fold's training rows, so the held-out rows never steer the elimination.
 */
export function withPermutationImportance(inner: Estimator, options: Partial<PermutationOptions> = {}): Estimator {
  return {
    name: `${inner.name} + permutation importance`,
    fit(data: LabeledTable): FittedClassifier {
      const model = inner.fit(data);
      let cached: Float64Array | null = null;
      return {
        nFeatures: model.nFeatures,
        classes: model.classes,
        predict: (x, n) => model.predict(x, n),
        score: (x, n, y) => model.score(x, n, y),
        // Drops can be slightly negative by chance; RFE needs non-negative importances.
        importance: () => (cached ??= permutationImportance(model, data.x, data.nRows, data.y, options).mean.map((v) => Math.max(0, v))),
      };
    },
  };
}
