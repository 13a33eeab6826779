import { makeSplits } from '../cv/plan';
import type { Dataset } from '../data/dataset';
import type { ExperimentSpec } from '../spec/schema';
import type { Estimator } from './estimator';
import { linearSvm } from './linearSvm';
import { logisticRegression } from './logreg';
import { mlpEstimator } from './mlpEstimator';
import { withPermutationImportance } from './permutation';
import { deriveSeed } from '../rng';
import { rfecv } from './rfecv';
import { standardized } from './standardized';

/** What the UI shows of an RFECV run: plain numbers and names only (it crosses the worker boundary). */
export interface FeatureSelectionResult {
  estimator: string;
  featureNames: string[];
  counts: number[];
  meanScore: number[];
  stdScore: number[];
  nFeatures: number;
  /** sklearn's ranking_: 1 = selected, larger = eliminated earlier. */
  ranking: number[];
  /** Names of the selected features, in dataset order. */
  selected: string[];
  ms: number;
}

const estimators: Record<NonNullable<ExperimentSpec['featureSelection']>['estimator'], () => Estimator> = {
  logreg: () => logisticRegression(),
  'linear-svm': () => linearSvm({ loss: 'hinge' }),
  mlp: () => mlpEstimator(),
};

/**
 * RFECV (scikit-learn semantics) on the spec's CV splits. With standardization on, a scaler is
 * fitted on each training part (like Pipeline(StandardScaler, estimator)); the final model on all rows.
 */
export function runFeatureSelection(spec: ExperimentSpec, ds: Dataset): FeatureSelectionResult {
  const fs = spec.featureSelection;
  if (!fs) throw new Error('This spec has no featureSelection section.');
  const started = Date.now();
  const fitted = estimators[fs.estimator]();
  const base = fs.importance === 'permutation' ? withPermutationImportance(fitted, { nRepeats: 5, seed: deriveSeed(spec.seed, 9) }) : fitted;
  const estimator = spec.preprocessing.standardize ? standardized(base) : base;
  const r = rfecv({ x: ds.x, nRows: ds.nRows, nFeatures: ds.nFeatures, y: ds.y, nClasses: ds.classNames.length }, estimator, {
    splits: makeSplits(spec, ds),
    step: fs.step,
    minFeaturesToSelect: Math.min(fs.minFeatures, ds.nFeatures),
  });
  return {
    estimator: estimator.name,
    featureNames: ds.featureNames,
    counts: r.counts,
    meanScore: r.meanScore,
    stdScore: r.stdScore,
    nFeatures: r.nFeatures,
    ranking: Array.from(r.ranking),
    selected: Array.from(r.selected, (i) => ds.featureNames[i] ?? `feature ${i}`),
    ms: Date.now() - started,
  };
}
