import { BUILTIN_NAMES, isRegressionBuiltin, type BuiltinName } from '../data/builtin';
import { codeLayerIndex } from '../task/learning';
import { SYNTHETIC_NAMES, type SyntheticName } from '../data/synthetic';
import { RUN_KINDS, RUN_KIND_IDS, type RunKindId } from '../kinds/registry';
import { defaultAutoencoder, defaultCnn, defaultDenseLayer, defaultSynthetic, hiddenOf, learningTaskOf, type DatasetSpec, type LearningTaskId } from './sections';
import { isPreset, presetFor } from './presets';
import { defaultSpec, type ExperimentSpec } from './schema';

/** Whether the dataset entry's rows are images (a CNN can use them). */
/** Data whose rows are images or sequences (a CNN or an RNN can read them): Digits (8×8), the synthetic sequences (20×1), a CSV declared as sequences. */
export const isImageDataset = (d: DatasetSpec): boolean => (d.kind === 'builtin' && d.name === 'digits') || (d.kind === 'synthetic' && d.name === 'sequences') || (d.kind === 'csv' && d.sequenceSteps !== undefined);

/**
 * Points a spec at another dataset, and adapts what the new data invalidates: a feature subset
 * chosen by name goes, and a CNN or an RNN becomes an MLP when the rows are not images. A model and
 * training still at the old dataset's preset move to the new one's (presets.ts); edited ones stay.
 * The app's dataset picker and the CLI's --dataset both go through here.
 */
export function withDataset(spec: ExperimentSpec, dataset: DatasetSpec, isImage = isImageDataset(dataset)): ExperimentSpec {
  let next = structuredClone(spec);
  const task = learningTaskOf(spec);
  if (isPreset(spec, spec.dataset, task) && !isPreset(spec, dataset, task)) Object.assign(next, structuredClone(presetFor(dataset, task)));
  next.dataset = dataset;
  delete next.preprocessing.keepFeatures;
  // A continuous built-in target is regression; leaving one for a dataset with classes goes back to classification.
  if (dataset.kind === 'builtin' && isRegressionBuiltin(dataset.name)) next = withLearningTask(next, 'regression');
  else if (spec.dataset.kind === 'builtin' && isRegressionBuiltin(spec.dataset.name) && learningTaskOf(next) === 'regression') next = withLearningTask(next, 'classification');
  if ((next.model.kind === 'cnn' || next.model.kind === 'rnn') && !isImage) next.model = { kind: 'mlp', hidden: next.model.hidden.length ? next.model.hidden : [defaultDenseLayer()], l1: next.model.l1, l2: next.model.l2 };
  return next;
}

/**
 * Switches the learning task and adapts what it invalidates: stratified folds become K-fold for
 * regression and reconstruction (scikit-learn's cross_val_score does the same for regressors) and
 * back for classification; reconstruction starts from the autoencoder preset unless the model is
 * already an MLP with a bottleneck; leaving reconstruction restores the reference MLP.
 */
export function withLearningTask(spec: ExperimentSpec, task: LearningTaskId): ExperimentSpec {
  const next = structuredClone(spec);
  const was = learningTaskOf(spec);
  if (task === 'classification') delete next.learningTask;
  else next.learningTask = task;
  if (task !== 'classification' && next.cv.kind === 'stratified-kfold') next.cv.kind = 'kfold';
  if (task === 'classification' && was !== 'classification' && next.cv.kind === 'kfold') next.cv.kind = 'stratified-kfold';
  // A model and training still at the preset move to the new task's preset; edited ones stay, unless they cannot serve it.
  if (isPreset(spec, spec.dataset, was)) Object.assign(next, structuredClone(presetFor(next.dataset, task)));
  const hidden = hiddenOf(next.model).map((h) => h.units);
  const bottleneck = next.model.kind === 'mlp' && hidden.length >= 3 && (hidden[codeLayerIndex(hidden)] ?? 0) < Math.min(hidden[0] ?? 0, hidden.at(-1) ?? 0);
  // The user's own model stays: an imported autoencoder reconstructs as it is (its output is checked when it runs).
  if (task === 'reconstruction' && !bottleneck && next.model.kind !== 'imported') next.model = defaultAutoencoder();
  if (was === 'reconstruction' && task !== 'reconstruction' && next.model.kind === 'mlp' && bottleneck) next.model = presetFor(next.dataset, task).model;
  return next;
}

/** A dataset entry by name: a built-in set ("wine") or a synthetic one ("spirals"), with the app's defaults. */
export function datasetByName(name: string): DatasetSpec {
  if ((BUILTIN_NAMES as readonly string[]).includes(name)) return { kind: 'builtin', name: name as BuiltinName };
  if ((SYNTHETIC_NAMES as readonly string[]).includes(name)) return defaultSynthetic(name as SyntheticName);
  throw new Error(`Unknown dataset "${name}". Built-in: ${BUILTIN_NAMES.join(', ')}; synthetic: ${SYNTHETIC_NAMES.join(', ')}.`);
}

/** The app's default spec for a dataset: the reference setting (an MLP) on that data, as the app opens it. */
export function defaultSpecFor(name?: string): ExperimentSpec {
  const spec = defaultSpec();
  return name === undefined ? spec : withDataset(spec, datasetByName(name));
}

/** Switches the run kind, starting from that kind's defaults (or a remembered task of that kind). */
export function withTask(spec: ExperimentSpec, kind: RunKindId, remembered?: ExperimentSpec['task']): ExperimentSpec {
  if (!RUN_KIND_IDS.includes(kind)) throw new Error(`Unknown run kind "${String(kind)}". Kinds: ${RUN_KIND_IDS.join(', ')}.`);
  const task = remembered && remembered.kind === kind ? structuredClone(remembered) : RUN_KINDS[kind].defaults();
  return { ...structuredClone(spec), task };
}

/** The CNN preset, keeping the current penalties. */
export const cnnPreset = defaultCnn;
