import * as tf from '@tensorflow/tfjs-core';
import type { Criterion } from '../../kinds/structural';
import { denseForward } from '../model/dense';
import type { MlpNet } from '../model/mlp';
import type { Rows } from '../train/loop';
import { batches, hiddenLayerCount } from './units';

/**
 * Per-neuron importance criteria for structural pruning of an MLP's hidden layers.
 *
 * Every criterion returns one score per unit of every hidden layer (never the output layer's
 * units, which are the classes), with one convention: a HIGHER score means MORE important, so
 * selection always removes the lowest scores first.
 *
 * - 'l1' / 'l2': the L1 / L2 norm of the unit's incoming weights, i.e. its kernel column
 *   W[:, j] (Torch-Pruning's and NNI's "L1/L2 norm of the filter" on a dense layer). The bias is
 *   NOT included by default (`includeBias: true` adds |b_j| / b_j² to the norm).
 * - 'mean-activation': the mean post-activation value of the unit over the given rows (NNI's
 *   ActivationMeanRank). For activations with negative outputs (tanh, elu, linear) it is the
 *   signed mean, as defined.
 * - 'apoz': Average Percentage of Zeros (Hu et al. 2016): the fraction of rows on which the
 *   unit's post-activation output is exactly 0. A HIGH APoZ means an unimportant unit, so the
 *   score is 1 − APoZ. It is meaningful after ReLU; other activations are rarely exactly 0, and
 *   then every unit ties at 1 (ties fall back to the lower index).
 * - 'taylor': first-order Taylor expansion (Molchanov et al. 2017):
 *   |(1/N) Σ_n a_nj · ∂ℓ_n/∂a_nj| where a is the post-activation output, ℓ_n the softmax
 *   cross-entropy of row n (no penalties, no dropout) and the mean is over all N rows, computed
 *   in batches. The per-row products are obtained exactly, in one backward pass per batch, as the
 *   gradient of the summed loss with respect to a gate g_j = 1 that multiplies the unit's output:
 *   ∂(Σ_n ℓ_n)/∂g_j = Σ_n a_nj · ∂ℓ_n/∂a_nj.
 *
 * Data-driven criteria run forward (and for 'taylor', backward) passes without dropout over the
 * rows given, normally the fold's training rows. Every tensor made is disposed; read-backs are
 * asynchronous (data()), never dataSync.
 */
export { STRUCTURAL_CRITERIA as CRITERIA, type Criterion } from '../../kinds/structural';

/** One Float32Array per hidden layer, one entry per unit; higher = more important. */
export type UnitScores = Float32Array[];

export interface ScoreOptions {
  /** Rows for the data-driven criteria (ignored by 'l1' and 'l2'). */
  rows?: Rows;
  /** Rows per forward/backward pass (default 256). */
  batchSize?: number;
  /** 'l1' / 'l2' only: add the unit's bias to its incoming-weight norm (default false). */
  includeBias?: boolean;
}

export const needsRows = (c: Criterion): boolean => c !== 'l1' && c !== 'l2';

export async function scoreUnits(mlp: MlpNet, criterion: Criterion, opts: ScoreOptions = {}): Promise<UnitScores> {
  switch (criterion) {
    case 'l1':
    case 'l2':
      return weightNorms(mlp, criterion, opts.includeBias ?? false);
    case 'mean-activation':
      return (await activationStatistics(mlp, requireRows(opts, criterion), opts.batchSize)).mean;
    case 'apoz':
      return (await activationStatistics(mlp, requireRows(opts, criterion), opts.batchSize)).apoz.map((a) => a.map((v) => 1 - v));
    case 'taylor':
      return taylorScores(mlp, requireRows(opts, criterion), opts.batchSize);
  }
}

function requireRows(opts: ScoreOptions, criterion: Criterion): Rows {
  if (!opts.rows || opts.rows.n === 0) throw new Error(`The '${criterion}' criterion needs rows to run the network on.`);
  return opts.rows;
}

/** L1 or L2 norm of every hidden unit's incoming weights (kernel column), optionally with its bias. */
export async function weightNorms(mlp: MlpNet, norm: 'l1' | 'l2', includeBias = false): Promise<UnitScores> {
  const hidden = mlp.layers.slice(0, hiddenLayerCount(mlp));
  const norms = tf.tidy(() =>
    hidden.map((l) => {
      const k = norm === 'l1' ? tf.sum(tf.abs(l.kernel), 0) : tf.sum(tf.square(l.kernel), 0);
      const b = norm === 'l1' ? tf.abs(l.bias) : tf.square(l.bias);
      const total = includeBias ? tf.add(k, b) : k;
      return norm === 'l1' ? total : tf.sqrt(total);
    }),
  );
  try {
    return (await Promise.all(norms.map((t) => t.data()))).map((d) => Float32Array.from(d));
  } finally {
    norms.forEach((t) => t.dispose());
  }
}

