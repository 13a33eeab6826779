import * as tf from '@tensorflow/tfjs-core';
import type { Activation, TrainingSpec } from '../../spec/sections';
import { activate } from '../model/dense';
import { MlpNet } from '../model/mlp';
import type { Network } from '../model/network';
import type { LearningTask } from '../task';
import { HeapMlp } from './fusedHeap';
import { FlatParams } from './flatParams';
import { applyMasks, columnSums, lossAndGradient, penalise, type FusedTrainer } from './fusedMath';
import { WasmHeap } from './wasmHeap';

export { lossAndGradient, type FusedTrainer } from './fusedMath';

/** Backends whose read-backs are synchronous memory copies: the fused path pays off there. */
const CPU_BACKENDS = new Set(['wasm', 'cpu']);

/**
 * The fused trainer for `net` taking up to `rows` rows a step, or null where the reference path
 * must run (another model kind, a GPU backend). On WASM the step runs in the backend's heap.
 */
export function fusedTrainer(net: Network, task: LearningTask, t: TrainingSpec, l1: number, l2: number, rows: number = t.batchSize): FusedTrainer | null {
  if (!(net instanceof MlpNet) || !CPU_BACKENDS.has(tf.getBackend())) return null;
  const layers = net.layers;
  const last = layers[layers.length - 1];
  if (!last || last.activation !== 'linear' || last.dropout > 0) return null;
  const heap = WasmHeap.open();
  return heap ? new HeapMlp(heap, net, task, t, l1, l2, rows) : new FusedMlp(net, task, t, l1, l2, rows);
}

/** The fused step on TF.js ops (the CPU backend; WASM when its heap cannot be reached). Writes the variables every step. */
class FusedMlp extends FlatParams implements FusedTrainer {
  readonly kind = 'tensor';
  private readonly w: Float32Array;
  private readonly g: Float32Array;
  private readonly dz: Float32Array;

  constructor(net: MlpNet, task: LearningTask, t: TrainingSpec, l1: number, l2: number, rows: number) {
    super(net, task, t, l1, l2);
    this.w = new Float32Array(this.size);
    this.g = new Float32Array(this.size);
    this.dz = new Float32Array(Math.min(rows, 1 << 20) * net.nOutputs);
  }

  /** Nothing to do: every step writes the variables. */
  sync(): void {}

  dispose(): void {}

  private async pull(): Promise<void> {
    for (const [i, v] of this.vars.entries()) this.w.set((await v.data()) as Float32Array, this.offsets[i]);
    this.stale = false;
  }

  async step(x: Float32Array | null, targets: Float32Array, bs: number, masks: readonly (Float32Array | null)[]): Promise<number> {
    if (!x) throw new Error('This trainer takes its batch rows with each step.');
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
      if (this.held) applyMasks(this.w, this.held.masks, this.held.offsets);
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

  private regularise(): number {
    return penalise(this.w, this.g, this.kernels, this.l1, this.l2);
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

