import type * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../../spec/sections';
import type { LearningTask } from '../task';
import type { Evaluation, Rows } from './loop';

/**
 * The fused training step for the built-in MLP (and autoencoder) on the WASM and CPU backends.
 *
 * The reference path (tf.train's `minimize`) records an autodiff tape and lets each parameter's
 * optimizer run ~12 small kernels; its weight gradients Xᵀ·dZ and dZ·Wᵀ are transposed matrix
 * products, which the WASM backend runs on a generic loop 10–15× slower than XNNPACK's.
 * The fused step writes the backward pass by hand: every product is an untransposed one (the
 * transposes are explicit and cheap), the loss and its gradient are computed in JS, and one
 * optimizer loop updates every parameter held in a single flat buffer. Two implementations:
 * - heap (WASM): the whole step works on buffers in the backend's heap (`fusedHeap.ts`);
 * - tensor (CPU, or WASM whose internals are not as expected): TF.js ops (`fused.ts`).
 * Both compute the same function as the reference path (a test holds them equal within float
 * tolerance on the same seed).
 */
/**
 * Pruning masks held during training (torch.nn.utils.prune's semantics: after every optimizer
 * step, weight ← weight ⊙ mask). `masks` is read at every step: a gradual schedule replaces it.
 */
export interface HeldMasks {
  readonly slots: readonly { readonly variable: tf.Variable }[];
  readonly masks: readonly Uint8Array[];
  /** Applies the masks to the variables (the reference path's way). */
  apply(): void;
}

export interface FusedTrainer {
  readonly kind: 'heap' | 'tensor';
  /** One mini-batch step on x's rows (null: the rows `loadRows` put in the trainer's input): resolves with the batch's mean loss (with the L1/L2 terms) times its size. */
  step(x: Float32Array | null, targets: Float32Array, bs: number, masks: readonly (Float32Array | null)[]): Promise<number>;
  /** Puts rows `rows` of the training matrix x straight into the trainer's input for the next step (then given x = null). */
  loadRows?(x: Float32Array, rows: Int32Array): void;
  /**
   * Holds `held` itself after every step (on its own weight buffer), so the variables need not be
   * written and read around each step. False when a masked variable is not one of its parameters.
   */
  holdMasks(held: HeldMasks): boolean;
  /** The loss and metric on `rows` with the trainer's current weights (as `evaluate` on the network), where it can compute them itself. */
  evaluate?(rows: Rows): Promise<Evaluation>;
  /** Writes the trainer's weights into the network's variables (before anything else reads them). */
  sync(): void;
  /** The variables were changed outside (a hook re-applied pruning masks): they are read again before the next step. */
  refresh(): void;
  setLearningRate(lr: number): void;
  dispose(): void;
}

/** Where each held mask's variable starts in a flat parameter buffer, or null when one is not there. */
export function maskOffsets(held: HeldMasks, vars: readonly tf.Variable[], offsets: readonly number[]): number[] | null {
  const out: number[] = [];
  for (const s of held.slots) {
    const i = vars.indexOf(s.variable);
    if (i < 0) return null;
    out.push(offsets[i] as number);
  }
  return out;
}

/** w[offset + k] ← 0 wherever mask[k] is 0, for each held mask. */
export function applyMasks(w: Float32Array, held: HeldMasks, offsets: readonly number[]): void {
  held.masks.forEach((mask, j) => {
    const o = offsets[j] as number;
    for (let k = 0; k < mask.length; k++) if (mask[k] === 0) w[o + k] = 0;
  });
}

/** Kernel ranges [start, end) in a flat parameter buffer: the tensors L1/L2 apply to (not the biases). */
export type Ranges = readonly (readonly [number, number])[];

/** Adds the L1/L2 penalties' gradients on the kernels to `g` and returns the penalties' value. */
export function penalise(w: Float32Array, g: Float32Array, kernels: Ranges, l1: number, l2: number): number {
  if (l1 <= 0 && l2 <= 0) return 0;
  let penalty = 0;
  for (const [start, end] of kernels) {
    let sq = 0;
    let abs = 0;
    for (let k = start; k < end; k++) {
      const wk = w[k] as number;
      sq += wk * wk;
      abs += Math.abs(wk);
      g[k] = (g[k] as number) + 2 * l2 * wk + l1 * Math.sign(wk);
    }
    penalty += l2 * sq + l1 * abs;
  }
  return penalty;
}


