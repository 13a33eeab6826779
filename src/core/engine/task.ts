import * as tf from '@tensorflow/tfjs-core';
import { accuracy, argmaxRows } from '../metrics';
import { learningTaskOf, type LearningTaskId, type SpecBase } from '../spec/sections';
import { METRICS, type MetricInfo } from '../task/learning';
import type { Rows } from './train/loop';

/**
 * A learning task: the targets a network is trained on, its loss and its metric.
 * - classification: one-hot classes, softmax cross-entropy, accuracy;
 * - regression: the target standardised on the training rows, MSE, R² (with MAE and MSE in the
 *   target's own units);
 * - reconstruction: the (standardised) input itself, MSE per feature.
 */
export interface LearningTask {
  id: LearningTaskId;
  metric: MetricInfo;
  /** Writes the training targets of `rows` (count of them) into `out` (count × nOutputs). */
  encodeTargets(data: Rows, rows: ArrayLike<number>, count: number, nOutputs: number, out: Float32Array): void;
  /** Mean loss of a batch's outputs against its encoded targets. */
  loss(targets: tf.Tensor2D, outputs: tf.Tensor2D): tf.Scalar;
  /** The metric of read-back outputs against the rows' targets; classification also gives the predicted classes. */
  score(outputs: Float32Array, data: Rows, nOutputs: number): TaskScore;
}

export interface TaskScore {
  value: number;
  predictions: Int32Array;
  /** Further metrics by name (regression: mae and mse in the target's units). */
  extra?: Record<string, number>;
}

export const classification: LearningTask = {
  id: 'classification',
  metric: METRICS.classification,
  encodeTargets(data, rows, count, nOutputs, out) {
    out.fill(0, 0, count * nOutputs);
    for (let i = 0; i < count; i++) {
      const row = rows[i] as number;
      const label = data.y[row];
      if (label === undefined || label < 0 || label >= nOutputs) throw new Error(`Row ${row} has no class label in 0 … ${nOutputs - 1} (got ${label}).`);
      out[i * nOutputs + label] = 1;
    }
  },
  loss: (targets, logits) => tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar,
  score(logits, data, nOutputs) {
    const predictions = argmaxRows(logits, nOutputs);
    return { value: accuracy(predictions, data.y), predictions };
  },
};

const mse = (targets: tf.Tensor2D, outputs: tf.Tensor2D): tf.Scalar => tf.mean(tf.squaredDifference(targets, outputs));
const none = new Int32Array(0);

export const regression: LearningTask = {
  id: 'regression',
  metric: METRICS.regression,
  encodeTargets(data, rows, count, _nOutputs, out) {
    const t = data.t;
    if (!t) throw new Error('Regression needs a numeric target per row.');
    for (let i = 0; i < count; i++) out[i] = t[rows[i] as number] ?? Number.NaN;
  },
  loss: mse,
  score(outputs, data) {
    const t = data.t;
    if (!t) throw new Error('Regression needs a numeric target per row.');
    // R² is the same in standardised and original units; MAE and MSE are scaled back.
    const scale = data.tScale?.std ?? 1;
    let mean = 0;
    for (let i = 0; i < data.n; i++) mean += t[i] as number;
    mean /= data.n;
    let ssRes = 0;
    let ssTot = 0;
    let abs = 0;
    for (let i = 0; i < data.n; i++) {
      const d = (t[i] as number) - (outputs[i] as number);
      ssRes += d * d;
      abs += Math.abs(d);
      ssTot += ((t[i] as number) - mean) ** 2;
    }
    // scikit-learn's r2_score: a constant target scores 1 when predicted exactly, else 0.
    const value = ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
    return { value, predictions: none, extra: { mae: (abs / data.n) * scale, mse: (ssRes / data.n) * scale * scale } };
  },
};

export const reconstruction: LearningTask = {
  id: 'reconstruction',
  metric: METRICS.reconstruction,
  encodeTargets(data, rows, count, nOutputs, out) {
    for (let i = 0; i < count; i++) {
      const r = rows[i] as number;
      out.set(data.x.subarray(r * nOutputs, (r + 1) * nOutputs), i * nOutputs);
    }
  },
  loss: mse,
  score(outputs, data) {
    let ss = 0;
    for (let i = 0; i < data.x.length; i++) ss += ((data.x[i] as number) - (outputs[i] as number)) ** 2;
    return { value: ss / data.x.length, predictions: none };
  },
};

export const LEARNING_TASK_IMPLS: Record<LearningTaskId, LearningTask> = { classification, regression, reconstruction };

/** The spec's learning task. */
export const learningTaskFor = (spec: Pick<SpecBase, 'learningTask'>): LearningTask => LEARNING_TASK_IMPLS[learningTaskOf(spec)];
