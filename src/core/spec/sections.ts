import { z } from 'zod';
import { BUILTIN_NAMES, type BuiltinName } from '../data/builtin';
import { SYNTHETIC_NAMES } from '../data/synthetic';

/**
 * The sections every experiment spec shares (data, preprocessing, model, training, validation,
 * backend), as zod schemas. Bounds live here once: the app's fields and the CLI read them from
 * these schemas (spec/bounds.ts), never from hand-copied numbers.
 */
export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop'] as const;
export const CV_KINDS = ['stratified-kfold', 'kfold', 'holdout'] as const;
export const BACKEND_CHOICES = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const POOLS = ['max', 'avg', 'none'] as const;
/** Recurrent cells, as Keras names them: SimpleRNN, LSTM, GRU (the original GRU, reset gate before the recurrent product). */
export const RNN_CELLS = ['simple', 'lstm', 'gru'] as const;
/**
 * What the network learns: classes (softmax cross-entropy; accuracy), a continuous target
 * (regression: MSE on the standardised target; R², MAE), or its own input (reconstruction: an
 * autoencoder, an MLP whose narrowest hidden layer is the code; MSE per feature).
 */
export const LEARNING_TASKS = ['classification', 'regression', 'reconstruction'] as const;

const builtinNames = BUILTIN_NAMES as [BuiltinName, ...BuiltinName[]];

export const syntheticDatasetSchema = z
  .object({
    kind: z.literal('synthetic'),
    name: z.enum(SYNTHETIC_NAMES),
    samples: z.number().int().min(20).max(10000),
    noise: z.number().min(0).max(1),
  })
  .strict();

export const csvDatasetSchema = z
  .object({
    kind: z.literal('csv'),
    /** The uploaded file's name; its rows travel beside the spec, never inside a link. */
    name: z.string().min(1).max(200),
    targetColumn: z.string().min(1).max(200),
    rows: z.number().int().min(2),
    /** SHA-256 (hex) of the file's bytes: a link or saved run accepts the file again only when it matches. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex').optional(),
    /**
     * Rows are sequences: the feature columns, in file order, are this many steps of equal width
     * (step-major: t1's values, then t2's…), so an RNN reads them step by step (and a CNN as steps × width).
     */
    sequenceSteps: z.number().int().min(2).max(1000).optional(),
  })
  .strict();

export const datasetSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), name: z.enum(builtinNames) }).strict(),
  syntheticDatasetSchema,
  csvDatasetSchema,
]);

export const preprocessingSchema = z
  .object({
    standardize: z.boolean(),
    /** Feature subset by name (e.g. kept by RFECV); absent: every feature. */
    keepFeatures: z.array(z.string().max(200)).min(1).max(10000).optional(),
  })
  .strict();

export const denseLayerSchema = z
  .object({
    units: z.number().int().min(1).max(4096),
    activation: z.enum(ACTIVATIONS),
    dropout: z.number().min(0).max(0.9),
  })
  .strict();

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

export const mlpSpecSchema = z.object({ kind: z.literal('mlp'), hidden: z.array(denseLayerSchema).max(16), ...penalties }).strict();
/** Convolutions ('same' padding, stride 1) over image rows, then the dense `hidden` layers. */
export const cnnSpecSchema = z.object({ kind: z.literal('cnn'), conv: z.array(convLayerSchema).min(1).max(6), hidden: z.array(denseLayerSchema).max(8), ...penalties }).strict();
/**
 * A recurrent layer reading each row as a sequence (an image's rows: Digits is 8 steps of 8 pixels, as
 * sequential MNIST), its last hidden state into the dense `hidden` layers.
 */
export const rnnSpecSchema = z.object({ kind: z.literal('rnn'), cell: z.enum(RNN_CELLS), units: z.number().int().min(1).max(256), hidden: z.array(denseLayerSchema).max(8), ...penalties }).strict();
/** One prunable weight of an imported model, as describeModel gives the built-in ones (tensor-free planning and accounting). */
export const importedLayerSchema = z
  .object({
    name: z.string().min(1).max(300),
    type: z.enum(['dense', 'conv2d', 'rnn', 'rnn-recurrent']),
    kernelShape: z.array(z.number().int().min(1)).min(1).max(6),
    /** Bias length (0: this weight carries no bias). */
    units: z.number().int().min(0),
    positions: z.number().int().min(1),
    isOutput: z.boolean(),
  })
  .strict();

