import type { Split } from '../cv/splits';
import { mean, std } from '../metrics';
import type { Estimator, FittedClassifier } from './estimator';
import { eliminationSchedule, resolveTarget, rfe } from './rfe';
import { assertLabeled, selectColumns, subset, type LabeledTable } from './table';

/**
 * RFECV with scikit-learn 1.2's semantics: on each split, RFE runs on the training rows down to
 * `minFeaturesToSelect`, scoring (accuracy) every intermediate model on the test rows with the
 * features it was fitted on. The chosen count has the largest score summed over folds (fold
 * order, as numpy's np.sum(axis=0)); among exactly equal sums the FEWEST features win (sklearn
 * ≥ 1.0: argmax over the reversed scores). RFE then runs on all rows down to that count.
 * Per-count mean and population std (ddof 0) across folds are reported, as cv_results_.
 */
export interface RfecvOptions {
  /** CV splits (e.g. stratifiedKFold(y, 5, false, 0) for sklearn's cv=5 on a classifier). */
  splits: readonly Split[];
  /** Integer ≥ 1 or a fraction in (0, 1) of the initial feature count. */
  step: number;
  minFeaturesToSelect: number;
  /** Called after each fold's elimination run with its scores (ascending feature counts). */
  onFold?: (fold: number, scores: number[]) => void;
}

export interface RfecvResult {
  /** Feature counts evaluated, ascending. */
  counts: number[];
  /** foldScores[fold][j]: accuracy on the fold's test rows with counts[j] features. */
  foldScores: number[][];
  meanScore: number[];
  /** Population std (ddof 0), as sklearn's cv_results_['std_test_score']. */
  stdScore: number[];
  /** The selected number of features. */
  nFeatures: number;
  support: Uint8Array;
  ranking: Int32Array;
  selected: Int32Array;
  model: FittedClassifier;
}

/**
 * Picks the count with the largest score summed over folds; exact ties → the fewest features.
 * `counts` ascending, `foldScores[fold][j]` aligned with it.
 */
export function chooseFeatureCount(counts: readonly number[], foldScores: readonly (readonly number[])[]): number {
  if (counts.length === 0) throw new Error('No feature counts to choose from.');
  let best = 0;
  let bestSum = -Infinity;
  counts.forEach((_, j) => {
    let s = 0;
    for (const fold of foldScores) s += fold[j] ?? Number.NaN;
    if (s > bestSum) {
      bestSum = s;
      best = j;
    }
  });
  return counts[best] ?? counts[0] ?? 0;
}

export function rfecv(data: LabeledTable, estimator: Estimator, options: RfecvOptions): RfecvResult {
  assertLabeled(data);
  if (options.splits.length === 0) throw new Error('RFECV needs at least one CV split.');
  const n = data.nFeatures;
  if (!(Number.isInteger(options.minFeaturesToSelect) && options.minFeaturesToSelect >= 1)) {
    throw new Error(`minFeaturesToSelect must be an integer ≥ 1, got ${options.minFeaturesToSelect}.`);
  }
  const minFeatures = resolveTarget(options.minFeaturesToSelect, n);
  const counts = eliminationSchedule(n, options.step, minFeatures).reverse();

  const foldScores = options.splits.map((split, fold) => {
    const train = subset(data, split.train);
    const test = subset(data, split.test);
    const scores: number[] = [];
    rfe(train, estimator, {
      nFeaturesToSelect: minFeatures,
      step: options.step,
      onFit: (model, features) => {
        const x = features.length === n ? test.x : selectColumns(test.x, test.nRows, n, features);
        scores.push(model.score(x, test.nRows, test.y));
      },
    });
    scores.reverse();
    if (scores.length !== counts.length) throw new Error('RFECV: elimination schedule mismatch.');
    options.onFold?.(fold, scores);
    return scores;
  });

  const meanScore = counts.map((_, j) => mean(foldScores.map((s) => s[j] ?? Number.NaN)));
  const stdScore = counts.map((_, j) => std(foldScores.map((s) => s[j] ?? Number.NaN)));
  const nFeatures = chooseFeatureCount(counts, foldScores);
  const final = rfe(data, estimator, { nFeaturesToSelect: nFeatures, step: options.step });
  return {
    counts,
    foldScores,
    meanScore,
    stdScore,
    nFeatures: final.nFeatures,
    support: final.support,
    ranking: final.ranking,
    selected: final.selected,
    model: final.model,
  };
}
