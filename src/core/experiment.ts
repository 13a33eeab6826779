import { holdout, kFold, stratifiedKFold, type Split } from './cv/splits';
import type { Dataset } from './data/dataset';
import { fitStandardizer, gatherRows } from './data/standardize';
import { mean, std } from './metrics';
import { countParams, createMlp, disposeMlp } from './model/mlp';
import { deriveSeed } from './rng';
import type { ExperimentSpec } from './spec/schema';
import { evaluate, train, type EpochMetrics } from './train/loop';

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

export interface FoldHooks {
  onEpoch?: (fold: number, m: EpochMetrics) => void;
  isCancelled?: () => boolean;
}

/** Trains and scores one fold; every tensor it makes is disposed before it returns or throws. */
export async function runFold(spec: ExperimentSpec, ds: Dataset, split: Split, fold: number, hooks: FoldHooks = {}): Promise<FoldResult> {
  const started = Date.now();
  const scaler = spec.preprocessing.standardize ? fitStandardizer(ds.x, ds.nFeatures, split.train) : undefined;
  const trainRows = { x: gatherRows(ds.x, ds.nFeatures, split.train, scaler), y: Int32Array.from(split.train, (i) => ds.y[i] ?? 0), n: split.train.length };
  const testRows = { x: gatherRows(ds.x, ds.nFeatures, split.test, scaler), y: Int32Array.from(split.test, (i) => ds.y[i] ?? 0), n: split.test.length };
  const mlp = createMlp(spec.model, ds.nFeatures, ds.classNames.length, seeds.init(spec.seed, fold));
  try {
    const { history, stoppedEarly } = await train(mlp, trainRows, {
      training: spec.training,
      l1: spec.model.l1,
      l2: spec.model.l2,
      seed: seeds.shuffle(spec.seed, fold),
      val: testRows,
      ...(hooks.onEpoch ? { onEpoch: (m: EpochMetrics) => hooks.onEpoch?.(fold, m) } : {}),
      ...(hooks.isCancelled ? { isCancelled: hooks.isCancelled } : {}),
    });
    const final = await evaluate(mlp, testRows);
    return {
      fold,
      accuracy: final.accuracy,
      testLoss: final.loss,
      trainSize: trainRows.n,
      testSize: testRows.n,
      epochsRun: history.length,
      stoppedEarly,
      params: countParams(mlp),
      history,
      ms: Date.now() - started,
    };
  } finally {
    disposeMlp(mlp);
  }
}

export function summarizeFolds(folds: readonly FoldResult[]): CvSummary {
  const accs = folds.map((f) => f.accuracy);
  return { mean: mean(accs), std: std(accs) };
}

/** Runs every fold in turn in this thread (Node, tests, CLI); the browser runs folds in a worker pool. */
export async function runExperiment(spec: ExperimentSpec, ds: Dataset, hooks: FoldHooks = {}): Promise<ExperimentResult> {
  const folds: FoldResult[] = [];
  const splits = makeSplits(spec, ds);
  for (const [i, split] of splits.entries()) folds.push(await runFold(spec, ds, split, i, hooks));
  return { folds, ...summarizeFolds(folds) };
}
