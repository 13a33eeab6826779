import { z } from 'zod';
import { mean } from '../metrics';
import { accuracySummary, fixed, perFoldJobs } from './folds';
import type { EpochMetrics, ResultBase, RunKindDef } from './types';
import { metricIdOf } from './types';
import { hiddenOf, learningTaskOf, type ModelSpec } from '../spec/sections';

type ModelKind = ModelSpec['kind'];

export const STRUCTURAL_CRITERIA = ['l1', 'l2', 'mean-activation', 'apoz', 'taylor'] as const;
export type Criterion = (typeof STRUCTURAL_CRITERIA)[number];

/** Structural pruning: hidden neurons (MLP) or conv filters (CNN) ranked, removed and the network rebuilt smaller, then fine-tuned. */
export const structuralTaskSchema = z
  .object({
    kind: z.literal('structural'),
    /** 'units': remove neurons (MLP) or filters (CNN); 'layer': drop one hidden layer and retrain. */
    action: z.enum(['units', 'layer']),
    /** For 'layer': which hidden layer to drop, 1-based. */
    layer: z.number().int().min(1).max(16),
    criterion: z.enum(STRUCTURAL_CRITERIA),
    mode: z.enum(['layer', 'global']),
    /** Fraction of hidden units to remove. */
    ratio: z.number().min(0).lt(1),
    steps: z.number().int().min(1).max(10),
    finetuneEpochs: z.number().int().min(0).max(5000),
  })
  .strict();
export type StructuralTask = z.infer<typeof structuralTaskSchema>;

/** Measured latency of a forward pass: median and spread of repeated timed runs on one backend. */
export interface LatencyStats {
  medianMs: number;
  p10: number;
  p90: number;
  /** Every timed run in ms, in the order measured. */
  runs: number[];
  backend: string;
  batch: number;
}

export interface StructuralSnapshot {
  params: number;
  /** Per-sample dense FLOPs (accountModel's formula). */
  flops: number;
  /** Units per hidden layer (MLP) or filters per conv layer (CNN). */
  hiddenUnits: number[];
  accuracy: number;
  testLoss: number;
  /** Median latency of a forward pass of a 256-row batch (measured interleaved with the other model). */
  latency: LatencyStats;
  /** The same for one row (what a single prediction costs); absent in results saved before it was measured. */
  latency1?: LatencyStats;
  /** An autoencoder (reconstruction): its code size and PCA's reconstruction error with as many components. */
  code?: CodeReference;
}

/** An autoencoder's code size (its narrowest hidden layer) and PCA's error at that size on the same held-out rows. */
export interface CodeReference {
  units: number;
  pcaError: number;
}

export interface StructuralStep {
  step: number;
  /** Units left in each prunable layer after this step. */
  hiddenUnits: number[];
  /** Held-out accuracy after this step's fine-tuning. */
  accuracy: number;
  /** Reconstruction: the code size after this step and PCA's error at that size. */
  code?: CodeReference;
}

/** What was removed: ranked neurons of an MLP, ranked filters of a CNN, or one whole hidden layer. */
export type StructuralAction = 'neurons' | 'filters' | 'layer';

export interface StructuralFoldResult {
  fold: number;
  action: StructuralAction;
  criterion: Criterion;
  mode: 'layer' | 'global';
  /** Fraction of units removed (0 for layer removal). */
  ratio: number;
  /** Layer removal: the 1-based hidden layer dropped. */
  removedLayer?: number;
  before: StructuralSnapshot;
  after: StructuralSnapshot;
  /** before.flops / after.flops. */
  theoreticalSpeedup: number;
  /** before.latency.medianMs / after.latency.medianMs (same backend, same batch, interleaved). */
  measuredSpeedup: number;
  /** The same at batch 1. */
  measuredSpeedup1?: number;
  steps: StructuralStep[];
  /** Surviving units of each prunable layer, as indices into the dense network. */
  keptOriginal: number[][];
  /** Dense training then every fine-tuning epoch, numbered on (a step's fine-tuning continues the curve). */
  history: EpochMetrics[];
  /** Epochs after which a pruning step happened (vertical marks on the curve). */
  prunedAfterEpoch: number[];
  ms: number;
}

export interface StructuralResult extends ResultBase<'structural'> {
  folds: StructuralFoldResult[];
  /** The dense model's accuracy over the same folds. */
  dense: ReturnType<typeof accuracySummary>;
  /** "50% of neurons removed", "hidden layer 2 removed"… */
  removed: string;
}

/** Which structural action a task asks for on a model of this kind. */
export function structuralAction(task: StructuralTask, modelKind: ModelKind): StructuralAction {
  if (modelKind === 'cnn') return 'filters';
  return task.action === 'layer' ? 'layer' : 'neurons';
}

export function removedLabel(task: StructuralTask, modelKind: ModelKind): string {
  const action = structuralAction(task, modelKind);
  if (action === 'layer') return `hidden layer ${task.layer} removed`;
  return `${Math.round(task.ratio * 1000) / 10}% of ${action} removed`;
}

