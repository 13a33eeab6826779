import { BUILTIN_NAMES } from '../data/builtin';
import { SYNTHETIC_NAMES } from '../data/synthetic';
import { FEATURE_ESTIMATORS } from '../kinds/features';
import { STRUCTURAL_CRITERIA } from '../kinds/structural';
import { PRUNE_SCHEDULES } from '../kinds/sweep';
import { PRUNE_METHOD_IDS } from '../prune/registry';
import type { Rng } from '../rng';
import { ACTIVATIONS, CV_KINDS, OPTIMIZERS, POOLS, BACKEND_CHOICES, type ExperimentSpec } from '../spec/schema';

/** A random valid spec (every kind, model, dataset and many bounds), drawn from `rng`: for round-trip and size tests. */
export function randomSpec(rng: Rng, opts: { extremes?: boolean } = {}): ExperimentSpec {
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)] as T;
  const int = (lo: number, hi: number) => (opts.extremes && rng.next() < 0.3 ? pick([lo, hi]) : lo + rng.int(hi - lo + 1));
  const real = (lo: number, hi: number) => (opts.extremes && rng.next() < 0.3 ? pick([lo, hi]) : lo + rng.next() * (hi - lo));
  const list = (n: number, f: () => number) => [...new Set(Array.from({ length: n }, f))].sort((a, b) => a - b);
  const dense = () => ({ units: int(1, 4096), activation: pick(ACTIVATIONS), dropout: real(0, 0.9) });
  const image = rng.next() < 0.3;
  const dataset: ExperimentSpec['dataset'] = image ? { kind: 'builtin', name: 'digits' } : rng.next() < 0.5 ? { kind: 'builtin', name: pick(BUILTIN_NAMES) } : { kind: 'synthetic', name: pick(SYNTHETIC_NAMES), samples: int(20, 10000), noise: real(0, 1) };
  const model: ExperimentSpec['model'] = image && rng.next() < 0.5
    ? { kind: 'cnn', conv: Array.from({ length: int(1, 6) }, () => ({ filters: int(1, 256), kernelSize: int(1, 7), activation: pick(ACTIVATIONS), pool: pick(POOLS) })), hidden: Array.from({ length: int(0, 8) }, dense), l1: real(0, 1), l2: real(0, 1) }
    : { kind: 'mlp', hidden: Array.from({ length: int(0, 16) }, dense), l1: real(0, 1), l2: real(0, 1) };
  const sparsity = () => Math.round(real(0, 0.999) * 1000) / 1000;
  const kind = pick(['cv', 'sweep', 'sensitivity', 'structural', 'features'] as const);
  const scope = { biases: rng.next() < 0.5, outputLayer: rng.next() < 0.5 };
  const task: ExperimentSpec['task'] =
    kind === 'cv'
      ? { kind }
      : kind === 'sweep'
        ? {
            kind,
            methods: [...new Set(Array.from({ length: int(1, 8) }, () => pick(PRUNE_METHOD_IDS)))],
            sparsities: list(int(1, 24), sparsity),
            schedule: pick(PRUNE_SCHEDULES),
            finetuneEpochs: int(0, 5000),
            impRounds: int(1, 20),
            rewindEpoch: int(0, 5000),
            randomReinit: rng.next() < 0.5,
            semantics: { ties: pick(['exact-k', 'keep-ties'] as const), amountOf: pick(['remaining', 'total'] as const) },
            nm: { n: int(1, 15), m: int(16, 32) },
            scope,
            ...(rng.next() < 0.3 ? { layerTargets: Object.fromEntries(Array.from({ length: int(1, 17) }, (_, i) => [`dense_${i + 1}/kernel`, sparsity()])) } : {}),
          }
        : kind === 'sensitivity'
          ? { kind, sparsities: [...new Set([0, 0.5, ...list(int(2, 38), sparsity)])].sort((a, b) => a - b), tolerance: real(0, 1), scope }
          : kind === 'structural'
            ? { kind, action: pick(['units', 'layer'] as const), layer: int(1, 16), criterion: pick(STRUCTURAL_CRITERIA), mode: pick(['layer', 'global'] as const), ratio: real(0, 0.99), steps: int(1, 10), finetuneEpochs: int(0, 5000) }
            : { kind, estimator: pick(FEATURE_ESTIMATORS), importance: pick(['coef', 'permutation'] as const), step: rng.next() < 0.5 ? int(1, 1000) : Math.round(real(0.01, 0.99) * 100) / 100, minFeatures: int(1, 10000) };
  return {
    version: 2,
    seed: int(0, 0xffffffff),
    dataset,
    preprocessing: { standardize: rng.next() < 0.5, ...(rng.next() < 0.2 && dataset.kind === 'builtin' && dataset.name === 'digits' ? { keepFeatures: Array.from({ length: int(1, 64) }, (_, i) => `pixel_${Math.floor(i / 8)}_${i % 8}`) } : {}) },
    model,
    training: {
      optimizer: pick(OPTIMIZERS),
      learningRate: real(1e-6, 10),
      momentum: real(0, 0.99),
      batchSize: int(1, 65536),
      epochs: int(1, 5000),
      earlyStopping: { enabled: rng.next() < 0.5, patience: int(1, 1000), minDelta: real(0, 1) },
    },
    cv: { kind: pick(CV_KINDS), folds: int(2, 20), shuffle: rng.next() < 0.5, testFraction: real(0.05, 0.9) },
    backend: pick(BACKEND_CHOICES),
    task,
  };
}
