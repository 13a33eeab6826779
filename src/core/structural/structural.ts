import { seeds } from '../cv/plan';
import type { Split } from '../cv/splits';
import type { Dataset } from '../data/dataset';
import type { FoldHooks } from '../experiment';
import { createMlp, disposeMlp, type Mlp } from '../model/mlp';
import { deriveSeed } from '../rng';
import type { ExperimentSpec } from '../spec/schema';
import { evaluate } from '../train/loop';
import { scoreUnits, type Criterion } from './criteria';
import { accountStructure, flopsSpeedup, type LatencyStats } from './latency';
import { structuralFold } from './foldKit';
import { keptAfterStep, selectGlobal, selectLayerwise, type GlobalNormalisation, type SelectMode } from './select';
import { shrinkMlp } from './shrink';
import { hiddenUnits } from './units';

/**
 * One fold of structural (neuron) pruning: train the dense MLP with the spec's settings, score
 * every hidden unit with the chosen criterion on the fold's training rows, remove the lowest
 * (per layer or globally), physically shrink the network, fine-tune, and score the smaller
 * network on the held-out rows. With `steps` = k > 1 the removal is iterative: every step keeps
 * (1 − ratio)^(1/k) of the units left (rescoring the current network each time) and is followed
 * by `finetuneEpochs` epochs of fine-tuning, so after k steps exactly the one-shot count is gone.
 * Every tensor made is disposed before it returns or throws.
 */
export interface StructuralOptions {
  criterion: Criterion;
  mode: SelectMode;
  /** Fraction of hidden units to remove, in [0, 1). */
  ratio: number;
  /** 'global' mode: per-layer score normalisation (default 'max'). */
  normalisation?: GlobalNormalisation;
  /** Pruning steps (default 1: one-shot). */
  steps?: number;
  /** Epochs of fine-tuning after each step (the spec's optimizer, learning rate and batch size). */
  finetuneEpochs: number;
  /** Rows per scoring pass (default 256). */
  scoreBatchSize?: number;
  latency?: { repeats?: number; warmup?: number; /** rows in the timed batch (default 256, cycled from the test rows) */ batch?: number; now?: () => number };
}

export interface StructuralSnapshot {
  params: number;
  /** Per-sample dense FLOPs (accountModel's formula). */
  flops: number;
  hiddenUnits: number[];
  accuracy: number;
  testLoss: number;
  latency: LatencyStats;
}

export interface StructuralStep {
  step: number;
  /** Units left in each hidden layer after this step. */
  hiddenUnits: number[];
  /** Held-out accuracy after this step's fine-tuning. */
  accuracy: number;
}

export interface StructuralResult {
  fold: number;
  criterion: Criterion;
  mode: SelectMode;
  ratio: number;
  before: StructuralSnapshot;
  after: StructuralSnapshot;
  /** before.flops / after.flops. */
  theoreticalSpeedup: number;
  /** before.latency.medianMs / after.latency.medianMs (same backend, same batch). */
  measuredSpeedup: number;
  steps: StructuralStep[];
  /** Surviving units of each hidden layer, as indices into the dense network. */
  keptOriginal: number[][];
  ms: number;
}

export interface StructuralHooks extends FoldHooks {
  onStep?: (fold: number, step: StructuralStep) => void;
}

const clock = (): number => Date.now();

export async function runStructuralFold(
  spec: ExperimentSpec,
  ds: Dataset,
  split: Split,
  fold: number,
  opts: StructuralOptions,
  hooks: StructuralHooks = {},
): Promise<StructuralResult> {
  const started = clock();
  const steps = Math.max(1, Math.floor(opts.steps ?? 1));
  if (spec.model.hidden.length === 0) throw new Error('Structural pruning needs at least one hidden layer.');
  if (!(opts.ratio >= 0 && opts.ratio < 1)) throw new Error(`The fraction of units to remove must be in [0, 1), got ${opts.ratio}.`);
  const { trainRows, testRows, fit, measure } = structuralFold(spec, ds, split, fold, opts, hooks);
  const snapshot = (mlp: Mlp) => {
    const a = accountStructure(mlp);
    return measure(mlp, { params: a.params, flops: a.flops, hiddenUnits: a.hiddenUnits });
  };

  let mlp = createMlp(spec.model, ds.nFeatures, ds.classNames.length, seeds.init(spec.seed, fold));
  try {
    await fit(mlp, spec.training.epochs, seeds.shuffle(spec.seed, fold));
    const before = await snapshot(mlp);
    const original = hiddenUnits(mlp);
    const totalOriginal = original.reduce((s, n) => s + n, 0);
    let keptOriginal = original.map((n) => Array.from({ length: n }, (_, j) => j));
    const stepLog: StructuralStep[] = [];
    for (let s = 1; s <= steps; s++) {
      const scores = await scoreUnits(mlp, opts.criterion, { rows: trainRows, ...(opts.scoreBatchSize ? { batchSize: opts.scoreBatchSize } : {}) });
      const current = hiddenUnits(mlp);
      let kept: number[][];
      if (opts.mode === 'layer') {
        kept = selectLayerwise(scores, current.map((n, i) => n - keptAfterStep(original[i] ?? n, opts.ratio, s, steps)));
      } else {
        const target = Math.max(current.length, keptAfterStep(totalOriginal, opts.ratio, s, steps));
        kept = selectGlobal(scores, current.reduce((t, n) => t + n, 0) - target, opts.normalisation ?? 'max');
      }
      const smaller = shrinkMlp(mlp, kept);
      disposeMlp(mlp);
      mlp = smaller;
      keptOriginal = keptOriginal.map((orig, i) => (kept[i] ?? []).map((j) => orig[j] ?? -1));
      if (opts.finetuneEpochs > 0) await fit(mlp, opts.finetuneEpochs, deriveSeed(seeds.shuffle(spec.seed, fold), 7, s));
      const step: StructuralStep = { step: s, hiddenUnits: hiddenUnits(mlp), accuracy: (await evaluate(mlp, testRows)).accuracy };
      stepLog.push(step);
      hooks.onStep?.(fold, step);
    }
    const after = await snapshot(mlp);
    return {
      fold,
      criterion: opts.criterion,
      mode: opts.mode,
      ratio: opts.ratio,
      before,
      after,
      theoreticalSpeedup: flopsSpeedup(before, after),
      measuredSpeedup: before.latency.medianMs / after.latency.medianMs,
      steps: stepLog,
      keptOriginal,
      ms: clock() - started,
    };
  } finally {
    disposeMlp(mlp);
  }
}
