import type { SweepTask } from '../kinds/sweep';
import { PRUNE_METHODS, type PruneMethodId } from './registry';
import type { PruneMethod } from './types';

// Sizing a sweep without touching tensors, so the UI thread can plan progress cheaply.

type LevelSettings = Pick<SweepTask, 'sparsities' | 'nm' | 'layerTargets'>;

/** The target sparsities a method is run at (N:M and per-layer targets fix their own). */
export function levelsFor(method: PruneMethod, p: LevelSettings): number[] {
  if (method.targetsSparsity) return p.sparsities.filter((s) => s > 0);
  if (!method.fixedLevel) throw new Error(`Pruning method ${method.id} neither targets a sparsity nor fixes one.`);
  return [method.fixedLevel(p)];
}

/** How many pruned points one fold produces (the dense point not included). */
export function pointsPerFold(p: Pick<SweepTask, 'methods' | 'schedule' | 'randomReinit'> & LevelSettings): number {
  const reinit = p.schedule === 'imp' && p.randomReinit ? 2 : 1;
  return p.methods.reduce((n, id) => n + levelsFor(PRUNE_METHODS[id], p).length * reinit, 0);
}

/** Epochs of (re)training per pruned point of a method: fine-tuning, or IMP's rounds. */
export function retrainEpochs(p: SweepTask, id: PruneMethodId, trainingEpochs: number): number {
  if (p.schedule !== 'imp') return p.finetuneEpochs;
  // IMP runs impRounds rounds for a method that targets a sparsity, one for N:M (as the sweep runner does).
  const perRound = p.finetuneEpochs || trainingEpochs;
  return perRound * (PRUNE_METHODS[id].targetsSparsity ? p.impRounds : 1) + (p.randomReinit ? perRound : 0);
}

/** Training epochs one fold of a sweep runs in all: dense training plus every pruned point's (re)training. */
export function sweepEpochs(trainingEpochs: number, p: SweepTask): number {
  return trainingEpochs + p.methods.reduce((n, id) => n + levelsFor(PRUNE_METHODS[id], p).length * retrainEpochs(p, id, trainingEpochs), 0);
}
