import type { ExperimentSpec, PruningSpec } from '../spec/schema';
import { PRUNE_METHODS, type PruneMethodId } from './registry';
import type { PruneMethod } from './types';

// Sizing a sweep without touching tensors, so the UI thread can plan progress cheaply.

/** The target sparsities a method is run at (N:M fixes its own). */
export function levelsFor(method: PruneMethod, p: PruningSpec): number[] {
  return method.targetsSparsity ? p.sparsities.filter((s) => s > 0) : [method.fixedLevel?.(p) ?? 0];
}

/** How many pruned points one fold produces (for progress). */
export function pointsPerFold(p: PruningSpec): number {
  const reinit = p.schedule === 'imp' && p.randomReinit ? 2 : 1;
  return p.methods.reduce((n, id) => n + levelsFor(PRUNE_METHODS[id], p).length * reinit, 0);
}

/** Training epochs one fold runs in all: dense training plus every pruned point's (re)training. */
export function epochsPerFold(spec: ExperimentSpec): number {
  if (spec.featureSelection) return 1;
  if (spec.sensitivity) return spec.training.epochs;
  if (spec.structural) {
    // Layer removal and CNN filter pruning are one-shot.
    const oneShot = spec.structural.action === 'layer' || spec.model.kind === 'cnn';
    return spec.training.epochs + (oneShot ? 1 : spec.structural.steps) * spec.structural.finetuneEpochs;
  }
  const p = spec.pruning;
  if (!p) return spec.training.epochs;
  // IMP runs impRounds rounds for a method that targets a sparsity, one for N:M (as runSweepFold does).
  const per = (id: PruneMethodId) =>
    p.schedule === 'imp' ? (p.finetuneEpochs || spec.training.epochs) * (PRUNE_METHODS[id].targetsSparsity ? p.impRounds : 1) : p.finetuneEpochs;
  const reinitExtra = p.schedule === 'imp' && p.randomReinit ? p.finetuneEpochs || spec.training.epochs : 0;
  return spec.training.epochs + p.methods.reduce((n, id) => n + levelsFor(PRUNE_METHODS[id], p).length * (per(id) + reinitExtra), 0);
}

