import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { LayerDesc } from '../../model/describe';
import { glorotUniform } from '../../model/init';
import { deriveSeed } from '../../rng';
import type { Activation, ConvLayerSpec } from '../../spec/sections';
import { activate, copyDense, createDense, denseStack, denseWeightLayer, disposeDense, newVariable, type DenseLayer } from './dense';
import { addDenseLayers, checkKept, tfLayers, type OutputHead } from './mlp';
import { DenseHeadNet } from './base';
import type { DropoutMasks, UnitGroup, WeightLayer } from './network';

/** A 'same'-padded, stride-1 convolution, then its activation, then an optional 2×2 pooling. */
export interface ConvLayer {
  name: string;
  kernel: tf.Variable; // [k, k, in channels, filters]
  bias: tf.Variable; // [filters]
  activation: Activation;
  pool: ConvLayerSpec['pool'];
  /** Height × width of the input (= of the convolution's output, 'same' padding). */
  inHW: readonly [number, number];
}

/** Output height × width of a conv block (after its pooling). */
export const outHW = (c: ConvLayer): [number, number] => (c.pool === 'none' ? [c.inHW[0], c.inHW[1]] : [Math.floor(c.inHW[0] / 2), Math.floor(c.inHW[1] / 2)]);

const gatherVar = (v: tf.Tensor, idx: readonly number[], axis: number): tf.Variable => tf.tidy(() => newVariable(tf.gather(v, tf.tensor1d(Int32Array.from(idx), 'int32'), axis)));

/**
 * A small CNN held as plain tf.Variables: convolutions over the image rows, then a dense head
 * (the same dense layers as an MLP). Its unit groups are the conv layers' filters; shrinking
 * removes filters (their kernel slice and bias, the next conv's input channels, and after the
 * last conv the flattened dense rows of the removed channels).
 */
export class CnnNet extends DenseHeadNet {
  readonly kind = 'cnn' as const;

  constructor(
    readonly convs: ConvLayer[],
    readonly layers: DenseLayer[],
    readonly imageShape: readonly [number, number, number],
    readonly nInputs: number,
    readonly nOutputs: number,
  ) {
    super();
  }

  /** Conv kernels from streams deriveSeed(seed, 100 + i) (Keras' conv fans), dense layers as the MLP's. */
  static create(descs: readonly LayerDesc[], imageShape: readonly [number, number, number], nInputs: number, nOutputs: number, seed: number): CnnNet {
    const convDescs = descs.filter((d) => d.type === 'conv2d');
    const convs = convDescs.map((d, i): ConvLayer => {
      const [k = 1, , c = 1, filters = 1] = d.kernelShape;
      const kernel = glorotUniform(k * k * c, k * k * filters, deriveSeed(seed, 100 + i), k * k * c * filters);
      return {
        name: d.name,
        kernel: tf.tidy(() => newVariable(tf.tensor4d(Float32Array.from(kernel), [k, k, c, filters]))),
        bias: tf.tidy(() => newVariable(tf.zeros([filters]))),
        activation: d.activation,
        pool: d.pool ?? 'none',
        inHW: d.inHW ?? [imageShape[0], imageShape[1]],
      };
    });
    return new CnnNet(convs, createDense(descs.filter((d) => d.type === 'dense'), seed), imageShape, nInputs, nOutputs);
  }

  get weightLayers(): WeightLayer[] {
    return [...this.convs.map((c): WeightLayer => ({ name: c.name, type: 'conv2d', kernel: c.kernel, bias: c.bias, positions: c.inHW[0] * c.inHW[1] })), ...this.layers.map(denseWeightLayer)];
  }

  /** The conv stack's flattened output (rows × h·w·c). */
  features(x: tf.Tensor2D): tf.Tensor2D {
    let img = tf.reshape(x, [x.shape[0], ...this.imageShape]) as tf.Tensor4D;
    for (const c of this.convs) {
      img = activate(tf.add(tf.conv2d(img, c.kernel as tf.Tensor4D, 1, 'same'), c.bias), c.activation) as tf.Tensor4D;
      if (c.pool === 'max') img = tf.maxPool(img, 2, 2, 'valid');
      else if (c.pool === 'avg') img = tf.avgPool(img, 2, 2, 'valid');
    }
    return tf.reshape(img, [x.shape[0], -1]);
  }

  forward(x: tf.Tensor2D, dropout?: DropoutMasks): tf.Tensor2D {
    return denseStack(this.layers, this.features(x), dropout);
  }

  unitGroups(): UnitGroup[] {
    return this.convs.map((c) => ({ name: c.name, units: c.kernel.shape[3] ?? 0 }));
  }

  shrink(kept: readonly (readonly number[])[]): CnnNet {
    checkKept(this.unitGroups(), kept);
    const convs = this.convs.map((c, i): ConvLayer => {
      const keep = kept[i] ?? [];
      const prevKeep = i > 0 ? kept[i - 1] : undefined;
      const kernel = tf.tidy(() => {
        const inSliced = prevKeep ? tf.gather(c.kernel, tf.tensor1d(Int32Array.from(prevKeep), 'int32'), 2) : c.kernel;
        return newVariable(tf.gather(inSliced, tf.tensor1d(Int32Array.from(keep), 'int32'), 3));
      });
      return { ...c, kernel, bias: gatherVar(c.bias, keep, 0) };
    });
    const last = this.convs[this.convs.length - 1];
    const lastKeep = kept[this.convs.length - 1] ?? [];
    const [h, w] = last ? outHW(last) : [0, 0];
    const channels = last?.kernel.shape[3] ?? 1;
    const rows: number[] = [];
    for (let p = 0; p < h * w; p++) for (const c of lastKeep) rows.push(p * channels + c);
    const layers = this.layers.map((l, i) => (i === 0 ? { ...l, kernel: gatherVar(l.kernel, rows, 0), bias: tf.tidy(() => newVariable(l.bias.clone())) } : copyDense(l)));
    return new CnnNet(convs, layers, this.imageShape, this.nInputs, this.nOutputs);
  }

  clone(): CnnNet {
    const convs = this.convs.map((c) => ({ ...c, kernel: tf.tidy(() => newVariable(c.kernel.clone())), bias: tf.tidy(() => newVariable(c.bias.clone())) }));
    return new CnnNet(convs, this.layers.map(copyDense), this.imageShape, this.nInputs, this.nOutputs);
  }

  async toLayersModel(head: OutputHead = 'softmax'): Promise<LayersModel> {
    const { sequential, layers: tfl } = await tfLayers();
    const model = sequential();
    this.convs.forEach((c, i) => {
      const [k, , , filters] = c.kernel.shape;
      model.add(tfl.conv2d({ filters: filters ?? 1, kernelSize: k ?? 1, padding: 'same', activation: c.activation, name: c.name, ...(i === 0 ? { inputShape: [...this.imageShape] } : {}) }));
      if (c.pool === 'max') model.add(tfl.maxPooling2d({ poolSize: 2, strides: 2, name: `pool_${i + 1}` }));
      if (c.pool === 'avg') model.add(tfl.averagePooling2d({ poolSize: 2, strides: 2, name: `pool_${i + 1}` }));
    });
    model.add(tfl.flatten({ name: 'flatten' }));
    addDenseLayers(tfl, model, this.layers, undefined, head);
    model.setWeights(this.weightLayers.flatMap((l) => [l.kernel, l.bias]));
    return model;
  }

  dispose(): void {
    for (const c of this.convs) {
      c.kernel.dispose();
      c.bias.dispose();
    }
    disposeDense(this.layers);
  }
}