export const structuralKind: RunKindDef<'structural', StructuralTask, StructuralStep, StructuralFoldResult, StructuralResult> = {
  id: 'structural',
  label: 'Structural pruning',
  description: 'Ranks hidden neurons (MLP), conv filters (CNN) or recurrent units with all their gates (RNN), removes the lowest and rebuilds a genuinely smaller network (Torch-Pruning style), then fine-tunes; or drops a whole hidden layer. Parameters, FLOPs and measured latency before and after.',
  schema: structuralTaskSchema,
  defaults: () => ({ kind: 'structural', action: 'units', layer: 1, criterion: 'l1', mode: 'layer', ratio: 0.5, steps: 1, finetuneEpochs: 30 }),
  plan: (base, task) => {
    if (base.model.kind === 'rnn') {
      if (task.action === 'layer') throw new Error('Layer removal drops a dense hidden layer of an MLP; for an RNN, remove units (each with all its gates).');
      if (task.criterion !== 'l1' && task.criterion !== 'l2') throw new Error('Recurrent units are ranked by the L1 or L2 norm of their weights (all gates together): choose one of those criteria.');
    }
    const action = structuralAction(task, base.model.kind);
    if (learningTaskOf(base) !== 'classification' && task.criterion === 'taylor') throw new Error('The Taylor criterion uses the cross-entropy of the classes; for regression or reconstruction rank units by L1, L2, mean activation or APoZ.');
    if (base.model.kind === 'imported') throw new Error('Structural pruning rebuilds a smaller network; an imported model keeps its graph. Prune its filters or units to zeros with the import panel (data-free), or run a pruning sweep on it.');
    if (base.model.kind === 'mlp' && base.model.hidden.length === 0) throw new Error('Structural pruning of an MLP needs at least one hidden layer.');
    if (action === 'filters' && task.criterion !== 'l1' && task.criterion !== 'l2') throw new Error('Filter pruning ranks filters by their L1 or L2 norm: choose one of those criteria.');
    if (action === 'layer' && task.layer > hiddenOf(base.model).length) throw new Error(`Layer removal: the model has ${hiddenOf(base.model).length} hidden layer(s); there is no layer ${task.layer} to drop.`);
    const steps = action === 'neurons' ? task.steps : 1;
    return perFoldJobs(base, base.training.epochs + steps * task.finetuneEpochs, steps);
  },
  reduce: (base, task, jobs) => {
    const folds = jobs.flatMap((j) => (j.output ? [j.output] : []));
    return {
      kind: 'structural',
      folds,
      summary: accuracySummary(base, folds.map((f) => f.after.accuracy), `the pruned model (${removedLabel(task, base.model.kind)})`),
      dense: accuracySummary(base, folds.map((f) => f.before.accuracy), 'the dense model'),
      removed: removedLabel(task, base.model.kind),
      complete: folds.length === jobs.length,
    };
  },
  table: (r) => {
    const avg = (f: (x: StructuralFoldResult) => number) => (r.folds.length ? mean(r.folds.map(f)) : Number.NaN);
    const first = r.folds[0];
    const row = (name: string, pick: (x: StructuralFoldResult) => StructuralSnapshot) => [
      name,
      first ? pick(first).hiddenUnits.join('-') : '',
      Math.round(avg((x) => pick(x).params)),
      Math.round(avg((x) => pick(x).flops)),
      `${avg((x) => pick(x).latency.medianMs).toFixed(3)} ms`,
      `${avg((x) => pick(x).latency1?.medianMs ?? Number.NaN).toFixed(3)} ms`,
      fixed(avg((x) => pick(x).accuracy)),
    ];
    return {
      title: `Structural pruning: ${r.removed} (mean over ${r.folds.length} folds)`,
      columns: ['', 'units', 'parameters', 'FLOPs / sample', `latency (${first?.before.latency.batch ?? 256} rows)`, 'latency (1 row)', metricIdOf(r)],
      rows: [row('before', (x) => x.before), row('after', (x) => x.after), ['speedup', '', '', `${avg((x) => x.theoreticalSpeedup).toFixed(2)}× (theoretical)`, `${avg((x) => x.measuredSpeedup).toFixed(2)}× (measured)`, `${avg((x) => x.measuredSpeedup1 ?? Number.NaN).toFixed(2)}× (measured)`, '']],
    };
  },
  exports: (r) => [
    {
      title: 'Structural pruning per fold',
      name: 'structural',
      columns: ['fold', 'removed', 'units_before', 'units_after', 'params_before', 'params_after', 'flops_before', 'flops_after', 'latency_ms_before', 'latency_ms_after', 'latency_1_ms_before', 'latency_1_ms_after', `${metricIdOf(r)}_before`, `${metricIdOf(r)}_after`, 'theoretical_speedup', 'measured_speedup', 'measured_speedup_1'],
      rows: r.folds.map((f) => [f.fold + 1, r.removed, f.before.hiddenUnits.join('-'), f.after.hiddenUnits.join('-'), f.before.params, f.after.params, f.before.flops, f.after.flops, f.before.latency.medianMs, f.after.latency.medianMs, f.before.latency1?.medianMs ?? '', f.after.latency1?.medianMs ?? '', f.before.accuracy, f.after.accuracy, f.theoreticalSpeedup, f.measuredSpeedup, f.measuredSpeedup1 ?? '']),
    },
  ],
  models: (r) => [
    { tag: 'dense', label: 'Dense model (fold 1)' },
    { tag: 'shrunk', label: 'Pruned model, physically smaller (fold 1)' },
    ...(r.folds[0]?.action === 'layer' ? [] : [{ tag: 'masked', label: 'Pruned model at full size, removed units exactly 0 (fold 1)' }]),
  ],
};
