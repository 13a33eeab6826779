import * as tf from '@tensorflow/tfjs-core';
import type { Activation, TrainingSpec } from '../../spec/sections';
import { activate } from '../model/dense';
import { MlpNet } from '../model/mlp';
import type { Network } from '../model/network';
import type { LearningTask } from '../task';
import { FlatOptimizer } from './flatOptimizer';

/** Backends whose read-backs are synchronous memory copies: the fused path pays off there. */
const CPU_BACKENDS = new Set(['wasm', 'cpu']);

/**
 * The fused training step for the built-in MLP (and autoencoder) on the WASM and CPU backends.
 *
 * The reference path (tf.train's `minimize`) records an autodiff tape and lets each parameter's
 * optimizer run ~12 small kernels; its weight gradients Xᵀ·dZ and dZ·Wᵀ are transposed matrix
 * products, which the WASM backend runs on a generic loop 10–15× slower than XNNPACK's.
 * This path writes the backward pass by hand: every product is an untransposed one (the
 * transposes are explicit and cheap), the loss and its gradient are computed in JS from the
 * read-back outputs, and one optimizer loop updates every parameter held in a single flat
 * buffer, written back to the variables once per step. It computes the same function as the
 * reference path (a test holds them equal within float tolerance on the same seed).
 */
export interface FusedTrainer {
  /** One mini-batch step: resolves with the batch's mean loss (with the L1/L2 terms) times its size. */
  step(x: Float32Array, targets: Float32Array, bs: number, masks: readonly (Float32Array | null)[]): Promise<number>;
  /** The variables were changed outside (a hook re-applied pruning masks): they are read again before the next step. */
  refresh(): void;
  setLearningRate(lr: number): void;
}

/** The fused trainer for `net`, or null where the reference path must run (another model kind, a GPU backend). */
export function fusedTrainer(net: Network, task: LearningTask, t: TrainingSpec, l1: number, l2: number): FusedTrainer | null {
  if (!(net instanceof MlpNet) || !CPU_BACKENDS.has(tf.getBackend())) return null;
  const layers = net.layers;
  const last = layers[layers.length - 1];
  if (!last || last.activation !== 'linear' || last.dropout > 0) return null;
  return new FusedMlp(net, task, t, l1, l2);
}

class FusedMlp implements FusedTrainer {
  private readonly vars: tf.Variable[];
  private readonly offsets: number[] = [];
  private readonly w: Float32Array;
  private readonly g: Float32Array;
  private readonly optimizer: FlatOptimizer;
  private readonly dz: Float32Array;
  /** The variables changed outside this trainer (or it has not read them yet): read them before the next step. */
  private stale = true;

  constructor(
    private readonly net: MlpNet,
    private readonly task: LearningTask,
    t: TrainingSpec,
    private readonly l1: number,
    private readonly l2: number,
  ) {
    this.vars = net.layers.flatMap((l) => [l.kernel, l.bias]);
    let size = 0;
    for (const v of this.vars) {
      this.offsets.push(size);
      size += v.size;
    }
    this.w = new Float32Array(size);
    this.g = new Float32Array(size);
    this.optimizer = new FlatOptimizer(t, size);
    this.dz = new Float32Array(Math.min(t.batchSize, 1 << 20) * net.nOutputs);
  }

  refresh(): void {
    this.stale = true;
  }

  private async pull(): Promise<void> {
    for (const [i, v] of this.vars.entries()) this.w.set((await v.data()) as Float32Array, this.offsets[i]);
    this.stale = false;
  }

  setLearningRate(lr: number): void {
    this.optimizer.learningRate = lr;
  }

  async step(x: Float32Array, targets: Float32Array, bs: number, masks: readonly (Float32Array | null)[]): Promise<number> {
    if (this.stale) await this.pull();
    const layers = this.net.layers;
    const nF = this.net.nInputs;
    const nC = this.net.nOutputs;
    const dz = this.dz.length >= bs * nC ? this.dz : new Float32Array(bs * nC);
    // Tensors that outlive a tidy (read back with await between them) are held here and freed at the end.
    const held: tf.Tensor[] = [];
    const hold = <T extends tf.Tensor>(t: T): T => {
      held.push(t);
      return tf.keep(t);
    };
    try {
      const h: tf.Tensor2D[] = [];
      const a: tf.Tensor2D[] = [];
      const m: (tf.Tensor2D | null)[] = [];
      tf.tidy(() => {
        h.push(hold(tf.tensor2d(x.subarray(0, bs * nF), [bs, nF])));
        layers.forEach((l, i) => {
          const ai = hold(denseActivated(h[i] as tf.Tensor2D, l.kernel as tf.Tensor2D, l.bias as tf.Tensor1D, l.activation));
          const mask = masks[i];
          const mi = mask ? hold(tf.tensor2d(mask, [bs, mask.length / bs])) : null;
          a.push(ai);
          m.push(mi);
          h.push(mi ? hold(tf.mul(ai, mi)) : ai);
        });
      });
      let loss = lossAndGradient(this.task, (await (h[layers.length] as tf.Tensor2D).data()) as Float32Array, targets, bs, nC, dz);
      // dz: the output layer's gradient in JS; each layer's bias gradient is its column sums.
      let dj = dz.subarray(0, bs * nC);
      let d = hold(tf.tensor2d(dj, [bs, nC]));
      for (let i = layers.length - 1; i >= 0; i--) {
        const l = layers[i];
        if (!l) continue;
        const input = h[i] as tf.Tensor2D;
        const upstream = d;
        const dW = hold(tf.tidy(() => tf.matMul(tf.transpose(input), upstream)));
        this.g.set((await dW.data()) as Float32Array, this.offsets[2 * i]);
        columnSums(dj, bs, l.bias.size, this.g, this.offsets[2 * i + 1] as number);
        if (i === 0) break;
        const below = m[i - 1];
        const act = layers[i - 1]?.activation ?? 'linear';
        const aBelow = a[i - 1] as tf.Tensor2D;
        d = hold(
          tf.tidy(() => {
            const dh = tf.matMul(upstream, tf.transpose(l.kernel)) as tf.Tensor2D;
            return activationGradient(below ? tf.mul(dh, below) : dh, aBelow, act);
          }),
        );
        dj = (await d.data()) as Float32Array;
      }
      loss += this.regularise();
      this.optimizer.step(this.w, this.g);
      this.push();
      return loss * bs;
    } finally {
      for (const t of held) t.dispose();
    }
  }

