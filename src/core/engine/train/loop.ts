import * as tf from '@tensorflow/tfjs-core';
import { CancelledError, DivergenceError } from '../../errors';
import type { EpochMetrics } from '../../kinds/types';
import { createRng, type Rng } from '../../rng';
import type { TrainingSpec } from '../../spec/sections';
import { trainableVariables, type Network } from '../model/network';
import { classification, type LearningTask } from '../task';
import { learningRateAt } from '../../spec/sections';
import { copyBatchRows } from './batchRows';
import { fusedTrainer } from './fused';
import type { HeldMasks } from './fusedMath';
import { createOptimizer, setLearningRate } from './optimizers';

export type { EpochMetrics } from '../../kinds/types';

/** Rows as a row-major Float32Array with their targets (class labels for classification). */
export interface Rows {
  x: Float32Array;
  y: Int32Array;
  n: number;
  /** Regression: the target per row, standardised with `tScale` (fitted on the training rows). */
  t?: Float32Array;
  tScale?: { mean: number; std: number };
}

export interface TrainOptions {
  training: TrainingSpec;
  l1: number;
  l2: number;
  seed: number;
  /** The task (loss, targets); classification when absent. */
  task?: LearningTask;
  /** Held-out rows, evaluated once per epoch for the curves (never used to choose anything). */
  val?: Rows;
  /** Epoch numbers continue from here (a fine-tuning phase follows the training's epochs). */
  epochOffset?: number;
  /**
   * After each epoch. The fused trainer keeps the weights in its own buffers and writes the
   * network's variables only when something reads them: call `weightsReady()` before reading the
   * network (its weights, a forward pass) in here.
   */
  onEpoch?: (m: EpochMetrics, weightsReady: () => void) => void | Promise<void>;
  /** Polled between mini-batches; when true the loop stops with a CancelledError. */
  isCancelled?: () => boolean;
  /** Runs before optimizer step `step` (0-based, counted across epochs): e.g. a gradual-pruning schedule. */
  beforeStep?: (step: number) => void | Promise<void>;
  /** The steps at which `beforeStep` runs (all when absent): the weights are written out and read back around each run. */
  beforeStepWhen?: (step: number) => boolean;
  /** Pruning masks held after every optimizer step (weight ← weight ⊙ mask), before `afterStep`. */
  holdMasks?: HeldMasks;
  /** Runs right after every optimizer step: e.g. re-applying pruning masks so pruned weights stay zero. */
  afterStep?: () => void;
  /**
   * Rows held out of the training rows for early stopping on validation accuracy (scikit-learn's
   * early_stopping=True): watched instead of the training loss, and the best epoch's weights are restored.
   */
  monitor?: Rows;
  /**
   * 'reference' forces tf.train's autodiff path; by default the fused path runs where it applies
   * (the built-in MLP on WASM or CPU) and gives the same numbers within float tolerance.
   */
  path?: 'auto' | 'reference';
}

export interface TrainResult {
  history: EpochMetrics[];
  /** Which path trained: the fused one (built-in MLP on WASM/CPU) or tf.train's autodiff. */
  path: 'fused' | 'reference';
  stoppedEarly: boolean;
  /** With a monitored validation split: the epoch whose weights were kept, and its validation accuracy. */
  bestEpoch?: number;
  bestScore?: number;
}

export interface Evaluation {
  loss: number;
  /** The task's metric (accuracy, R², reconstruction MSE); the name is kept from when it was accuracy only. */
  accuracy: number;
  predictions: Int32Array;
  /** Further metrics (regression: MAE and MSE in the target's units). */
  extra?: Record<string, number>;
}

