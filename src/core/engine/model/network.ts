import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ModelSpec } from '../../spec/sections';

/** One weight layer: its stable name (describeModel's), its variables, and how many outputs it computes per sample. */
export interface WeightLayer {
  name: string;
  type: 'dense' | 'conv2d' | 'rnn' | 'rnn-recurrent';
  kernel: tf.Variable;
  bias: tf.Variable;
  /** Output positions per sample: 1 for a dense layer, H·W for a convolution. */
  positions: number;
  /** The layer that gives the model's output (pruning scopes may leave it out); absent: the layer named 'output'. */
  isOutput?: boolean;
}

/** Inverted-dropout masks, one per dense layer (null: no dropout there), kept units already scaled by 1/(1 − rate). */
export type DropoutMasks = readonly (tf.Tensor2D | null)[];

/** A group of units structural pruning may remove together: a hidden layer's neurons or a conv layer's filters. */
export interface UnitGroup {
  name: string;
  units: number;
}

/**
 * What every model kind implements (MLP, CNN, RNN now; autoencoders and imported TF.js
 * models next): training, pruning, accounting and export see only this.
 */
export interface Network {
  readonly kind: ModelSpec['kind'];
  readonly nInputs: number;
  readonly nOutputs: number;
  /** Every weight layer in forward order; pruning slots and accounting are built from these. */
  readonly weightLayers: readonly WeightLayer[];
  /** Output logits for a batch of rows; the task's loss adds the softmax. */
  forward(x: tf.Tensor2D, dropout?: DropoutMasks): tf.Tensor2D;
  /** Each dense layer's dropout rate and width, in forward order (rate 0: none). */
  dropoutLayers(): { rate: number; units: number }[];
  /** Parameters (kernels and biases), from the variables' shapes. */
  params(): number;
  /** Per-sample inference FLOPs, dense (2 per multiply-add plus one per bias add, per position). */
  flops(): number;
  /** The units structural pruning may remove, one group per prunable layer. */
  unitGroups(): UnitGroup[];
  /** A new, genuinely smaller network keeping only kept[g] (ascending) of group g's units; the caller disposes both. */
  shrink(kept: readonly (readonly number[])[]): Network;
  /** A deep copy with new variables. */
  clone(): Network;
  /** Trainable variables beyond the weight layers' kernels and biases (an imported model's batch-norm scales…). */
  otherTrainable?(): tf.Variable[];
  /** The same network as a tf.LayersModel (a softmax output for a classifier, linear otherwise), weights copied; the caller disposes it. TF.js Layers loads on first use. */
  toLayersModel(head?: 'softmax' | 'linear'): Promise<LayersModel>;
  dispose(): void;
}

/** Every trainable variable, kernels and biases, in layer order. */
export const trainableVariables = (net: Network): tf.Variable[] => [...net.weightLayers.flatMap((l) => [l.kernel, l.bias]), ...(net.otherTrainable?.() ?? [])].filter((v) => v.size > 0);

export const countParams = (net: Network): number => net.params();

export function disposeNetwork(net: Network): void {
  net.dispose();
}

/** Per-sample FLOPs of weight layers, from their shapes. */
export const layerFlops = (layers: readonly WeightLayer[]): number => layers.reduce((s, l) => s + l.positions * (2 * l.kernel.size + l.bias.size), 0);
export const layerParams = (layers: readonly WeightLayer[]): number => layers.reduce((s, l) => s + l.kernel.size + l.bias.size, 0);
