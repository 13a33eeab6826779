import type { Estimator, FittedClassifier } from './estimator';
import { assertLabeled, selectColumns, type LabeledTable } from './table';

/**
 * Recursive feature elimination with scikit-learn 1.2's RFE semantics:
 *
 * - `step` ≥ 1 (an integer) removes that many features per round; a fraction in (0, 1) removes
 *   int(max(1, step · nFeatures)) per round — a fraction of the INITIAL feature count, fixed for
 *   the whole run.
 * - Each round fits a fresh estimator on the surviving features and removes the
 *   min(step, remaining − target) features with the smallest importance; importance is the
 *   estimator's own (for linear models Σ_k coef_k², sklearn's importance_getter='auto' with
 *   transform_func='square').
 * - Ties in importance: the lower column index goes first (a stable sort). sklearn's
 *   np.argsort(kind='quicksort') is not stable for more than 16 features; exact ties are
 *   measure-zero for real data, and a stable rule keeps the result reproducible.
 * - ranking: 1 for the selected features; every round, all features eliminated so far get
 *   +1, so the first removed have the highest rank (sklearn's ranking_).
 */

/** Features removed per round (sklearn: int(max(1, step * n)) for 0 < step < 1, else int(step)). */
export function stepSize(step: number, nFeatures: number): number {
  if (step > 0 && step < 1) return Math.floor(Math.max(1, step * nFeatures));
  if (Number.isInteger(step) && step >= 1) return step;
  throw new Error(`RFE step must be an integer ≥ 1 or a fraction in (0, 1), got ${step}.`);
}

/** The target count: an integer ≥ 1 (capped at nFeatures, as sklearn keeps all then) or a fraction in (0, 1] of nFeatures. */
export function resolveTarget(nFeaturesToSelect: number, nFeatures: number): number {
  let k: number;
  if (Number.isInteger(nFeaturesToSelect) && nFeaturesToSelect >= 1) k = nFeaturesToSelect;
  else if (nFeaturesToSelect > 0 && nFeaturesToSelect <= 1) k = Math.floor(nFeatures * nFeaturesToSelect);
  else throw new Error(`The number of features to select must be an integer ≥ 1 or a fraction in (0, 1], got ${nFeaturesToSelect}.`);
  if (k < 1) throw new Error(`Selecting ${nFeaturesToSelect} of ${nFeatures} features leaves none.`);
  return Math.min(k, nFeatures);
}

/** Feature counts at which RFE fits a model, descending: nFeatures, …, target (sklearn's scores_ order). */
export function eliminationSchedule(nFeatures: number, step: number, target: number): number[] {
  const s = stepSize(step, nFeatures);
  const counts = [nFeatures];
  let n = nFeatures;
  while (n > target) {
    n -= Math.min(s, n - target);
    counts.push(n);
  }
  return counts;
}

/** Indices (into `importance`) of the `count` smallest values; ties by index; NaN counts as largest. */
export function lowestImportance(importance: ArrayLike<number>, count: number): number[] {
  const key = (i: number): number => {
    const v = importance[i] ?? Number.NaN;
    return Number.isNaN(v) ? Infinity : v;
  };
  const idx = Array.from({ length: importance.length }, (_, i) => i);
  idx.sort((a, b) => key(a) - key(b) || a - b);
  return idx.slice(0, Math.max(0, count));
}

export interface RfeOptions {
  /** Integer ≥ 1, or a fraction in (0, 1] of the features (sklearn: int(n · fraction)). */
  nFeaturesToSelect: number;
  /** Integer ≥ 1, or a fraction in (0, 1) of the initial feature count. */
  step: number;
  /**
   * Called with each fitted model and the original column indices it was fitted on, before its
   * features are eliminated and once more for the final model (sklearn's step_score).
   */
  onFit?: (model: FittedClassifier, features: Int32Array) => void;
}

export interface RfeResult {
  nFeatures: number;
  /** 1 where the feature is selected. */
  support: Uint8Array;
  ranking: Int32Array;
  /** Selected original column indices, ascending. */
  selected: Int32Array;
  /** The estimator fitted on the selected features. */
  model: FittedClassifier;
  /** Feature counts of every fit, descending (the last is the selected count). */
  counts: number[];
}

export function rfe(data: LabeledTable, estimator: Estimator, options: RfeOptions): RfeResult {
  assertLabeled(data);
  const n = data.nFeatures;
  if (n < 1) throw new Error('RFE needs at least one feature.');
  const target = resolveTarget(options.nFeaturesToSelect, n);
  const step = stepSize(options.step, n);
  const support = new Uint8Array(n).fill(1);
  const ranking = new Int32Array(n).fill(1);
  const counts: number[] = [];
  const fitOn = (features: Int32Array): FittedClassifier => {
    counts.push(features.length);
    const x = selectColumns(data.x, data.nRows, n, features);
    return estimator.fit({ x, nRows: data.nRows, nFeatures: features.length, y: data.y, nClasses: data.nClasses });
  };
  const alive = (): Int32Array => {
    const out: number[] = [];
    support.forEach((s, i) => {
      if (s) out.push(i);
    });
    return Int32Array.from(out);
  };

  let features = alive();
  while (features.length > target) {
    const model = fitOn(features);
    const importance = model.importance();
    if (importance.length !== features.length) throw new Error(`${estimator.name}: ${importance.length} importances for ${features.length} features.`);
    const remove = Math.min(step, features.length - target);
    options.onFit?.(model, features);
    for (const j of lowestImportance(importance, remove)) support[features[j] ?? 0] = 0;
    for (let f = 0; f < n; f++) if (!support[f]) ranking[f] = (ranking[f] ?? 0) + 1;
    features = alive();
  }
  const model = fitOn(features);
  options.onFit?.(model, features);
  return { nFeatures: features.length, support, ranking, selected: features, model, counts };
}
