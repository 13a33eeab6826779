import type { DataShape } from '../kinds/types';
import { learningTaskOf, type LearningTaskId, type SpecBase } from '../spec/sections';

/**
 * The learning tasks, tensor-free: what each one reports and what data it needs. The TF.js side
 * (losses, targets, scores) is engine/task.ts.
 */

export type MetricId = 'accuracy' | 'r2' | 'mse';

export interface MetricInfo {
  id: MetricId;
  /** As axes, tables and results name it. */
  label: string;
  higherIsBetter: boolean;
  /** The best value there is (accuracy and R² reach 1 at most); absent for MSE. */
  max?: number;
  /** One sentence for the UI and docs: what it is and whose definition it follows. */
  describe: string;
}

export const METRICS: Record<LearningTaskId, MetricInfo> = {
  classification: { id: 'accuracy', label: 'Accuracy', higherIsBetter: true, max: 1, describe: 'Share of held-out rows whose predicted class is right.' },
  regression: {
    id: 'r2',
    label: 'R²',
    higherIsBetter: true,
    max: 1,
    describe: "Coefficient of determination on the held-out rows, 1 − SS_res / SS_tot (scikit-learn's r2_score); MAE and MSE in the target's units beside it.",
  },
  reconstruction: {
    id: 'mse',
    label: 'Reconstruction MSE',
    higherIsBetter: false,
    describe: 'Mean squared error per feature between the held-out rows and their reconstructions, in standardised units when standardising (lower is better).',
  },
};

export const TASK_LABELS: Record<LearningTaskId, string> = { classification: 'Classification', regression: 'Regression', reconstruction: 'Reconstruction (autoencoder)' };

export const metricOf = (base: Pick<SpecBase, 'learningTask'>): MetricInfo => METRICS[learningTaskOf(base)];

/** Whether score a beats score b under the metric's direction. */
export const isBetter = (m: Pick<MetricInfo, 'higherIsBetter'>, a: number, b: number): boolean => (m.higherIsBetter ? a > b : a < b);

/** The network's output width: one per class, one value, or the input's width (a reconstruction). */
export function outputsOf(task: LearningTaskId, data: Pick<DataShape, 'nFeatures' | 'nClasses'>): number {
  return task === 'classification' ? data.nClasses : task === 'regression' ? 1 : data.nFeatures;
}

/** Throws, with what to change, when the data or the validation cannot serve the task. */
export function checkTaskData(base: Pick<SpecBase, 'learningTask' | 'cv'>, data: DataShape): void {
  const task = learningTaskOf(base);
  const target = data.targetName ? `"${data.targetName}"` : 'The target';
  if (task === 'classification' && data.nClasses < 2) {
    throw new Error(`${target} is continuous (too many distinct values to be classes): choose the Regression task.`);
  }
  if (task === 'regression' && !data.continuous) throw new Error(`Regression needs a numeric target; ${target === 'The target' ? 'this dataset has classes' : `${target} holds text`}. Choose Classification.`);
  if (task !== 'classification' && base.cv.kind === 'stratified-kfold') {
    throw new Error(`Stratified K-fold balances classes; ${task} has none to balance. Choose K-fold (what scikit-learn's cross_val_score uses for regressors) or hold-out.`);
  }
}

/** Throws, with what to change, when an imported model's output cannot serve the task. */
export function checkModelTask(base: Pick<SpecBase, 'learningTask' | 'model'>): void {
  const m = base.model;
  if (m.kind !== 'imported') return;
  const task = learningTaskOf(base);
  const act = m.outputActivation;
  if (task === 'classification' && act !== 'softmax' && act !== 'linear') {
    throw new Error(`"${m.name}" is not a classifier PruneLab can train: its output ends in ${act}${act === 'sigmoid' ? ' (a one-unit binary classifier)' : ''}; classification trains one output per class with a softmax. Choose Regression, or a model with a softmax output.`);
  }
  if (task !== 'classification' && act === 'softmax') throw new Error(`"${m.name}" is a classifier (its output is a softmax); ${task} needs an output that is not squashed into class probabilities. Choose Classification.`);
}

/** The code layer of an autoencoder: its narrowest hidden layer (the first of equals). */
export function codeLayerIndex(units: readonly number[]): number {
  let best = -1;
  units.forEach((u, i) => {
    if (best < 0 || u < (units[best] as number)) best = i;
  });
  return best;
}