/**
 * The user's own TF.js LayersModel, trained and pruned with data. Its files travel beside the spec
 * (never inside a link), accepted again only when their SHA-256 matches; what planning needs
 * (shapes, prunable weights, cost) is written here when the model is opened.
 */
export const importedSpecSchema = z
  .object({
    kind: z.literal('imported'),
    name: z.string().min(1).max(200),
    /** SHA-256 (hex) of model.json followed by its weight files in manifest order. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex'),
    inputShape: z.array(z.number().int().min(1)).min(1).max(4),
    outputShape: z.array(z.number().int().min(1)).min(1).max(3),
    /** The output layer's activation as stored ("softmax" for a Keras classifier): training uses the values before it. */
    outputActivation: z.string().max(40),
    layers: z.array(importedLayerSchema).min(1).max(1000),
    params: z.number().int().min(0),
    flops: z.number().min(0),
    ...penalties,
  })
  .strict();
export const modelSpecSchema = z.discriminatedUnion('kind', [mlpSpecSchema, cnnSpecSchema, rnnSpecSchema, importedSpecSchema]);

export const earlyStoppingSchema = z
  .object({
    enabled: z.boolean(),
    patience: z.number().int().min(1).max(1000),
    minDelta: z.number().min(0).max(1),
    /**
     * What is watched: the training loss (scikit-learn MLPClassifier's default), or accuracy on a
     * validation split held out of the training rows (early_stopping=True), restoring the best weights.
     */
    monitor: z.enum(['train-loss', 'validation']).optional(),
    /** Fraction of the training rows held out (stratified) when monitoring a validation split; sklearn's validation_fraction. */
    validationFraction: z.number().min(0.05).max(0.5).optional(),
  })
  .strict();

export const LR_SCHEDULES = ['constant', 'step', 'exponential', 'cosine'] as const;

