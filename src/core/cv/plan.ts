import type { Dataset } from '../data/dataset';
import { mean, std } from '../metrics';
import { deriveSeed } from '../rng';
import type { ExperimentSpec } from '../spec/schema';
import type { EpochMetrics } from '../train/loop';
import { holdout, kFold, stratifiedKFold, type Split } from './splits';

// Planning and summarising a cross-validated run: no tensors here, so the UI thread can use it cheaply.

/** Seeds of every random stream, derived from the spec's one seed so folds are order-independent. */
export const seeds = {
  folds: (seed: number) => deriveSeed(seed, 3),
  init: (seed: number, fold: number) => deriveSeed(seed, 1, fold),
  shuffle: (seed: number, fold: number) => deriveSeed(seed, 2, fold),
};

export interface FoldResult {
  fold: number;
  accuracy: number;
  testLoss: number;
  trainSize: number;
  testSize: number;
  epochsRun: number;
  stoppedEarly: boolean;
  params: number;
  history: EpochMetrics[];
  ms: number;
}

export interface CvSummary {
  mean: number;
  std: number;
}

export interface ExperimentResult extends CvSummary {
  folds: FoldResult[];
}

/** The train/test splits the spec asks for (one for hold-out). */
export function makeSplits(spec: ExperimentSpec, ds: Dataset): Split[] {
  const { cv } = spec;
  const seed = seeds.folds(spec.seed);
  switch (cv.kind) {
    case 'stratified-kfold':
      return stratifiedKFold(ds.y, cv.folds, cv.shuffle, seed);
    case 'kfold':
      return kFold(ds.nRows, cv.folds, cv.shuffle, seed);
    case 'holdout':
      return [holdout(ds.y, cv.testFraction, seed)];
  }
}

export function summarizeFolds(folds: readonly Pick<FoldResult, 'accuracy'>[]): CvSummary {
  const accs = folds.map((f) => f.accuracy);
  return { mean: mean(accs), std: std(accs) };
}

