import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel, Sequential } from '@tensorflow/tfjs-layers';
import type { LayerDesc } from '../../model/describe';
import { copyDense, createDense, denseStack, denseWeightLayer, disposeDense, newVariable, type DenseLayer } from './dense';
import { DenseHeadNet } from './base';
import type { DropoutMasks, UnitGroup, WeightLayer } from './network';

/** TF.js Layers is loaded only for export, keeping it out of the workers' start-up. */
export const tfLayers = () => import('@tensorflow/tfjs-layers');

/** What a network's exported output layer applies: a classifier's softmax, or nothing (regression, reconstruction). */
export type OutputHead = 'softmax' | 'linear';

/** Adds the dense layers (and their dropout) of a network to a tf.Sequential, the head's activation on the output. */
export function addDenseLayers(tfl: Awaited<ReturnType<typeof tfLayers>>['layers'], model: Sequential, layers: readonly DenseLayer[], inputShape?: number[], head: OutputHead = 'softmax'): void {
  layers.forEach((l, i) => {
    const last = i === layers.length - 1;
    const [, units] = l.kernel.shape;
    model.add(tfl.dense({ units: units ?? 1, activation: last ? head : l.activation, ...(i === 0 && inputShape ? { inputShape } : {}), name: l.name }));
    if (!last && l.dropout > 0) model.add(tfl.dropout({ rate: l.dropout, name: `dropout_${i + 1}` }));
  });
}

/**
 * A multilayer perceptron held as plain tf.Variables: dense hidden layers (units, activation,
 * dropout), then a linear output layer whose softmax the loss applies. Its unit groups are the
 * hidden layers' neurons; shrinking removes neurons (their kernel column and bias, and the next
 * layer's kernel row).
 */
export class MlpNet extends DenseHeadNet {
  readonly kind = 'mlp' as const;

  constructor(
    readonly layers: DenseLayer[],
    readonly nInputs: number,
    readonly nOutputs: number,
  ) {
    super();
  }

  static create(descs: readonly LayerDesc[], nInputs: number, nOutputs: number, seed: number): MlpNet {
    return new MlpNet(createDense(descs, seed), nInputs, nOutputs);
  }

  get weightLayers(): WeightLayer[] {
    return this.layers.map(denseWeightLayer);
  }

  forward(x: tf.Tensor2D, dropout?: DropoutMasks): tf.Tensor2D {
    return denseStack(this.layers, x, dropout);
  }

  /** Every dense layer but the output (its units are the classes). */
  unitGroups(): UnitGroup[] {
    return this.layers.slice(0, -1).map((l) => ({ name: l.name, units: l.kernel.shape[1] ?? 0 }));
  }

  shrink(kept: readonly (readonly number[])[]): MlpNet {
    checkKept(this.unitGroups(), kept);
    const layers: DenseLayer[] = this.layers.map((l, i) =>
      tf.tidy(() => {
        let kernel: tf.Tensor = l.kernel;
        let bias: tf.Tensor = l.bias;
        const out = kept[i];
        const inp = i > 0 ? kept[i - 1] : undefined;
        if (out) {
          const idx = tf.tensor1d(Int32Array.from(out), 'int32');
          kernel = tf.gather(kernel, idx, 1);
          bias = tf.gather(bias, idx, 0);
        }
        if (inp) kernel = tf.gather(kernel, tf.tensor1d(Int32Array.from(inp), 'int32'), 0);
        return { ...l, kernel: newVariable(kernel === l.kernel ? kernel.clone() : kernel), bias: newVariable(bias === l.bias ? bias.clone() : bias) };
      }),
    );
    return new MlpNet(layers, this.nInputs, this.nOutputs);
  }

  clone(): MlpNet {
    return new MlpNet(this.layers.map(copyDense), this.nInputs, this.nOutputs);
  }

  async toLayersModel(head: OutputHead = 'softmax'): Promise<LayersModel> {
    const { sequential, layers } = await tfLayers();
    const model = sequential();
    addDenseLayers(layers, model, this.layers, [this.nInputs], head);
    model.setWeights(this.layers.flatMap((l) => [l.kernel, l.bias]));
    return model;
  }

  dispose(): void {
    disposeDense(this.layers);
  }
}

/** kept[g] must list distinct ascending indices of group g, at least one. */
export function checkKept(groups: readonly UnitGroup[], kept: readonly (readonly number[])[]): void {
  if (kept.length !== groups.length) throw new Error(`Expected kept units for ${groups.length} prunable layers, got ${kept.length}.`);
  kept.forEach((k, i) => {
    const units = groups[i]?.units ?? 0;
    if (k.length < 1) throw new Error(`Layer ${groups[i]?.name ?? i + 1} must keep at least one unit.`);
    k.forEach((j, p) => {
      if (!Number.isInteger(j) || j < 0 || j >= units || (p > 0 && j <= (k[p - 1] ?? -1))) {
        throw new Error(`Kept units of ${groups[i]?.name ?? `layer ${i + 1}`} must be distinct ascending indices in [0, ${units}).`);
      }
    });
  });
}