/** Learning-rate schedules as torch.optim.lr_scheduler defines them (per epoch), after an optional linear warm-up. */
export const lrScheduleSchema = z
  .object({
    kind: z.enum(LR_SCHEDULES),
    /** Epochs of linear warm-up from lr/warmup to lr (0: none). */
    warmupEpochs: z.number().int().min(0).max(5000),
    /** step: multiply by gamma every stepEpochs (StepLR). */
    stepEpochs: z.number().int().min(1).max(5000),
    /** step and exponential: the decay factor (StepLR, ExponentialLR). */
    gamma: z.number().gt(0).max(1),
    /** cosine: the floor (CosineAnnealingLR's eta_min). */
    minLearningRate: z.number().min(0).max(10),
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
    earlyStopping: earlyStoppingSchema,
    /** SGD with momentum: Nesterov's variant (tf.train.momentum's useNesterov). */
    nesterov: z.boolean().optional(),
    /** Adam's moment decay rates (absent: 0.9 and 0.999, scikit-learn's and Keras' defaults). */
    beta1: z.number().min(0).lt(1).optional(),
    beta2: z.number().min(0).lt(1).optional(),
    /** Absent: a constant learning rate. */
    schedule: lrScheduleSchema.optional(),
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

/** Which parameters pruning may touch. Default: every kernel, the output layer's included; biases kept. */
export const pruneScopeSchema = z.object({ biases: z.boolean(), outputLayer: z.boolean() }).strict();

/** Everything but the version and the run: what the data, the model and its training are. */
export const specBaseShape = {
  seed: z.number().int().min(0).max(0xffffffff),
  dataset: datasetSpecSchema,
  preprocessing: preprocessingSchema,
  model: modelSpecSchema,
  training: trainingSpecSchema,
  cv: cvSpecSchema,
  backend: z.enum(BACKEND_CHOICES),
  /** Absent: classification (every spec before tasks existed). */
  learningTask: z.enum(LEARNING_TASKS).optional(),
};
export const specBaseSchema = z.object(specBaseShape).strict();

export type SpecBase = z.infer<typeof specBaseSchema>;
export type DatasetSpec = z.infer<typeof datasetSpecSchema>;
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type DenseLayerSpec = z.infer<typeof denseLayerSchema>;
export type ImportedModelSpec = z.infer<typeof importedSpecSchema>;
export type MlpModelSpec = z.infer<typeof mlpSpecSchema>;

/** The dense hidden layers of a built-in model (an imported model has none of its own to edit). */
export const hiddenOf = (m: ModelSpec): DenseLayerSpec[] => (m.kind === 'imported' ? [] : m.hidden);
export type ConvLayerSpec = z.infer<typeof convLayerSchema>;
export type TrainingSpec = z.infer<typeof trainingSpecSchema>;
export type LrSchedule = z.infer<typeof lrScheduleSchema>;
export type CvSpec = z.infer<typeof cvSpecSchema>;
export type PruneScope = z.infer<typeof pruneScopeSchema>;
export type Activation = (typeof ACTIVATIONS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export type BackendName = (typeof BACKENDS)[number];
export type LearningTaskId = (typeof LEARNING_TASKS)[number];

/** The spec's learning task; classification when absent. */
export const learningTaskOf = (spec: Pick<SpecBase, 'learningTask'>): LearningTaskId => spec.learningTask ?? 'classification';

export const DEFAULT_SCOPE: PruneScope = { biases: false, outputLayer: true };

/** Number of train/test splits the validation section makes. */
export const splitCount = (cv: CvSpec): number => (cv.kind === 'holdout' ? 1 : cv.folds);

/** The defaults of the shared sections: the scikit-learn reference setting (MLP 32 relu, Adam 1e-3, batch 200, stratified 5-fold). */
export function defaultBase(): SpecBase {
  return {
    seed: 42,
    dataset: { kind: 'builtin', name: 'breast_cancer' },
    preprocessing: { standardize: true },
    model: defaultMlp(),
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

export const defaultDenseLayer = (units = 32): DenseLayerSpec => ({ units, activation: 'relu', dropout: 0 });
export const defaultMlp = (): MlpModelSpec => ({ kind: 'mlp', hidden: [defaultDenseLayer()], l1: 0, l2: 0 });

/** The CNN preset for 8×8 images: two conv blocks (16, 32 filters, 3×3, ReLU, max-pool), then one dense layer of 64. */
export function defaultCnn(from?: ModelSpec): ModelSpec {
  return {
    kind: 'cnn',
    conv: [
      { filters: 16, kernelSize: 3, activation: 'relu', pool: 'max' },
      { filters: 32, kernelSize: 3, activation: 'relu', pool: 'max' },
    ],
    hidden: [defaultDenseLayer(64)],
    l1: from?.l1 ?? 0,
    l2: from?.l2 ?? 0,
  };
}

/** The RNN preset for 8×8 images read row by row: an LSTM of 64 units, then the output layer. */
export function defaultRnn(from?: ModelSpec, cell: (typeof RNN_CELLS)[number] = 'lstm'): ModelSpec {
  return { kind: 'rnn', cell, units: 64, hidden: [], l1: from?.l1 ?? 0, l2: from?.l2 ?? 0 };
}

/**
 * The autoencoder preset: encoder 32 (ReLU), a linear code of `code` units, decoder 32 (ReLU),
 * and a linear output as wide as the input. Trained for reconstruction.
 */
export function defaultAutoencoder(code = 16): ModelSpec {
  return { kind: 'mlp', hidden: [defaultDenseLayer(32), { units: code, activation: 'linear', dropout: 0 }, defaultDenseLayer(32)], l1: 0, l2: 0 };
}

/** A synthetic dataset entry with the app's defaults. */
export const defaultSynthetic = (name: (typeof SYNTHETIC_NAMES)[number]): DatasetSpec => ({ kind: 'synthetic', name, samples: 400, noise: 0.1 });

export const defaultSchedule = (): LrSchedule => ({ kind: 'constant', warmupEpochs: 0, stepEpochs: 30, gamma: 0.5, minLearningRate: 0 });

/**
 * The learning rate of epoch `epoch` (1-based) of `epochs`: a linear warm-up over warmupEpochs,
 * then the schedule counted from the end of the warm-up (torch's StepLR, ExponentialLR and
 * CosineAnnealingLR with T_max the epochs left after the warm-up).
 */
export function learningRateAt(t: Pick<TrainingSpec, 'learningRate' | 'schedule'>, epoch: number, epochs: number): number {
  const s = t.schedule;
  const base = t.learningRate;
  if (!s) return base;
  if (epoch <= s.warmupEpochs) return (base * epoch) / s.warmupEpochs;
  const e = epoch - s.warmupEpochs - 1;
  const total = Math.max(1, epochs - s.warmupEpochs);
  switch (s.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * s.gamma ** Math.floor(e / s.stepEpochs);
    case 'exponential':
      return base * s.gamma ** e;
    case 'cosine':
      return s.minLearningRate + ((base - s.minLearningRate) * (1 + Math.cos((Math.PI * e) / total))) / 2;
  }
}
