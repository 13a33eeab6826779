import type { Dataset } from '../data/dataset';
import { mean, std } from '../metrics';
import { seeds } from '../seeds';
import type { SpecBase } from '../spec/sections';
import { holdout, kFold, stratifiedKFold, type Split } from './splits';

// Planning and summarising a cross-validated run: no tensors here, so the UI thread can use it cheaply.

export interface CvSummary {
  mean: number;
  std: number;
}

/** The train/test splits the spec asks for (one for hold-out), drawn from the spec's fold stream. */
export function makeSplits(spec: Pick<SpecBase, 'cv' | 'seed'>, ds: Pick<Dataset, 'y' | 'nRows'> & { classNames?: readonly string[] }): Split[] {
  const { cv } = spec;
  const seed = seeds.folds(spec.seed);
  switch (cv.kind) {
    case 'stratified-kfold':
      return stratifiedKFold(ds.y, cv.folds, cv.shuffle, seed, ds.classNames);
    case 'kfold':
      return kFold(ds.nRows, cv.folds, cv.shuffle, seed);
    case 'holdout':
      return [holdout(ds.y, cv.testFraction, seed, ds.classNames)];
  }
}

export function summarizeFolds(folds: readonly { accuracy: number }[]): CvSummary {
  const accs = folds.map((f) => f.accuracy);
  return { mean: mean(accs), std: std(accs) };
}
