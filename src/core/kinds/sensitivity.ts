import { z } from 'zod';
import { describeModel, prunableTensorNames } from '../model/describe';
import { learningTaskOf } from '../spec/sections';
import { metricOf, outputsOf } from '../task/learning';
import { DEFAULT_SENSITIVITY_SPARSITIES, pickLayerTargets, sensitivityCurves, sensitivityGrid, type SensitivityCurve, type SensitivityPoint } from '../sensitivity/curves';
import { DEFAULT_SCOPE, pruneScopeSchema } from '../spec/sections';
import { accountPct, accuracySummary, fixed, perFoldJobs } from './folds';
import type { EpochMetrics, ResultBase, RunKindDef } from './types';
import { metricIdOf } from './types';

/** Distiller's sensitivity analysis: each tensor pruned alone over a grid of sparsities, no fine-tuning. */
export const sensitivityTaskSchema = z
  .object({
    kind: z.literal('sensitivity'),
    sparsities: z.array(z.number().min(0).max(0.999)).min(2).max(40),
    /** Largest accuracy drop (fraction) allowed when picking per-layer targets. */
    tolerance: z.number().min(0).max(1),
    /** Which tensors get a curve. */
    scope: pruneScopeSchema,
  })
  .strict();
export type SensitivityTask = z.infer<typeof sensitivityTaskSchema>;

export interface SensitivityFoldOutput {
  fold: number;
  points: SensitivityPoint[];
  history: EpochMetrics[];
}

export interface SensitivityResult extends ResultBase<'sensitivity'> {
  points: SensitivityPoint[];
  /** Mean over folds per tensor. */
  curves: SensitivityCurve[];
  /** Largest sparsity per tensor within the tolerance (only meaningful once complete). */
  targets: Record<string, number>;
  tolerance: number;
}

export const sensitivityKind: RunKindDef<'sensitivity', SensitivityTask, SensitivityPoint, SensitivityFoldOutput, SensitivityResult> = {
  id: 'sensitivity',
  label: 'Sensitivity analysis',
  description: "Distiller's method: prunes one layer at a time by |w| over a grid of sparsities, no fine-tuning; one curve per layer, and per-layer targets within a tolerance.",
  schema: sensitivityTaskSchema,
  defaults: () => ({ kind: 'sensitivity', sparsities: DEFAULT_SENSITIVITY_SPARSITIES, tolerance: 0.01, scope: { ...DEFAULT_SCOPE } }),
  plan: (base, task, data) => {
    const layers = describeModel(base.model, { nInputs: data.nFeatures, nOutputs: outputsOf(learningTaskOf(base), data), imageShape: data.imageShape });
    const tensors = prunableTensorNames(layers, task.scope).length;
    return perFoldJobs(base, base.training.epochs, tensors * sensitivityGrid(task.sparsities).length);
  },
  reduce: (base, task, jobs) => {
    const points = jobs.flatMap((j) => (j.output ? j.output.points : j.points));
    const curves = sensitivityCurves(points);
    const complete = jobs.every((j) => j.output);
    const first = curves[0]?.slot;
    const dense = points.filter((p) => p.sparsity === 0 && p.slot === first).map((p) => p.accuracy);
    return { kind: 'sensitivity', points, curves, targets: complete ? pickLayerTargets(curves, task.tolerance, metricOf(base).higherIsBetter) : {}, tolerance: task.tolerance, summary: accuracySummary(base, dense, 'the dense model'), complete };
  },
  table: (r) => ({
    title: `Sensitivity (accuracy, mean over folds); last row: largest sparsity within ${accountPct(r.tolerance)} of unpruned`,
    columns: ['sparsity', ...r.curves.map((c) => c.slot)],
    rows: [
      ...(r.curves[0]?.points ?? []).map((p) => [accountPct(p.sparsity, 0), ...r.curves.map((c) => fixed(c.points.find((q) => q.sparsity === p.sparsity)?.accuracy ?? Number.NaN))]),
      ...(r.complete ? [['target', ...r.curves.map((c) => accountPct(r.targets[c.slot] ?? 0, 0))]] : []),
    ],
  }),
  exports: (r) => [
    { title: 'Sensitivity (every fold)', name: 'sensitivity', columns: ['fold', 'tensor', 'sparsity', metricIdOf(r)], rows: r.points.map((p) => [p.fold + 1, p.slot, p.sparsity, p.accuracy]) },
    { title: 'Per-layer targets', name: 'sensitivity-targets', columns: ['tensor', 'target_sparsity', 'tolerance'], rows: Object.entries(r.targets).map(([slot, t]) => [slot, t, r.tolerance]) },
  ],
  models: () => [{ tag: 'dense', label: 'Dense model (fold 1)' }],
};
