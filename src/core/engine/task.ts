import * as tf from '@tensorflow/tfjs-core';
import { accuracy, argmaxRows } from '../metrics';

/**
 * A learning task: the targets a network is trained on, its loss and its metric. Classification
 * now (softmax cross-entropy, accuracy); regression (MSE; R², MAE) and reconstruction (an
 * autoencoder's MSE) implement the same interface next.
 */
export interface LearningTask {
  id: 'classification';
  /** The metric results report, e.g. "accuracy". */
  metric: 'accuracy';
  /** What a row's target is: a class index. */
  targetType: 'class';
  /** Writes the training targets of `rows` (count of them) into `out` (count × nOutputs). */
  encodeTargets(y: Int32Array, rows: ArrayLike<number>, count: number, nOutputs: number, out: Float32Array): void;
  /** Mean loss of a batch's logits against its encoded targets. */
  loss(targets: tf.Tensor2D, logits: tf.Tensor2D): tf.Scalar;
  /** The metric of read-back logits against the rows' targets, and the predictions it judged. */
  score(logits: Float32Array, y: Int32Array, nOutputs: number): { value: number; predictions: Int32Array };
}

export const classification: LearningTask = {
  id: 'classification',
  metric: 'accuracy',
  targetType: 'class',
  encodeTargets(y, rows, count, nOutputs, out) {
    out.fill(0, 0, count * nOutputs);
    for (let i = 0; i < count; i++) {
      const row = rows[i] as number;
      const label = y[row];
      if (label === undefined || label < 0 || label >= nOutputs) throw new Error(`Row ${row} has no class label in 0 … ${nOutputs - 1} (got ${label}).`);
      out[i * nOutputs + label] = 1;
    }
  },
  loss: (targets, logits) => tf.losses.softmaxCrossEntropy(targets, logits) as tf.Scalar,
  score(logits, y, nOutputs) {
    const predictions = argmaxRows(logits, nOutputs);
    return { value: accuracy(predictions, y), predictions };
  },
};
