import { z } from 'zod';
import { BUILTIN_NAMES, type BuiltinName } from '../data/builtin';
import { SYNTHETIC_NAMES } from '../data/synthetic';

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

export const modelSpecSchema = z
  .object({
    kind: z.literal('mlp'),
    hidden: z.array(denseLayerSchema).max(16),
    /** Keras semantics: the loss gains l1·Σ|w| and l2·Σw² over the kernels (not the biases). */
    l1: z.number().min(0).max(1),
    l2: z.number().min(0).max(1),
  })
  .strict();

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

export const experimentSpecSchema = z
  .object({
    version: z.literal(SPEC_VERSION),
    seed: z.number().int().min(0).max(0xffffffff),
    dataset: datasetSpecSchema,
    preprocessing: z.object({ standardize: z.boolean() }).strict(),
    model: modelSpecSchema,
    training: trainingSpecSchema,
    cv: cvSpecSchema,
    backend: z.enum(BACKEND_CHOICES),
  })
  .strict();

export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
export type DatasetSpec = z.infer<typeof datasetSpecSchema>;
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type DenseLayerSpec = z.infer<typeof denseLayerSchema>;
export type TrainingSpec = z.infer<typeof trainingSpecSchema>;
export type CvSpec = z.infer<typeof cvSpecSchema>;
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
