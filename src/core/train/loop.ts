import * as tf from '@tensorflow/tfjs';
import { accuracy, argmaxRows } from '../metrics';
import { forward, trainableVariables, type Mlp } from '../model/mlp';
import { createRng } from '../rng';
import type { TrainingSpec } from '../spec/schema';
import { CancelledError, DivergenceError } from './errors';
import { createOptimizer } from './optimizers';

/** Rows as a row-major Float32Array with class labels. */
export interface Rows {
  x: Float32Array;
  y: Int32Array;
  n: number;
}

export interface EpochMetrics {
  epoch: number;
  /** Mean training loss over the epoch's mini-batches (cross-entropy + penalties). */
  loss: number;
  /** Cross-entropy and accuracy on the held-out rows at the end of the epoch. */
  valLoss: number | null;
  valAccuracy: number | null;
}

export interface TrainOptions {
  training: TrainingSpec;
  l1: number;
  l2: number;
  seed: number;
  /** Held-out rows, evaluated once per epoch for the curves (never used to choose anything). */
  val?: Rows;
  onEpoch?: (m: EpochMetrics) => void | Promise<void>;
  /** Polled between mini-batches; when true the loop stops with a CancelledError. */
  isCancelled?: () => boolean;
  /** Runs before optimizer step `step` (0-based, counted across epochs): e.g. a gradual-pruning schedule. */
  beforeStep?: (step: number) => void | Promise<void>;
  /** Runs right after every optimizer step: e.g. re-applying pruning masks so pruned weights stay zero. */
  afterStep?: () => void;
}

export interface TrainResult {
  history: EpochMetrics[];
  stoppedEarly: boolean;
}

function oneHot(labels: Int32Array, rows: ArrayLike<number>, count: number, nClasses: number, out: Float32Array): void {
  out.fill(0, 0, count * nClasses);
  for (let i = 0; i < count; i++) out[i * nClasses + (labels[rows[i] ?? 0] ?? 0)] = 1;
}

/** Loss and accuracy of the network on `rows`, read back asynchronously. */
export async function evaluate(mlp: Mlp, rows: Rows): Promise<{ loss: number; accuracy: number; predictions: Int32Array }> {
  const nF = mlp.nInputs;
  const nC = mlp.nClasses;
  const targets = new Float32Array(rows.n * nC);
  oneHot(rows.y, Int32Array.from({ length: rows.n }, (_, i) => i), rows.n, nC, targets);
  const [logits, loss] = tf.tidy(() => {
    const z = forward(mlp, tf.tensor2d(rows.x, [rows.n, nF]));
    return [z, tf.losses.softmaxCrossEntropy(tf.tensor2d(targets, [rows.n, nC]), z)];
  });
  try {
    const [z, l] = await Promise.all([logits.data(), loss.data()]);
    const predictions = argmaxRows(z, nC);
    return { loss: l[0] ?? Number.NaN, accuracy: accuracy(predictions, rows.y), predictions };
  } finally {
    logits.dispose();
    loss.dispose();
  }
}

/**
 * The training loop (not model.fit, whose shuffling is unseeded): seeded per-epoch
 * shuffles, mini-batches built in JS and uploaded, inverted dropout with seeded masks, one
 * loss read-back per epoch. Early stopping follows scikit-learn's MLPClassifier rule on the
 * training loss (n_iter_no_change = patience, tol = minDelta).
 */
export async function train(mlp: Mlp, data: Rows, opts: TrainOptions): Promise<TrainResult> {
  const t = opts.training;
  const nF = mlp.nInputs;
  const nC = mlp.nClasses;
  const rng = createRng(opts.seed);
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  const batch = Math.min(t.batchSize, data.n);
  const xBuf = new Float32Array(batch * nF);
  const yBuf = new Float32Array(batch * nC);
  const vars = trainableVariables(mlp);
  const optimizer = createOptimizer(t);
  const history: EpochMetrics[] = [];
  let best = Infinity;
  let noImprovement = 0;
  let stoppedEarly = false;
  let lossSum: tf.Scalar | null = null;
  let step = 0;
  try {
    for (let epoch = 1; epoch <= t.epochs; epoch++) {
      rng.shuffle(order);
      lossSum = tf.scalar(0);
      for (let start = 0; start < data.n; start += batch) {
        if (opts.isCancelled?.()) throw new CancelledError();
        if (opts.beforeStep) await opts.beforeStep(step);
        const rows = order.subarray(start, Math.min(start + batch, data.n));
        const bs = rows.length;
        for (let i = 0; i < bs; i++) xBuf.set(data.x.subarray((rows[i] ?? 0) * nF, ((rows[i] ?? 0) + 1) * nF), i * nF);
        oneHot(data.y, rows, bs, nC, yBuf);
        const masks = mlp.layers.map((l) => (l.dropout > 0 ? dropoutMask(rng, bs, l.kernel.shape[1] ?? 0, l.dropout) : null));
        const sumSoFar: tf.Scalar = lossSum;
        const next = tf.tidy(() => {
          const xb = tf.tensor2d(xBuf.subarray(0, bs * nF), [bs, nF]);
          const yb = tf.tensor2d(yBuf.subarray(0, bs * nC), [bs, nC]);
          const maskTensors = masks.map((m) => (m ? tf.tensor2d(m, [bs, m.length / bs]) : null));
          const cost = optimizer.minimize(
            () => {
              let loss = tf.losses.softmaxCrossEntropy(yb, forward(mlp, xb, maskTensors)) as tf.Scalar;
              for (const l of [...(mlp.convs ?? []), ...mlp.layers]) {
                if (opts.l2 > 0) loss = tf.add(loss, tf.mul(opts.l2, tf.sum(tf.square(l.kernel))));
                if (opts.l1 > 0) loss = tf.add(loss, tf.mul(opts.l1, tf.sum(tf.abs(l.kernel))));
              }
              return loss;
            },
            true,
            vars,
          );
          return tf.add(sumSoFar, tf.mul(cost ?? tf.scalar(Number.NaN), bs)) as tf.Scalar;
        });
        sumSoFar.dispose();
        lossSum = next;
        opts.afterStep?.();
        step++;
      }
      const sum = (await lossSum.data())[0] ?? Number.NaN;
      lossSum.dispose();
      const loss = sum / data.n;
      if (!Number.isFinite(loss)) throw new DivergenceError(epoch);
      const val = opts.val ? await evaluate(mlp, opts.val) : null;
      const m: EpochMetrics = { epoch, loss, valLoss: val?.loss ?? null, valAccuracy: val?.accuracy ?? null };
      history.push(m);
      await opts.onEpoch?.(m);
      if (t.earlyStopping.enabled) {
        noImprovement = loss > best - t.earlyStopping.minDelta ? noImprovement + 1 : 0;
        best = Math.min(best, loss);
        if (noImprovement > t.earlyStopping.patience) {
          stoppedEarly = true;
          break;
        }
      }
    }
  } finally {
    lossSum?.dispose();
    optimizer.dispose();
  }
  return { history, stoppedEarly };
}

function dropoutMask(rng: ReturnType<typeof createRng>, rows: number, units: number, rate: number): Float32Array {
  const keep = 1 / (1 - rate);
  return Float32Array.from({ length: rows * units }, () => (rng.next() >= rate ? keep : 0));
}
