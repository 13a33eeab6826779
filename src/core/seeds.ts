import { deriveSeed } from './rng';

/**
 * Every random stream of an experiment, by name. Each is derived from the spec's one seed and
 * a fixed stream number (plus a path: the fold, the method, the level…), so a stream never
 * depends on the order in which jobs run, and no two streams share numbers. The numbers are
 * part of the reproducibility contract: changing one changes every result that uses it.
 */
export const SEED_STREAMS = {
  /** Network initialisation, per fold (then per layer inside the model). */
  init: 1,
  /** Per-epoch shuffles and dropout masks of the dense training, per fold. */
  shuffle: 2,
  /** The CV split assignment. */
  folds: 3,
  /** Random choices of a pruning method (random pruning), per fold, method and level. */
  pruneSelect: 4,
  /** Shuffles of fine-tuning after parameter pruning, per fold, method, level (and round). */
  retrain: 5,
  /** The lottery-ticket control's fresh initialisation, per fold, method and level. */
  reinit: 6,
  /** Shuffles of fine-tuning after structural pruning, per fold and step. */
  finetune: 7,
  /** Layer removal: the bridging layer's initialisation and the retraining shuffles, per fold. */
  layerRemoval: 8,
  /** Permutation importance in feature selection. */
  permutation: 9,
  /** The feature-selection estimators (linear SVM coordinate order, the small MLP's init). */
  featureEstimator: 10,
  /** Sensitivity analysis (magnitude pruning is deterministic; kept for methods that draw). */
  sensitivity: 11,
  /** The validation split held out of a fold's training rows for early stopping on validation accuracy. */
  validation: 12,
  /** Random search: the candidates drawn; successive halving's row subsamples. */
  search: 13,
  /** Seeded synthetic datasets. */
  data: 0xda7a,
} as const;

export type SeedStream = keyof typeof SEED_STREAMS;

/** The seed of one named stream: deriveSeed(spec seed, stream number, …path). */
export function streamSeed(seed: number, stream: SeedStream, ...path: number[]): number {
  return deriveSeed(seed, SEED_STREAMS[stream], ...path);
}

/** The streams every fold-based runner uses, for brevity. */
export const seeds = {
  folds: (seed: number) => streamSeed(seed, 'folds'),
  init: (seed: number, fold: number) => streamSeed(seed, 'init', fold),
  shuffle: (seed: number, fold: number) => streamSeed(seed, 'shuffle', fold),
};
