import * as tf from '@tensorflow/tfjs-core';
import type { LayerWeights } from '../../prune/accounting';
import type { Mask, PrunableTensor } from '../../prune/types';
import { tensorName } from '../../model/names';
import type { PruneScope } from '../../spec/sections';
import type { Network } from '../model/network';

export type { PruneScope } from '../../spec/sections';

/** One prunable tensor of a network: its name (e.g. "dense_1/kernel") and variable. */
export interface Slot {
  name: string;
  /** The weight layer's name. */
  layer: string;
  part: 'kernel' | 'bias';
  variable: tf.Variable;
}

/** The tensors pruning may touch under `scope`, in layer order; names match describeModel's prunableTensorNames. */
export function prunableSlots(net: Network, scope: PruneScope): Slot[] {
  return net.weightLayers.flatMap((l) => {
    if ((l.isOutput ?? l.name === 'output') && !scope.outputLayer) return [];
    const slots: Slot[] = [{ name: tensorName(l.name, 'kernel'), layer: l.name, part: 'kernel', variable: l.kernel }];
    if (scope.biases && l.bias.size > 0) slots.push({ name: tensorName(l.name, 'bias'), layer: l.name, part: 'bias', variable: l.bias });
    return slots;
  });
}

/** Current values of the slots, read back asynchronously (never dataSync: it is wrong on WebGPU here). */
export async function readSlots(slots: readonly Slot[]): Promise<PrunableTensor[]> {
  const values = await Promise.all(slots.map((s) => s.variable.data() as Promise<Float32Array>));
  return slots.map((s, i) => ({ name: s.name, shape: s.variable.shape, values: values[i] as Float32Array }));
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
    if (masks.length !== this.slots.length) throw new Error(`Got ${masks.length} masks for ${this.slots.length} prunable tensors.`);
    masks.forEach((m, i) => {
      const slot = this.slots[i] as Slot;
      if (m.length !== slot.variable.size) throw new Error(`The mask of ${slot.name} has ${m.length} entries; the tensor has ${slot.variable.size}.`);
    });
    this.dispose();
    this.masks = masks.map((m) => Uint8Array.from(m));
    this.tensors = this.slots.map((s, i) => tf.tensor(Float32Array.from(this.masks[i] as Mask), s.variable.shape));
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

/** Snapshot of every weight layer as plain arrays (for rewinding, accounting and charts). */
export async function readWeights(net: Network): Promise<LayerWeights[]> {
  const layers = net.weightLayers;
  const arrays = await Promise.all(layers.flatMap((l) => [l.kernel.data() as Promise<Float32Array>, l.bias.data() as Promise<Float32Array>]));
  return layers.map((l, i) => ({
    name: l.name,
    shape: l.kernel.shape,
    positions: l.positions,
    kernel: arrays[2 * i] as Float32Array,
    bias: arrays[2 * i + 1] as Float32Array,
  }));
}

/** Overwrites the network's weights with a snapshot of the same architecture; any mismatch is an error, never skipped. */
export function loadWeights(net: Network, weights: readonly LayerWeights[]): void {
  const layers = net.weightLayers;
  if (weights.length !== layers.length) throw new Error(`The weight snapshot has ${weights.length} layers; the network has ${layers.length}.`);
  layers.forEach((l, i) => {
    const w = weights[i] as LayerWeights;
    if (w.name !== l.name || w.kernel.length !== l.kernel.size || w.bias.length !== l.bias.size) {
      throw new Error(`The weight snapshot's layer ${i + 1} (${w.name}, ${w.kernel.length}+${w.bias.length} values) does not fit ${l.name} (${l.kernel.size}+${l.bias.size}).`);
    }
  });
  tf.tidy(() =>
    layers.forEach((l, i) => {
      const w = weights[i] as LayerWeights;
      l.kernel.assign(tf.tensor(w.kernel, l.kernel.shape));
      l.bias.assign(tf.tensor1d(w.bias));
    }),
  );
}
