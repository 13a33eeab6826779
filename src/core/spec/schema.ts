import { z } from 'zod';
import { BUILTIN_NAMES, type BuiltinName } from '../data/builtin';
import { SYNTHETIC_NAMES } from '../data/synthetic';
import { PRUNE_METHOD_IDS } from '../prune/registry';

/**
 * The experiment spec: one versioned, validated JSON document that the UI edits, the worker
 * runs, a link encodes and a saved run stores. Every random choice derives from `seed`.
 */
export const SPEC_VERSION = 1;

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop'] as const;
export const CV_KINDS = ['stratified-kfold', 'kfold', 'holdout'] as const;
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

const builtinNames = BUILTIN_NAMES as [BuiltinName, ...BuiltinName[]];

export const datasetSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), name: z.enum(builtinNames) }).strict(),
  z
    .object({
      kind: z.literal('synthetic'),
      name: z.enum(SYNTHETIC_NAMES),
      samples: z.number().int().min(20).max(10000),
      noise: z.number().min(0).max(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('csv'),
      /** The uploaded file's name; its rows travel beside the spec, never inside a link. */
      name: z.string().min(1).max(200),
      targetColumn: z.string().min(1).max(200),
      rows: z.number().int().min(2),
    })
    .strict(),
]);

export const denseLayerSchema = z
  .object({
    units: z.number().int().min(1).max(4096),
    activation: z.enum(ACTIVATIONS),
    dropout: z.number().min(0).max(0.9),
  })
  .strict();

export const POOLS = ['max', 'avg', 'none'] as const;

export const convLayerSchema = z
  .object({
    filters: z.number().int().min(1).max(256),
    kernelSize: z.number().int().min(1).max(7),
    activation: z.enum(ACTIVATIONS),
    /** 2×2 pooling with stride 2 after the activation. */
    pool: z.enum(POOLS),
  })
  .strict();

/** Keras semantics for l1/l2: the loss gains l1·Σ|w| and l2·Σw² over the kernels (not the biases). */
const penalties = { l1: z.number().min(0).max(1), l2: z.number().min(0).max(1) };

export const modelSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mlp'), hidden: z.array(denseLayerSchema).max(16), ...penalties }).strict(),
  /** Convolutions ('same' padding, stride 1) over image rows, then the dense `hidden` layers. */
  z.object({ kind: z.literal('cnn'), conv: z.array(convLayerSchema).min(1).max(6), hidden: z.array(denseLayerSchema).max(8), ...penalties }).strict(),
]);

export const trainingSpecSchema = z
  .object({
    optimizer: z.enum(OPTIMIZERS),
    learningRate: z.number().gt(0).max(10),
    /** Momentum coefficient of the 'momentum' optimizer (heavy ball, tf.train.momentum); ignored by the others. */
    momentum: z.number().min(0).lt(1),
    batchSize: z.number().int().min(1).max(65536),
    epochs: z.number().int().min(1).max(5000),
    /** scikit-learn MLPClassifier's rule: stop when the training loss has not improved by minDelta for `patience` epochs. */
    earlyStopping: z
      .object({ enabled: z.boolean(), patience: z.number().int().min(1).max(1000), minDelta: z.number().min(0).max(1) })
      .strict(),
  })
  .strict();

export const cvSpecSchema = z
  .object({
    kind: z.enum(CV_KINDS),
    folds: z.number().int().min(2).max(20),
    shuffle: z.boolean(),
    testFraction: z.number().min(0.05).max(0.9),
  })
  .strict();

export const PRUNE_SCHEDULES = ['oneshot', 'agp', 'imp'] as const;

/** A parameter-pruning sweep: methods × target sparsities, on the same CV folds, beside the dense baseline. */
export const pruningSpecSchema = z
  .object({
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
    scope: z.object({ biases: z.boolean(), outputLayer: z.boolean() }).strict(),
    /** Sparsity per prunable tensor name, for the 'layer-targets' method (set from a sensitivity analysis). */
    layerTargets: z.record(z.string().max(100), z.number().min(0).max(0.999)).optional(),
  })
  .strict();

/** Distiller's sensitivity analysis: each tensor pruned alone over a grid of sparsities, no fine-tuning. */
export const sensitivitySpecSchema = z
  .object({
    sparsities: z.array(z.number().min(0).max(0.999)).min(2).max(40),
    /** Largest accuracy drop (fraction) allowed when picking per-layer targets. */
    tolerance: z.number().min(0).max(1),
  })
  .strict();

export const FEATURE_ESTIMATORS = ['logreg', 'linear-svm', 'mlp'] as const;

/** RFECV (scikit-learn semantics) on the spec's CV splits; the estimator is standardized per training fold when preprocessing asks. */
export const featureSelectionSchema = z
  .object({
    estimator: z.enum(FEATURE_ESTIMATORS),
    /** RFE ranking: the estimator's own importance (squared coefficients; for the MLP its first-layer weight norms) or permutation importance on the training rows. */
    importance: z.enum(['coef', 'permutation']),
    /** Features removed per round: a whole number, or a fraction in (0, 1) of the initial count. */
    step: z.number().gt(0),
    minFeatures: z.number().int().min(1).max(10000),
  })
  .strict()
  .refine((f) => f.step < 1 || Number.isInteger(f.step), { message: 'step must be a whole number or a fraction below 1', path: ['step'] });

