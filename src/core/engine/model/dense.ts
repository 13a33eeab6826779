import * as tf from '@tensorflow/tfjs-core';
import type { LayerDesc } from '../../model/describe';
import { glorotUniform } from '../../model/init';
import { layerName } from '../../model/names';
import { deriveSeed } from '../../rng';
import type { Activation } from '../../spec/sections';
import type { DropoutMasks, WeightLayer } from './network';

/** A dense layer held as variables: kernel [in, out], bias [out]. */
export interface DenseLayer {
  name: string;
  kernel: tf.Variable;
  bias: tf.Variable;
  activation: Activation;
  /** Dropout rate applied to this layer's output during training (0 for the output layer). */
  dropout: number;
}

export const newVariable = (value: tf.Tensor): tf.Variable => tf.variable(value, true);

export function activate<T extends tf.Tensor>(x: T, a: Activation): T {
  switch (a) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'elu':
      return tf.elu(x);
    case 'linear':
      return x;
  }
}

/** One dense layer's post-activation output (no dropout). */
export const denseForward = (l: DenseLayer, h: tf.Tensor2D): tf.Tensor2D => activate(tf.add(tf.matMul(h, l.kernel as tf.Tensor2D), l.bias), l.activation);

/** The dense stack; masks[i], when given, multiplies layer i's output. */
export function denseStack(layers: readonly DenseLayer[], x: tf.Tensor2D, masks?: DropoutMasks): tf.Tensor2D {
  let h = x;
  layers.forEach((l, i) => {
    h = denseForward(l, h);
    const mask = masks?.[i];
    if (mask) h = tf.mul(h, mask);
  });
  return h;
}

/**
 * Creates the dense layers described (Glorot-uniform kernels from stream `seed` → per-layer
 * seeds deriveSeed(seed, i), zero biases).
 */
export function createDense(descs: readonly LayerDesc[], seed: number): DenseLayer[] {
  return descs.map((d, i) => {
    const [fanIn = 0, fanOut = 0] = d.kernelShape;
    return {
      name: d.name,
      kernel: tf.tidy(() => newVariable(tf.tensor2d(Float32Array.from(glorotUniform(fanIn, fanOut, deriveSeed(seed, i))), [fanIn, fanOut]))),
      bias: tf.tidy(() => newVariable(tf.zeros([fanOut]))),
      activation: d.activation,
      dropout: d.dropout,
    };
  });
}

export const copyDense = (l: DenseLayer): DenseLayer => ({ ...l, kernel: tf.tidy(() => newVariable(l.kernel.clone())), bias: tf.tidy(() => newVariable(l.bias.clone())) });

export const denseWeightLayer = (l: DenseLayer): WeightLayer => ({ name: l.name, type: 'dense', kernel: l.kernel, bias: l.bias, positions: 1 });

export function disposeDense(layers: readonly DenseLayer[]): void {
  for (const l of layers) {
    l.kernel.dispose();
    l.bias.dispose();
  }
}

/** Renames dense layers by the one naming rule after a change of depth: dense_1…, then output. */
export const renameDense = (layers: DenseLayer[]): DenseLayer[] => layers.map((l, i) => ({ ...l, name: layerName('dense', i, i === layers.length - 1) }));