export interface ActivationStatistics {
  /** Mean post-activation value per unit. */
  mean: UnitScores;
  /** Fraction of rows on which the unit's post-activation output is exactly zero (raw APoZ, higher = less important). */
  apoz: UnitScores;
}

const rowsTensor = (mlp: MlpNet, rows: Rows, start: number, end: number): tf.Tensor2D =>
  tf.tensor2d(rows.x.subarray(start * mlp.nInputs, end * mlp.nInputs), [end - start, mlp.nInputs]);

/** Mean activation and APoZ of every hidden unit over `rows`, in batches, sums kept on the device. */
export async function activationStatistics(mlp: MlpNet, rows: Rows, batchSize = 256): Promise<ActivationStatistics> {
  const nHidden = hiddenLayerCount(mlp);
  let sums: tf.Tensor[] = [];
  let zeros: tf.Tensor[] = [];
  try {
    sums = mlp.layers.slice(0, nHidden).map((l) => tf.zeros([l.kernel.shape[1] ?? 0]));
    zeros = sums.map((s) => tf.zerosLike(s));
    for (const { start, end } of batches(rows, batchSize)) {
      const [s, z] = tf.tidy(() => {
        let h = rowsTensor(mlp, rows, start, end);
        const newSums: tf.Tensor[] = [];
        const newZeros: tf.Tensor[] = [];
        for (let i = 0; i < nHidden; i++) {
          const layer = mlp.layers[i];
          if (!layer) break;
          h = denseForward(layer, h);
          newSums.push(tf.add(sums[i] as tf.Tensor, tf.sum(h, 0)));
          newZeros.push(tf.add(zeros[i] as tf.Tensor, tf.sum(tf.cast(tf.equal(h, 0), 'float32'), 0)));
        }
        return [newSums, newZeros];
      });
      sums.forEach((t) => t.dispose());
      zeros.forEach((t) => t.dispose());
      sums = s;
      zeros = z;
    }
    const [s, z] = await Promise.all([Promise.all(sums.map((t) => t.data())), Promise.all(zeros.map((t) => t.data()))]);
    return { mean: s.map((d) => Float32Array.from(d, (v) => v / rows.n)), apoz: z.map((d) => Float32Array.from(d, (v) => v / rows.n)) };
  } finally {
    sums.forEach((t) => t.dispose());
    zeros.forEach((t) => t.dispose());
  }
}

/** First-order Taylor importance |mean_n a_nj · ∂ℓ_n/∂a_nj| of every hidden unit (see the module comment). */
export async function taylorScores(mlp: MlpNet, rows: Rows, batchSize = 256): Promise<UnitScores> {
  const nHidden = hiddenLayerCount(mlp);
  let gates: tf.Tensor[] = [];
  let acc: tf.Tensor[] = [];
  try {
    gates = mlp.layers.slice(0, nHidden).map((l) => tf.ones([l.kernel.shape[1] ?? 0]));
    acc = gates.map((g) => tf.zerosLike(g));
    for (const { start, end } of batches(rows, batchSize)) {
      const next = tf.tidy(() => {
        const x = rowsTensor(mlp, rows, start, end);
        const y = tf.oneHot(tf.tensor1d(rows.y.subarray(start, end), 'int32'), mlp.nOutputs, 1, 0, 'float32');
        const summedLoss = (...g: tf.Tensor[]): tf.Scalar => {
          let h = x;
          mlp.layers.forEach((l, i) => {
            h = denseForward(l, h);
            const gate = g[i];
            if (i < nHidden && gate) h = tf.mul(h, gate);
          });
          return tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(h)))) as tf.Scalar;
        };
        return tf.grads(summedLoss)(gates).map((d, i) => tf.add(acc[i] as tf.Tensor, d));
      });
      acc.forEach((t) => t.dispose());
      acc = next;
    }
    const sums = await Promise.all(acc.map((t) => t.data()));
    return sums.map((d) => Float32Array.from(d, (v) => Math.abs(v / rows.n)));
  } finally {
    gates.forEach((t) => t.dispose());
    acc.forEach((t) => t.dispose());
  }
}
