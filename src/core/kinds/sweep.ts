import { z } from 'zod';
import { PRUNE_METHOD_IDS, PRUNE_METHODS, type PruneMethodId } from '../prune/registry';
import type { ModelAccount } from '../prune/accounting';
import { sweepEpochs, pointsPerFold } from '../prune/plan';
import { summarizeSweep, type SweepRow } from '../prune/report';
import type { Mask } from '../prune/types';
import { DEFAULT_SCOPE, pruneScopeSchema } from '../spec/sections';
import { accountPct, accuracySummary, fixed, perFoldJobs, pm } from './folds';
import type { EpochMetrics, ResultBase, RunKindDef } from './types';
import { metricIdOf } from './types';

export const PRUNE_SCHEDULES = ['oneshot', 'agp', 'imp'] as const;

/** A parameter-pruning sweep: methods × target sparsities, on the same CV folds, beside the dense baseline. */
export const sweepTaskSchema = z
  .object({
    kind: z.literal('sweep'),
    methods: z.array(z.enum(PRUNE_METHOD_IDS)).min(1).max(8),
    /** Fractions of the prunable weights to remove, e.g. 0.5, 0.9; each is one point per method. */
    sparsities: z.array(z.number().min(0).max(0.999)).min(1).max(24),
    /** oneshot: prune the trained model, then fine-tune. agp: prune gradually while fine-tuning (Zhu & Gupta). imp: iterative magnitude pruning with rewinding (Frankle & Carbin). */
    schedule: z.enum(PRUNE_SCHEDULES),
    /** Epochs of training after (oneshot) or during (agp) pruning; for imp, epochs per round (0: the training epochs). */
    finetuneEpochs: z.number().int().min(0).max(5000),
    impRounds: z.number().int().min(1).max(20),
    /** imp: rewind survivors to their values at this epoch of the dense run (0: initialisation). */
    rewindEpoch: z.number().int().min(0).max(5000),
    /** imp: also train the final mask from a fresh random initialisation (the lottery-ticket control). */
    randomReinit: z.boolean(),
    semantics: z.object({ ties: z.enum(['exact-k', 'keep-ties']), amountOf: z.enum(['remaining', 'total']) }).strict(),
    nm: z
      .object({ n: z.number().int().min(1).max(31), m: z.number().int().min(2).max(32) })
      .strict()
      .refine((v) => v.n < v.m, { message: 'N must be smaller than M' }),
    scope: pruneScopeSchema,
    /** Sparsity per prunable tensor name, for the 'layer-targets' method (set from a sensitivity analysis). */
    layerTargets: z.record(z.string().max(100), z.number().min(0).max(0.999)).optional(),
  })
  .strict();
export type SweepTask = z.infer<typeof sweepTaskSchema>;

/** One measured point of the sweep: a (method, target sparsity) pair on one fold. */
export interface SweepPoint {
  fold: number;
  /** 'dense', a method id, or a method id + ' (random re-init)' for the lottery-ticket control. */
  series: string;
  method: PruneMethodId | 'dense';
  targetSparsity: number;
  /** Zero fraction of the prunable tensors, from the masks. */
  achievedSparsity: number;
  accuracy: number;
  account: ModelAccount;
  /** Fold 0 only, for the charts: the final masks, one per prunable tensor. */
  masks?: Mask[];
}

export interface SweepDetail {
  /** Names and shapes of the prunable tensors, in mask order. */
  slots: { name: string; shape: readonly number[] }[];
  /** The trained dense model's prunable weights (fold 0), for the magnitude histogram. */
  denseValues: Float32Array[];
}

export interface SweepFoldOutput {
  fold: number;
  points: SweepPoint[];
  /** Fold 0 only. */
  detail?: SweepDetail;
  /** The dense training's curve. */
  history: EpochMetrics[];
}

export interface SweepResult extends ResultBase<'sweep'> {
  /** Every point measured, fold by fold. */
  points: SweepPoint[];
  /** Points aggregated over folds per (series, target), in first-seen order. */
  rows: SweepRow[];
  detail: SweepDetail | null;
  /** Points the full sweep measures. */
  expectedPoints: number;
}

