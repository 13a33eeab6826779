import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ModelSpec } from '../../spec/sections';
import type { DenseLayer } from './dense';
import { layerFlops, layerParams, type DropoutMasks, type Network, type UnitGroup, type WeightLayer } from './network';

/**
 * What the MLP and the CNN share: a dense head (with its dropout), and accounting from the
 * weight layers' shapes. Each kind adds its own layers, forward pass, unit groups and shrinking.
 */
export abstract class DenseHeadNet implements Network {
  abstract readonly kind: ModelSpec['kind'];
  abstract readonly layers: DenseLayer[];
  abstract readonly nInputs: number;
  abstract readonly nOutputs: number;
  abstract get weightLayers(): WeightLayer[];
  abstract forward(x: tf.Tensor2D, dropout?: DropoutMasks): tf.Tensor2D;
  abstract unitGroups(): UnitGroup[];
  abstract shrink(kept: readonly (readonly number[])[]): Network;
  abstract clone(): Network;
  abstract toLayersModel(head?: 'softmax' | 'linear'): Promise<LayersModel>;
  abstract dispose(): void;

  /** Dropout applies to the dense layers' outputs. */
  dropoutLayers() {
    return this.layers.map((l) => ({ rate: l.dropout, units: l.kernel.shape[1] ?? 0 }));
  }

  params(): number {
    return layerParams(this.weightLayers);
  }

  flops(): number {
    return layerFlops(this.weightLayers);
  }
}