/** a ← act(a) in place for the activations computed in JS (tanh; sigmoid and elu where the product does not fuse them), as tf defines them. Relu and linear are the products' own. */
export function activateInPlace(a: Float32Array, act: 'tanh' | 'sigmoid' | 'elu'): void {
  switch (act) {
    case 'tanh':
      for (let k = 0; k < a.length; k++) a[k] = Math.tanh(a[k] as number);
      return;
    case 'sigmoid':
      for (let k = 0; k < a.length; k++) a[k] = 1 / (1 + Math.exp(-(a[k] as number)));
      return;
    case 'elu':
      for (let k = 0; k < a.length; k++) {
        const z = a[k] as number;
        if (z < 0) a[k] = Math.expm1(z);
      }
      return;
  }
}

/**
 * out = dh ⊙ mask ⊙ act′ (dh is overwritten with dh ⊙ mask), the gradient at a layer's pre-activation from the gradient at its
 * output, with act′ from the activation's output a as tf's gradients define it (relu: 1 where
 * a > 0; elu: 1 where a ≥ 0, else a + 1; tanh 1 − a²; sigmoid a(1 − a)).
 */
export function activationBackward(dh: Float32Array, a: Float32Array, mask: Float32Array | null, act: Activation, out: Float32Array, count: number): void {
  if (mask) for (let k = 0; k < count; k++) dh[k] = (dh[k] as number) * (mask[k] as number);
  // One loop per activation, so each stays a tight loop.
  switch (act) {
    case 'relu':
      for (let k = 0; k < count; k++) out[k] = (a[k] as number) > 0 ? (dh[k] as number) : 0;
      return;
    case 'linear':
      out.set(dh.subarray(0, count));
      return;
    case 'tanh':
      for (let k = 0; k < count; k++) {
        const ak = a[k] as number;
        out[k] = (dh[k] as number) * (1 - ak * ak);
      }
      return;
    case 'sigmoid':
      for (let k = 0; k < count; k++) {
        const ak = a[k] as number;
        out[k] = (dh[k] as number) * ak * (1 - ak);
      }
      return;
    case 'elu':
      for (let k = 0; k < count; k++) {
        const ak = a[k] as number;
        out[k] = ak >= 0 ? (dh[k] as number) : (dh[k] as number) * (ak + 1);
      }
      return;
  }
}


/** out[offset + c] = Σ_r src[r·cols + c]. */
export function columnSums(src: Float32Array, rows: number, cols: number, out: Float32Array, offset: number): void {
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += src[r * cols + c] as number;
    out[offset + c] = sum;
  }
}

/**
 * The task's mean loss over the batch, and its gradient with respect to the outputs written into
 * `grad`: softmax cross-entropy ((softmax − y) / batch) or the mean squared error (2·(out − y) / count).
 */
export function lossAndGradient(task: LearningTask, out: Float32Array, y: Float32Array, bs: number, nC: number, grad: Float32Array): number {
  let loss = 0;
  if (task.id === 'classification') {
    // Each exponential once: grad holds e^(o − max) until the row's sum is known.
    for (let r = 0; r < bs; r++) {
      const o = r * nC;
      let max = -Infinity;
      for (let c = 0; c < nC; c++) max = Math.max(max, out[o + c] as number);
      let sum = 0;
      for (let c = 0; c < nC; c++) {
        const e = Math.exp((out[o + c] as number) - max);
        grad[o + c] = e;
        sum += e;
      }
      const logSum = Math.log(sum) + max;
      for (let c = 0; c < nC; c++) {
        const yc = y[o + c] as number;
        if (yc !== 0) loss -= yc * ((out[o + c] as number) - logSum);
        grad[o + c] = ((grad[o + c] as number) / sum - yc) / bs;
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

/**
 * Softmax cross-entropy and its gradient from the softmax already taken (`p`, e.g. by the WASM
 * backend's vectorised kernel) and the logits `out`: the same values as `lossAndGradient`'s
 * classification branch without an exponential in JS. Per row, log p_c = o_c − logΣ with
 * logΣ = o_max − log p_max (p_max ≥ 1/nC, so its log is always finite); grad = (p − y) / bs.
 * `grad` may be `p` itself (each row's p_max is read before the row is overwritten).
 */
export function softmaxCrossEntropy(p: Float32Array, out: Float32Array, y: Float32Array, bs: number, nC: number, grad: Float32Array): number {
  let loss = 0;
  for (let r = 0; r < bs; r++) {
    const o = r * nC;
    let top = o;
    for (let c = o + 1; c < o + nC; c++) if ((out[c] as number) > (out[top] as number)) top = c;
    const logSum = (out[top] as number) - Math.log(p[top] as number);
    for (let c = o; c < o + nC; c++) {
      const yc = y[c] as number;
      if (yc !== 0) loss -= yc * ((out[c] as number) - logSum);
      grad[c] = ((p[c] as number) - yc) / bs;
    }
  }
  return loss / bs;
}