export function defaultSweep(): SweepTask {
  return {
    kind: 'sweep',
    methods: ['magnitude-global', 'magnitude-layer', 'random'],
    sparsities: [0.5, 0.75, 0.9, 0.95, 0.98],
    schedule: 'oneshot',
    finetuneEpochs: 50,
    impRounds: 3,
    rewindEpoch: 0,
    randomReinit: false,
    semantics: { ties: 'exact-k', amountOf: 'remaining' },
    nm: { n: 2, m: 4 },
    scope: { ...DEFAULT_SCOPE },
  };
}

export const sweepKind: RunKindDef<'sweep', SweepTask, SweepPoint, SweepFoldOutput, SweepResult> = {
  id: 'sweep',
  label: 'Pruning sweep',
  description: 'Prunes the trained model with each method at each target sparsity on the same folds, fine-tunes with the masks held and scores it: accuracy vs sparsity with ± std bands (ShrinkBench), masks as torch.nn.utils.prune.',
  schema: sweepTaskSchema,
  defaults: defaultSweep,
  plan: (base, task) => perFoldJobs(base, sweepEpochs(base.training.epochs, task), 1 + pointsPerFold(task), base.training.epochs),
  reduce: (base, task, jobs) => {
    const points = jobs.flatMap((j) => (j.output ? j.output.points : j.points));
    const dense = points.filter((p) => p.series === 'dense').map((p) => p.accuracy);
    const detail = jobs.find((j) => j.plan.fold === 0)?.output?.detail ?? null;
    const complete = jobs.every((j) => j.output);
    return { kind: 'sweep', points, rows: summarizeSweep(points), detail, summary: accuracySummary(base, dense, 'the dense model'), complete, expectedPoints: jobs.length * (1 + pointsPerFold(task)) };
  },
  table: (r) => ({
    title: 'Pruning sweep (mean ± std over folds)',
    columns: ['series', 'target', 'achieved', 'folds', metricIdOf(r), 'nonzero / total params', 'compression'],
    rows: r.rows.map((row) => [row.series, accountPct(row.targetSparsity), accountPct(row.achievedSparsity, 2), row.folds, pm(row.accuracyMean, row.accuracyStd), `${Math.round(row.nonzeroParams)} / ${row.totalParams}`, `${fixed(row.compressionRatio, 2)}×`]),
  }),
  exports: (r) => [
    {
      title: 'Sweep results (mean over folds)',
      name: 'sweep',
      columns: ['series', 'target_sparsity', 'achieved_sparsity', 'folds', `${metricIdOf(r)}_mean`, `${metricIdOf(r)}_std`, 'total_params', 'nonzero_params', 'compression_ratio', 'dense_flops', 'sparse_flops', 'theoretical_speedup', 'sparse_gzip_bytes', 'dense_gzip_bytes'],
      rows: r.rows.map((row) => [row.series, row.targetSparsity, row.achievedSparsity, row.folds, row.accuracyMean, row.accuracyStd, row.totalParams, row.nonzeroParams, row.compressionRatio, row.denseFlops, row.sparseFlops, row.theoreticalSpeedup, row.sparseBytes, row.denseBytes]),
    },
    {
      title: 'Sweep points (every fold)',
      name: 'sweep-points',
      columns: ['fold', 'series', 'target_sparsity', 'achieved_sparsity', metricIdOf(r), 'nonzero_params', 'sparse_flops'],
      rows: r.points.map((p) => [p.fold + 1, p.series, p.targetSparsity, p.achievedSparsity, p.accuracy, p.account.nonzeroParams, p.account.sparseFlops]),
    },
  ],
  models: (r) => [
    { tag: 'dense', label: 'Dense model (fold 1)' },
    ...r.rows.filter((row) => row.series !== 'dense').map((row) => ({ tag: sweepPointTag(row.series, row.targetSparsity), label: `${seriesLabel(row.series)} at ${accountPct(row.targetSparsity)} — masked, pruned weights exactly 0 (fold 1)` })),
  ],
};

/** The export tag of a sweep point. */
export const sweepPointTag = (series: string, target: number): string => `point:${series}@${target}`;

/** Human-readable name of a sweep series ("magnitude-global" → "Magnitude (global)"). */
export function seriesLabel(series: string): string {
  if (series === 'dense') return 'Dense (unpruned)';
  const control = series.endsWith(' (random re-init)');
  const id = series.replace(' (random re-init)', '') as PruneMethodId;
  const label = PRUNE_METHODS[id]?.label ?? id;
  return control ? `${label}, random re-init` : label;
}