  /** Writes the updated weights into the variables (WASM copies into its heap; the CPU backend keeps the array, so it gets its own). */
  private push(): void {
    const copy = tf.getBackend() === 'cpu';
    this.vars.forEach((v, i) => {
      const start = this.offsets[i] as number;
      const view = this.w.subarray(start, start + v.size);
      const value = tf.tensor(copy ? view.slice() : view, v.shape);
      v.assign(value);
      value.dispose();
    });
  }

  /** Adds the L1/L2 penalties' gradients on the kernels (not the biases) and returns their value. */
  private regularise(): number {
    if (this.l1 <= 0 && this.l2 <= 0) return 0;
    let penalty = 0;
    for (let i = 0; i < this.vars.length; i += 2) {
      const start = this.offsets[i] as number;
      const end = start + (this.vars[i] as tf.Variable).size;
      let sq = 0;
      let abs = 0;
      for (let k = start; k < end; k++) {
        const wk = this.w[k] as number;
        sq += wk * wk;
        abs += Math.abs(wk);
        this.g[k] = (this.g[k] as number) + 2 * this.l2 * wk + this.l1 * Math.sign(wk);
      }
      penalty += this.l2 * sq + this.l1 * abs;
    }
    return penalty;
  }
}

/**
 * act(h·W + b). (Not tf.fused.matMul: WASM's fused kernel checks the bias's buffer shape, which a
 * bias sliced out of a reshaped tensor by structural pruning does not keep.)
 */
const denseActivated = (h: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, act: Activation): tf.Tensor2D => activate(tf.add(tf.matMul(h, w), b) as tf.Tensor2D, act);

/** dL/dz from dL/da, as tf's own gradients define them, from the activation's output a (relu: 1 where a > 0, i.e. z > 0; elu: 1 where a ≥ 0, else a + 1). */
function activationGradient(da: tf.Tensor2D, a: tf.Tensor2D, act: Activation): tf.Tensor2D {
  switch (act) {
    case 'relu':
      return tf.mul(da, tf.step(a));
    case 'tanh':
      return tf.mul(da, tf.sub(1, tf.square(a)));
    case 'sigmoid':
      return tf.mul(da, tf.mul(a, tf.sub(1, a)));
    case 'elu':
      return tf.where(tf.greaterEqual(a, 0), da, tf.mul(da, tf.add(a, 1))) as tf.Tensor2D;
    case 'linear':
      return da;
  }
}

/** out[offset + c] = Σ_r src[r·cols + c]. */
function columnSums(src: Float32Array, rows: number, cols: number, out: Float32Array, offset: number): void {
  out.fill(0, offset, offset + cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) out[offset + c] = (out[offset + c] as number) + (src[o + c] as number);
  }
}

/**
 * The task's mean loss over the batch, and its gradient with respect to the outputs written into
 * `grad`: softmax cross-entropy ((softmax − y) / batch) or the mean squared error (2·(out − y) / count).
 */
export function lossAndGradient(task: LearningTask, out: Float32Array, y: Float32Array, bs: number, nC: number, grad: Float32Array): number {
  let loss = 0;
  if (task.id === 'classification') {
    for (let r = 0; r < bs; r++) {
      const o = r * nC;
      let max = -Infinity;
      for (let c = 0; c < nC; c++) max = Math.max(max, out[o + c] as number);
      let sum = 0;
      for (let c = 0; c < nC; c++) sum += Math.exp((out[o + c] as number) - max);
      const logSum = Math.log(sum) + max;
      for (let c = 0; c < nC; c++) {
        const yc = y[o + c] as number;
        const logP = (out[o + c] as number) - logSum;
        loss -= yc * logP;
        grad[o + c] = (Math.exp(logP) - yc) / bs;
      }
    }
    return loss / bs;
  }
  const count = bs * nC;
  for (let k = 0; k < count; k++) {
    const d = (out[k] as number) - (y[k] as number);
    loss += d * d;
    grad[k] = (2 * d) / count;
  }
  return loss / count;
}
