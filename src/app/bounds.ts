import { featuresTaskSchema } from '../core/kinds/features';
import { sensitivityTaskSchema } from '../core/kinds/sensitivity';
import { structuralTaskSchema } from '../core/kinds/structural';
import { sweepTaskSchema } from '../core/kinds/sweep';
import { numberBounds } from '../core/spec/bounds';
import { convLayerSchema, csvDatasetSchema, cvSpecSchema, denseLayerSchema, earlyStoppingSchema, lrScheduleSchema, mlpSpecSchema, rnnSpecSchema, specBaseSchema, syntheticDatasetSchema, trainingSpecSchema } from '../core/spec/sections';

/** Every numeric field's bounds, read from the spec's schemas (never copied by hand into a panel). */
export const BOUNDS = {
  samples: numberBounds(syntheticDatasetSchema, 'samples'),
  noise: numberBounds(syntheticDatasetSchema, 'noise'),
  sequenceSteps: numberBounds(csvDatasetSchema, 'sequenceSteps'),
  units: numberBounds(denseLayerSchema, 'units'),
  dropout: numberBounds(denseLayerSchema, 'dropout'),
  filters: numberBounds(convLayerSchema, 'filters'),
  kernelSize: numberBounds(convLayerSchema, 'kernelSize'),
  rnnUnits: numberBounds(rnnSpecSchema, 'units'),
  l1: numberBounds(mlpSpecSchema, 'l1'),
  l2: numberBounds(mlpSpecSchema, 'l2'),
  learningRate: numberBounds(trainingSpecSchema, 'learningRate'),
  momentum: numberBounds(trainingSpecSchema, 'momentum'),
  batchSize: numberBounds(trainingSpecSchema, 'batchSize'),
  epochs: numberBounds(trainingSpecSchema, 'epochs'),
  patience: numberBounds(earlyStoppingSchema, 'patience'),
  minDelta: numberBounds(earlyStoppingSchema, 'minDelta'),
  validationFraction: numberBounds(earlyStoppingSchema, 'validationFraction'),
  schedule: {
    warmupEpochs: numberBounds(lrScheduleSchema, 'warmupEpochs'),
    stepEpochs: numberBounds(lrScheduleSchema, 'stepEpochs'),
    gamma: numberBounds(lrScheduleSchema, 'gamma'),
    minLearningRate: numberBounds(lrScheduleSchema, 'minLearningRate'),
  },
  folds: numberBounds(cvSpecSchema, 'folds'),
  testFraction: numberBounds(cvSpecSchema, 'testFraction'),
  seed: numberBounds(specBaseSchema, 'seed'),
  sweep: {
    sparsities: numberBounds(sweepTaskSchema, 'sparsities'),
    finetuneEpochs: numberBounds(sweepTaskSchema, 'finetuneEpochs'),
    impRounds: numberBounds(sweepTaskSchema, 'impRounds'),
    rewindEpoch: numberBounds(sweepTaskSchema, 'rewindEpoch'),
    n: numberBounds(sweepTaskSchema, 'nm.n'),
    m: numberBounds(sweepTaskSchema, 'nm.m'),
  },
  sensitivity: {
    sparsities: numberBounds(sensitivityTaskSchema, 'sparsities'),
    tolerance: numberBounds(sensitivityTaskSchema, 'tolerance'),
  },
  structural: {
    layer: numberBounds(structuralTaskSchema, 'layer'),
    ratio: numberBounds(structuralTaskSchema, 'ratio'),
    steps: numberBounds(structuralTaskSchema, 'steps'),
    finetuneEpochs: numberBounds(structuralTaskSchema, 'finetuneEpochs'),
  },
  features: {
    step: numberBounds(featuresTaskSchema, 'step'),
    minFeatures: numberBounds(featuresTaskSchema, 'minFeatures'),
  },
} as const;
