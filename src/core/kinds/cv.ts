import { z } from 'zod';
import { accuracySummary, fixed, perFoldJobs } from './folds';
import type { EpochMetrics, ResultBase, RunKindDef } from './types';

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
  reduce: (_base, _task, jobs) => {
    const folds = jobs.flatMap((j) => (j.output ? [j.output] : []));
    return { kind: 'cv', folds, summary: accuracySummary(folds.map((f) => f.accuracy), 'the trained model'), complete: folds.length === jobs.length };
  },
  table: (r) => ({
    title: 'Cross-validation',
    columns: ['fold', 'train rows', 'test rows', 'epochs', 'test loss', 'accuracy'],
    rows: r.folds.map((f) => [f.fold + 1, f.trainSize, f.testSize, f.epochsRun, fixed(f.testLoss), fixed(f.accuracy)]),
  }),
  exports: (r) => [
    {
      title: 'Accuracy per fold',
      name: 'folds',
      columns: ['fold', 'train_rows', 'test_rows', 'epochs', 'stopped_early', 'test_loss', 'accuracy', 'params'],
      rows: r.folds.map((f) => [f.fold + 1, f.trainSize, f.testSize, f.epochsRun, f.stoppedEarly, f.testLoss, f.accuracy, f.params]),
    },
  ],
  models: () => [{ tag: 'trained', label: 'The trained model (fold 1)' }],
};