/** Loss and metric of the network on `rows`, read back asynchronously (never dataSync: it is wrong on WebGPU here). */
export async function evaluate(net: Network, rows: Rows, task: LearningTask = classification): Promise<Evaluation> {
  const nF = net.nInputs;
  const nC = net.nOutputs;
  const targets = new Float32Array(rows.n * nC);
  const all = Int32Array.from({ length: rows.n }, (_, i) => i);
  task.encodeTargets(rows, all, rows.n, nC, targets);
  const [logits, loss] = tf.tidy(() => {
    const z = net.forward(tf.tensor2d(rows.x, [rows.n, nF]));
    return [z, task.loss(tf.tensor2d(targets, [rows.n, nC]), z)];
  });
  try {
    const [z, l] = await Promise.all([logits.data() as Promise<Float32Array>, loss.data()]);
    const { value, predictions, extra } = task.score(z, rows, nC);
    return { loss: l[0] ?? Number.NaN, accuracy: value, predictions, ...(extra ? { extra } : {}) };
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
export async function train(net: Network, data: Rows, opts: TrainOptions): Promise<TrainResult> {
  const t = opts.training;
  const task = opts.task ?? classification;
  const nF = net.nInputs;
  const nC = net.nOutputs;
  const rng = createRng(opts.seed);
  const order = Int32Array.from({ length: data.n }, (_, i) => i);
  const batch = Math.min(t.batchSize, data.n);
  const xBuf = new Float32Array(batch * nF);
  const yBuf = new Float32Array(batch * nC);
  const vars = trainableVariables(net);
  const kernels = net.weightLayers.map((l) => l.kernel);
  const dropout = net.dropoutLayers();
  const fused = opts.path === 'reference' ? null : fusedTrainer(net, task, t, opts.l1, opts.l2, batch);
  const optimizer = fused ? null : createOptimizer(t);
  // The fused trainer scores with its own weights where it can (no variables read back).
  const scoreOn = (rows: Rows): Promise<Evaluation> => {
    if (fused?.evaluate) return fused.evaluate(rows);
    fused?.sync();
    return evaluate(net, rows, task);
  };
  // The variables are written from the fused trainer's buffers only when something reads them
  // (measured: writing them after every epoch was 7 % of a breast-cancer CV).
  const weightsReady = () => fused?.sync();
  // The fused trainer holds the masks on its own buffer where it can (no write-out and read-back per step).
  const masksHeld = fused !== null && opts.holdMasks !== undefined && fused.holdMasks(opts.holdMasks);
  const history: EpochMetrics[] = [];
  const offset = opts.epochOffset ?? 0;
  let best = Infinity;
  let noImprovement = 0;
  let stoppedEarly = false;
  let lossSum: tf.Scalar | null = null;
  let step = 0;
  // Early stopping on a validation split keeps the best epoch's weights (sklearn's best_coefs_).
  let bestScore = -Infinity;
  let bestEpoch = 0;
  let bestWeights: tf.Tensor[] | null = null;
  const watchValidation = t.earlyStopping.enabled && opts.monitor !== undefined;
  try {
    for (let epoch = 1; epoch <= t.epochs; epoch++) {
      if (t.schedule) {
        const lr = learningRateAt(t, epoch, t.epochs);
        if (optimizer) setLearningRate(optimizer, lr);
        fused?.setLearningRate(lr);
      }
      rng.shuffle(order);
      lossSum = fused ? null : tf.scalar(0);
      let fusedSum = 0;
      for (let start = 0; start < data.n; start += batch) {
        if (opts.isCancelled?.()) throw new CancelledError();
        if (opts.beforeStep && (opts.beforeStepWhen?.(step) ?? true)) {
          fused?.sync();
          await opts.beforeStep(step);
          fused?.refresh();
        }
        const rows = order.subarray(start, Math.min(start + batch, data.n));
        const bs = rows.length;
        // The fused trainer on the heap gathers the rows into its own input (one copy, not two).
        const direct = fused?.loadRows !== undefined;
        if (fused?.loadRows) fused.loadRows(data.x, rows);
        else copyBatchRows(data.x, rows, nF, xBuf);
        task.encodeTargets(data, rows, bs, nC, yBuf);
        const masks = dropout.map((d) => (d.rate > 0 ? dropoutMask(rng, bs, d.units, d.rate) : null));
        if (fused) {
          fusedSum += await fused.step(direct ? null : xBuf, yBuf, bs, masks);
          if (opts.afterStep || (opts.holdMasks && !masksHeld)) {
            fused.sync();
            if (!masksHeld) opts.holdMasks?.apply();
            opts.afterStep?.();
            fused.refresh();
          }
          step++;
          continue;
        }
        const opt = optimizer as tf.Optimizer;
        const sumSoFar = lossSum as tf.Scalar;
        const next = tf.tidy(() => {
          const xb = tf.tensor2d(xBuf.subarray(0, bs * nF), [bs, nF]);
          const yb = tf.tensor2d(yBuf.subarray(0, bs * nC), [bs, nC]);
          const maskTensors = masks.map((m) => (m ? tf.tensor2d(m, [bs, m.length / bs]) : null));
          const cost = opt.minimize(
            () => {
              let loss = task.loss(yb, net.forward(xb, maskTensors));
              for (const k of kernels) {
                if (opts.l2 > 0) loss = tf.add(loss, tf.mul(opts.l2, tf.sum(tf.square(k))));
                if (opts.l1 > 0) loss = tf.add(loss, tf.mul(opts.l1, tf.sum(tf.abs(k))));
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
        opts.holdMasks?.apply();
        opts.afterStep?.();
        step++;
      }
      const sum = lossSum ? ((await lossSum.data())[0] ?? Number.NaN) : fusedSum;
      lossSum?.dispose();
      lossSum = null;
      const loss = sum / data.n;
      if (!Number.isFinite(loss)) throw new DivergenceError(offset + epoch);
      const val = opts.val ? await scoreOn(opts.val) : null;
      const m: EpochMetrics = { epoch: offset + epoch, loss, valLoss: val?.loss ?? null, valAccuracy: val?.accuracy ?? null };
      history.push(m);
      await opts.onEpoch?.(m, weightsReady);
      if (watchValidation && opts.monitor) {
        // sklearn: a score below best + tol counts as no improvement; a better one is kept whatever the tol.
        // Oriented so that higher is better (a reconstruction error is negated).
        const raw = (await scoreOn(opts.monitor)).accuracy;
        const score = task.metric.higherIsBetter ? raw : -raw;
        noImprovement = score < bestScore + t.earlyStopping.minDelta ? noImprovement + 1 : 0;
        if (score > bestScore) {
          bestScore = score;
          bestEpoch = offset + epoch;
          bestWeights?.forEach((w) => w.dispose());
          weightsReady();
          bestWeights = vars.map((v) => tf.clone(v));
        }
        if (noImprovement > t.earlyStopping.patience) {
          stoppedEarly = true;
          break;
        }
      } else if (t.earlyStopping.enabled) {
        noImprovement = loss > best - t.earlyStopping.minDelta ? noImprovement + 1 : 0;
        best = Math.min(best, loss);
        if (noImprovement > t.earlyStopping.patience) {
          stoppedEarly = true;
          break;
        }
      }
    }
    weightsReady();
    const kept = bestWeights as tf.Tensor[] | null;
    if (kept) tf.tidy(() => vars.forEach((v, i) => v.assign(kept[i] as tf.Tensor)));
  } finally {
    lossSum?.dispose();
    optimizer?.dispose();
    fused?.dispose();
    (bestWeights as tf.Tensor[] | null)?.forEach((w) => w.dispose());
  }
  const path = fused ? 'fused' : 'reference';
  return watchValidation ? { history, path, stoppedEarly, bestEpoch, bestScore: task.metric.higherIsBetter ? bestScore : -bestScore } : { history, path, stoppedEarly };
}


function dropoutMask(rng: Rng, rows: number, units: number, rate: number): Float32Array {
  const keep = 1 / (1 - rate);
  const out = new Float32Array(rows * units);
  for (let i = 0; i < out.length; i++) out[i] = rng.next() >= rate ? keep : 0;
  return out;
}
