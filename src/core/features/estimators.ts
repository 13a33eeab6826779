import type { FeaturesTask } from '../kinds/features';
import { streamSeed } from '../seeds';
import type { SpecBase } from '../spec/sections';
import type { Estimator } from './estimator';
import { linearSvm } from './linearSvm';
import { logisticRegression } from './logreg';
import { mlpEstimator } from './mlpEstimator';
import { withPermutationImportance } from './permutation';
import { standardized } from './standardized';

/**
 * The estimator a feature-selection task ranks with, seeded from the spec: the linear SVM's
 * coordinate order and the small MLP's initialisation draw from the featureEstimator stream,
 * permutation importance from the permutation stream. With standardization on, a scaler is fitted
 * on each fit's training rows (Pipeline(StandardScaler, estimator) semantics).
 */
export function featureEstimator(base: Pick<SpecBase, 'seed' | 'preprocessing'>, task: FeaturesTask): Estimator {
  const seed = streamSeed(base.seed, 'featureEstimator');
  const inner: Estimator = {
    logreg: () => logisticRegression(),
    'linear-svm': () => linearSvm({ loss: 'hinge', seed }),
    mlp: () => mlpEstimator({ seed }),
  }[task.estimator]();
  const ranked = task.importance === 'permutation' ? withPermutationImportance(inner, { nRepeats: 5, seed: streamSeed(base.seed, 'permutation') }) : inner;
  return base.preprocessing.standardize ? standardized(ranked) : ranked;
}
