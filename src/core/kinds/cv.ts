import { z } from 'zod';
import { accuracySummary, fixed, perFoldJobs } from './folds';
import { metricIdOf, type EpochMetrics, type ResultBase, type RunKindDef } from './types';

/** The extra metrics the folds carry (regression: mae, mse), in a fixed order. */
const extraNames = (folds: readonly FoldResult[]): string[] => [...new Set(folds.flatMap((f) => Object.keys(f.extra ?? {})))].sort();

export const cvTaskSchema = z.object({ kind: z.literal('cv') }).strict();
export type CvTask = z.infer<typeof cvTaskSchema>;

/** One fold of plain cross-validation: a model trained on the training rows, scored on the held-out rows. */
export interface FoldResult {
  fold: number;
  accuracy: number;
  testLoss: number;
  trainSize: number;
  testSize: number;
  epochsRun: number;
  stoppedEarly: boolean;
  params: number;
  /** Regression: MAE and MSE in the target's units. */
  extra?: Record<string, number>;
  history: EpochMetrics[];
  ms: number;
}

export interface CvResult extends ResultBase<'cv'> {
  folds: FoldResult[];
}

export const cvKind: RunKindDef<'cv', CvTask, never, FoldResult, CvResult> = {
  id: 'cv',
  label: 'Cross-validation',
  description: 'Trains one model per fold and scores it on the held-out rows: mean ± std over folds, as scikit-learn cross_val_score.',
  schema: cvTaskSchema,
  defaults: () => ({ kind: 'cv' }),
  plan: (base) => perFoldJobs(base, base.training.epochs, 0),
  reduce: (base, _task, jobs) => {
    const folds = jobs.flatMap((j) => (j.output ? [j.output] : []));
    return { kind: 'cv', folds, summary: accuracySummary(base, folds.map((f) => f.accuracy), 'the trained model'), complete: folds.length === jobs.length };
  },
  table: (r) => {
    const extras = extraNames(r.folds);
    return {
      title: 'Cross-validation',
      columns: ['fold', 'train rows', 'test rows', 'epochs', 'test loss', metricIdOf(r), ...extras],
      rows: r.folds.map((f) => [f.fold + 1, f.trainSize, f.testSize, f.epochsRun, fixed(f.testLoss), fixed(f.accuracy), ...extras.map((k) => fixed(f.extra?.[k] ?? Number.NaN))]),
    };
  },
  exports: (r) => {
    const extras = extraNames(r.folds);
    return [
      {
        title: `${metricIdOf(r)} per fold`,
        name: 'folds',
        columns: ['fold', 'train_rows', 'test_rows', 'epochs', 'stopped_early', 'test_loss', metricIdOf(r), ...extras, 'params'],
        rows: r.folds.map((f) => [f.fold + 1, f.trainSize, f.testSize, f.epochsRun, f.stoppedEarly, f.testLoss, f.accuracy, ...extras.map((k) => f.extra?.[k] ?? Number.NaN), f.params]),
      },
    ];
  },
  models: () => [{ tag: 'trained', label: 'The trained model (fold 1)' }],
};
