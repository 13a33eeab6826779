import * as tf from '@tensorflow/tfjs';
import type { Mlp } from '../model/mlp';
import type { LayerWeights } from './accounting';
import type { Mask, PrunableTensor } from './types';

/** Which parameters pruning may touch. Default: every kernel, the output layer's included; biases kept. */
export interface PruneScope {
  biases: boolean;
  outputLayer: boolean;
}

export interface Slot {
  name: string;
  layer: number;
  part: 'kernel' | 'bias';
  variable: tf.Variable;
}

export function prunableSlots(mlp: Mlp, scope: PruneScope): Slot[] {
  const last = mlp.layers.length - 1;
  const convs = (mlp.convs ?? []).flatMap((c, i): Slot[] => {
    const slots: Slot[] = [{ name: `conv_${i + 1}/kernel`, layer: -1 - i, part: 'kernel', variable: c.kernel }];
    if (scope.biases) slots.push({ name: `conv_${i + 1}/bias`, layer: -1 - i, part: 'bias', variable: c.bias });
    return slots;
  });
  return convs.concat(mlp.layers.flatMap((l, i) => {
    if (i === last && !scope.outputLayer) return [];
    const name = i === last ? 'output' : `dense_${i + 1}`;
    const slots: Slot[] = [{ name: `${name}/kernel`, layer: i, part: 'kernel', variable: l.kernel }];
    if (scope.biases) slots.push({ name: `${name}/bias`, layer: i, part: 'bias', variable: l.bias });
    return slots;
  }));
}

/** Current values of the slots, read back asynchronously (never dataSync: it is wrong on WebGPU here). */
export async function readSlots(slots: readonly Slot[]): Promise<PrunableTensor[]> {
  const values = await Promise.all(slots.map((s) => s.variable.data() as Promise<Float32Array>));
  return slots.map((s, i) => ({ name: s.name, shape: s.variable.shape, values: values[i] ?? new Float32Array() }));
}

/**
 * Masks as tensors, re-applied after every optimizer step (w ← w ⊙ m) so that pruned weights stay
 * exactly zero whatever momentum or Adam state would do to them.
 */
export class MaskSet {
  private tensors: tf.Tensor[] = [];
  masks: Mask[] = [];

  constructor(readonly slots: readonly Slot[]) {
    this.masks = slots.map((s) => new Uint8Array(s.variable.size).fill(1));
  }

  /** Installs new masks and zeroes the pruned weights at once. */
  set(masks: readonly Mask[]): void {
    this.dispose();
    this.masks = masks.map((m) => Uint8Array.from(m));
    this.tensors = this.slots.map((s, i) => tf.tensor(Float32Array.from(this.masks[i] ?? []), s.variable.shape));
    this.apply();
  }

  apply(): void {
    if (this.tensors.length === 0) return;
    tf.tidy(() => this.slots.forEach((s, i) => s.variable.assign(tf.mul(s.variable, this.tensors[i] as tf.Tensor))));
  }

  dispose(): void {
    this.tensors.forEach((t) => t.dispose());
    this.tensors = [];
  }
}

/** Every weight layer with its name and how many output positions it computes per sample (conv: H·W). */
function weightLayers(mlp: Mlp): { name: string; kernel: tf.Variable; bias: tf.Variable; positions: number }[] {
  const last = mlp.layers.length - 1;
  return [
    ...(mlp.convs ?? []).map((c, i) => ({ name: `conv_${i + 1}`, kernel: c.kernel, bias: c.bias, positions: c.inHW[0] * c.inHW[1] })),
    ...mlp.layers.map((l, i) => ({ name: i === last ? 'output' : `dense_${i + 1}`, kernel: l.kernel, bias: l.bias, positions: 1 })),
  ];
}

/** Snapshot of every layer's weights as plain arrays (for rewinding, accounting and charts). */
export async function readWeights(mlp: Mlp): Promise<LayerWeights[]> {
  const layers = weightLayers(mlp);
  const arrays = await Promise.all(layers.flatMap((l) => [l.kernel.data(), l.bias.data()]));
  return layers.map((l, i) => ({
    name: l.name,
    shape: l.kernel.shape,
    positions: l.positions,
    kernel: arrays[2 * i] as Float32Array,
    bias: arrays[2 * i + 1] as Float32Array,
  }));
}

/** Overwrites the network's weights with a snapshot of the same architecture. */
export function loadWeights(mlp: Mlp, weights: readonly LayerWeights[]): void {
  tf.tidy(() =>
    weightLayers(mlp).forEach((l, i) => {
      const w = weights[i];
      if (!w) return;
      l.kernel.assign(tf.tensor(w.kernel, l.kernel.shape));
      l.bias.assign(tf.tensor1d(w.bias));
    }),
  );
}
