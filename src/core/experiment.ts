import { makeSplits, seeds, summarizeFolds, type ExperimentResult, type FoldResult } from './cv/plan';
import type { Split } from './cv/splits';
import type { Dataset } from './data/dataset';
import { fitStandardizer, gatherRows } from './data/standardize';
import { countParams, createMlp, disposeMlp } from './model/mlp';
import type { ExperimentSpec } from './spec/schema';
import { evaluate, train, type EpochMetrics, type Rows } from './train/loop';

export type { ExperimentResult, FoldResult } from './cv/plan';

export interface FoldHooks {
  onEpoch?: (fold: number, m: EpochMetrics) => void;
  isCancelled?: () => boolean;
}

/** The fold's training and test rows, standardised with a scaler fitted on the training rows only. */
export function prepareFold(spec: ExperimentSpec, ds: Dataset, split: Split): { trainRows: Rows; testRows: Rows } {
  const scaler = spec.preprocessing.standardize ? fitStandardizer(ds.x, ds.nFeatures, split.train) : undefined;
  const rows = (idx: Int32Array): Rows => ({ x: gatherRows(ds.x, ds.nFeatures, idx, scaler), y: Int32Array.from(idx, (i) => ds.y[i] ?? 0), n: idx.length });
  return { trainRows: rows(split.train), testRows: rows(split.test) };
}

/** Trains and scores one fold; every tensor it makes is disposed before it returns or throws. */
export async function runFold(spec: ExperimentSpec, ds: Dataset, split: Split, fold: number, hooks: FoldHooks = {}): Promise<FoldResult> {
  const started = Date.now();
  const { trainRows, testRows } = prepareFold(spec, ds, split);
  const mlp = createMlp(spec.model, ds.nFeatures, ds.classNames.length, seeds.init(spec.seed, fold), ds.imageShape);
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

/** Runs every fold in turn in this thread (Node, tests, CLI); the browser runs folds in a worker pool. */
export async function runExperiment(spec: ExperimentSpec, ds: Dataset, hooks: FoldHooks = {}): Promise<ExperimentResult> {
  const folds: FoldResult[] = [];
  const splits = makeSplits(spec, ds);
  for (const [i, split] of splits.entries()) folds.push(await runFold(spec, ds, split, i, hooks));
  return { folds, ...summarizeFolds(folds) };
}
