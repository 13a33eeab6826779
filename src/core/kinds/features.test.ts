import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../cv/plan';
import { featureEstimator } from '../features/estimators';
import { rfecv } from '../features/rfecv';
import { defaultSpecFor } from '../spec/edit';
import type { ExperimentSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { runInThread } from '../testing/run';
import type { FeaturesTask } from './features';

const iris = loadBuiltinSync('iris', 'iris.csv');
const cancer = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');

beforeAll(async () => {
  await useBackend('cpu');
});

const spec = (name: 'iris' | 'breast_cancer', task: Partial<FeaturesTask>, seed = 42): ExperimentSpec => {
  const s = defaultSpecFor(name);
  s.seed = seed;
  s.cv = { kind: 'stratified-kfold', folds: 5, shuffle: false, testFraction: 0.2 };
  s.task = { kind: 'features', estimator: 'logreg', importance: 'coef', step: 1, minFeatures: 1, ...task };
  return s;
};

describe('RFECV as jobs (one per fold + one on all rows) equals RFECV in one piece', () => {
  const cases: [string, ExperimentSpec, typeof iris][] = [
    ['iris, step 1', spec('iris', {}), iris],
    ['breast cancer, step 4, minimum 3', spec('breast_cancer', { step: 4, minFeatures: 3 }), cancer],
    ['breast cancer, step 0.15 (a fraction of the initial count)', spec('breast_cancer', { step: 0.15 }), cancer],
  ];
  for (const [name, s, ds] of cases) {
    it(name, async () => {
      const task = s.task as FeaturesTask;
      const ref = rfecv({ x: ds.x, nRows: ds.nRows, nFeatures: ds.nFeatures, y: ds.y, nClasses: ds.classNames.length }, featureEstimator(s, task), {
        splits: makeSplits(s, ds),
        step: task.step,
        minFeaturesToSelect: Math.min(task.minFeatures, ds.nFeatures),
      });
      const { result } = await runInThread(s, ds);
      if (result.kind !== 'features') throw new Error('expected a features result');
      expect(result.counts).toEqual(ref.counts);
      expect(result.meanScore).toEqual(ref.meanScore);
      expect(result.stdScore).toEqual(ref.stdScore);
      expect(result.nFeatures).toBe(ref.nFeatures);
      expect(result.ranking).toEqual(Array.from(ref.ranking));
      expect(result.selected).toEqual(Array.from(ref.selected, (i) => ds.featureNames[i]));
      expect(result.summary?.mean).toBe(ref.meanScore[ref.counts.indexOf(ref.nFeatures)]);
    });
  }
});

describe('feature selection draws from the spec’s seed (it used seed 0 whatever the spec said)', () => {
  it('the small MLP’s initialisation, the linear SVM’s coordinate order and permutation importance follow the seed', () => {
    const table = { x: iris.x, nRows: iris.nRows, nFeatures: iris.nFeatures, y: iris.y, nClasses: iris.classNames.length };
    for (const task of [{ estimator: 'mlp' as const }, { estimator: 'linear-svm' as const }, { importance: 'permutation' as const }]) {
      const importance = (seed: number) => {
        const s = spec('iris', task, seed);
        return Array.from(featureEstimator(s, s.task as FeaturesTask).fit(table).importance());
      };
      expect(importance(1), JSON.stringify(task)).toEqual(importance(1));
      expect(importance(2), JSON.stringify(task)).not.toEqual(importance(1));
    }
  });
});