export const STRUCTURAL_CRITERIA = ['l1', 'l2', 'mean-activation', 'apoz', 'taylor'] as const;

/** Structural pruning: hidden neurons ranked, removed and the network rebuilt smaller, then fine-tuned. */
export const structuralSpecSchema = z
  .object({
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

export const experimentSpecSchema = z
  .object({
    version: z.literal(SPEC_VERSION),
    seed: z.number().int().min(0).max(0xffffffff),
    dataset: datasetSpecSchema,
    preprocessing: z
      .object({
        standardize: z.boolean(),
        /** Feature subset by name (e.g. kept by RFECV); absent: every feature. */
        keepFeatures: z.array(z.string().max(200)).min(1).max(10000).optional(),
      })
      .strict(),
    model: modelSpecSchema,
    training: trainingSpecSchema,
    cv: cvSpecSchema,
    backend: z.enum(BACKEND_CHOICES),
    /** Absent: a plain cross-validated training run. */
    pruning: pruningSpecSchema.optional(),
    /** Present: the run is a sensitivity analysis (it takes precedence over a sweep). */
    sensitivity: sensitivitySpecSchema.optional(),
    /** Present: the run is feature selection (RFECV); takes precedence over everything else. */
    featureSelection: featureSelectionSchema.optional(),
    /** Present: the run prunes neurons structurally (takes precedence over a sweep). */
    structural: structuralSpecSchema.optional(),
  })
  .strict();

export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
export type DatasetSpec = z.infer<typeof datasetSpecSchema>;
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type DenseLayerSpec = z.infer<typeof denseLayerSchema>;
export type ConvLayerSpec = z.infer<typeof convLayerSchema>;
export type TrainingSpec = z.infer<typeof trainingSpecSchema>;
export type CvSpec = z.infer<typeof cvSpecSchema>;
export type PruningSpec = z.infer<typeof pruningSpecSchema>;
export type SensitivitySpec = z.infer<typeof sensitivitySpecSchema>;
export type FeatureSelectionSpec = z.infer<typeof featureSelectionSchema>;
export type StructuralSpec = z.infer<typeof structuralSpecSchema>;

/** Which kind of run a spec asks for; the first present section wins. */
export function runKind(spec: ExperimentSpec): 'features' | 'sensitivity' | 'structural' | 'sweep' | 'cv' {
  if (spec.featureSelection) return 'features';
  if (spec.sensitivity) return 'sensitivity';
  if (spec.structural) return 'structural';
  if (spec.pruning) return 'sweep';
  return 'cv';
}
export type Activation = (typeof ACTIVATIONS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export type BackendName = (typeof BACKENDS)[number];

export type SpecResult = { ok: true; spec: ExperimentSpec } | { ok: false; error: string };

/** Validates untrusted input (a link, a file, a CLI argument) and says exactly what is wrong. */
export function parseSpec(input: unknown): SpecResult {
  const r = experimentSpecSchema.safeParse(input);
  if (r.success) return { ok: true, spec: r.data };
  const issues = r.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : 'spec'}: ${i.message}`);
  return { ok: false, error: `Invalid experiment spec — ${issues.join('; ')}` };
}

/** Sweep defaults: global and layer-wise magnitude against the random baseline, one-shot then fine-tune, torch semantics. */
export function defaultPruning(): PruningSpec {
  return {
    methods: ['magnitude-global', 'magnitude-layer', 'random'],
    sparsities: [0.5, 0.75, 0.9, 0.95, 0.98],
    schedule: 'oneshot',
    finetuneEpochs: 50,
    impRounds: 3,
    rewindEpoch: 0,
    randomReinit: false,
    semantics: { ties: 'exact-k', amountOf: 'remaining' },
    nm: { n: 2, m: 4 },
    scope: { biases: false, outputLayer: true },
  };
}

/** Defaults: the scikit-learn reference setting (MLP 32 relu, Adam 1e-3, batch 200, stratified 5-fold). */
export function defaultSpec(): ExperimentSpec {
  return {
    version: SPEC_VERSION,
    seed: 42,
    dataset: { kind: 'builtin', name: 'breast_cancer' },
    preprocessing: { standardize: true },
    model: { kind: 'mlp', hidden: [{ units: 32, activation: 'relu', dropout: 0 }], l1: 0, l2: 0 },
    training: {
      optimizer: 'adam',
      learningRate: 0.001,
      momentum: 0.9,
      batchSize: 200,
      epochs: 300,
      earlyStopping: { enabled: false, patience: 10, minDelta: 0.0001 },
    },
    cv: { kind: 'stratified-kfold', folds: 5, shuffle: true, testFraction: 0.2 },
    backend: 'auto',
  };
}
