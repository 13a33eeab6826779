import { canonicalJson } from './compare';
import { defaultAutoencoder, defaultBase, defaultDenseLayer, type DatasetSpec, type LearningTaskId, type ModelSpec, type TrainingSpec } from './sections';

/** A dataset's default model and training: what learns it well enough to be worth pruning. */
export interface Preset {
  model: ModelSpec;
  training: TrainingSpec;
}

/**
 * Built-in sets keep the reference setting (one hidden layer of 32, Adam 0.001, batch 200, 300
 * epochs: the scikit-learn MLPClassifier figures in shared/reference were made with it). The 2-D
 * toy sets need depth and more updates: two hidden layers of 32, Adam 0.02, batch 32, 100 epochs
 * (two spirals, 400 points, 5-fold: 0.99; XOR 0.96 — see presets.test.ts). The sequence task gets a GRU.
 */
export function presetFor(dataset: DatasetSpec, task: LearningTaskId = 'classification'): Preset {
  const base = defaultBase();
  // An autoencoder needs more updates than the classifier: Adam 0.005, batch 64, 60 epochs.
  if (task === 'reconstruction') return { model: defaultAutoencoder(), training: { ...base.training, learningRate: 0.005, batchSize: 64, epochs: RECONSTRUCTION_PRESET_EPOCHS } };
  if (dataset.kind !== 'synthetic') return { model: base.model, training: base.training };
  if (dataset.name === 'sequences') {
    // Order is the question: a GRU of 16 units reads the 20 steps.
    return { model: { kind: 'rnn', cell: 'gru', units: 16, hidden: [], l1: 0, l2: 0 }, training: { ...base.training, learningRate: 0.02, batchSize: 32, epochs: SEQUENCE_PRESET_EPOCHS } };
  }
  return {
    model: { kind: 'mlp', hidden: [defaultDenseLayer(32), defaultDenseLayer(32)], l1: 0, l2: 0 },
    training: { ...base.training, learningRate: 0.02, batchSize: 32, epochs: 100 },
  };
}

/** Epochs of the sequence task's preset (see presets.test.ts). */
export const SEQUENCE_PRESET_EPOCHS = 15;

/** Epochs of the autoencoder preset. */
export const RECONSTRUCTION_PRESET_EPOCHS = 60;

/** Whether the model and training are still a dataset's preset for the task (untouched by the user). */
export function isPreset(p: Preset, dataset: DatasetSpec, task: LearningTaskId = 'classification'): boolean {
  const preset = presetFor(dataset, task);
  return canonicalJson(p.model) === canonicalJson(preset.model) && canonicalJson(p.training) === canonicalJson(preset.training);
}
