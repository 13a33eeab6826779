import * as tf from '@tensorflow/tfjs';
import { createRng, deriveSeed } from '../rng';
import type { Activation, ModelSpec } from '../spec/schema';

/**
 * A multilayer perceptron held as plain tf.Variables: the training loop, pruning masks and
 * metrics work on these directly; `toLayersModel` turns them into a tf.LayersModel for
 * export and for cross-checking the forward pass.
 */
export interface DenseParams {
  kernel: tf.Variable; // [in, out]
  bias: tf.Variable; // [out]
  activation: Activation;
  /** Dropout rate applied to this layer's output during training (0 for the output layer). */
  dropout: number;
}

export interface Mlp {
  layers: DenseParams[];
  nInputs: number;
  nClasses: number;
}

/** Glorot/Xavier uniform (Keras' default dense initialiser), drawn from the seeded RNG; biases start at zero. */
function glorotUniform(fanIn: number, fanOut: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => (rng.next() * 2 - 1) * limit);
}

export function createMlp(spec: ModelSpec, nInputs: number, nClasses: number, seed: number): Mlp {
  const sizes = [nInputs, ...spec.hidden.map((h) => h.units), nClasses];
  const layers: DenseParams[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i] ?? 0;
    const fanOut = sizes[i + 1] ?? 0;
    const hidden = spec.hidden[i];
    layers.push({
      kernel: tf.tidy(() => tf.variable(tf.tensor2d(glorotUniform(fanIn, fanOut, deriveSeed(seed, i)), [fanIn, fanOut]), true)),
      bias: tf.tidy(() => tf.variable(tf.zeros([fanOut]), true)),
      activation: hidden ? hidden.activation : 'linear',
      dropout: hidden ? hidden.dropout : 0,
    });
  }
  return { layers, nInputs, nClasses };
}

export function disposeMlp(mlp: Mlp): void {
  for (const l of mlp.layers) {
    l.kernel.dispose();
    l.bias.dispose();
  }
}

export function trainableVariables(mlp: Mlp): tf.Variable[] {
  return mlp.layers.flatMap((l) => [l.kernel, l.bias]);
}

export function countParams(mlp: Mlp): number {
  return mlp.layers.reduce((s, l) => s + l.kernel.size + l.bias.size, 0);
}

function activate(x: tf.Tensor2D, a: Activation): tf.Tensor2D {
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

/**
 * Logits of the network. `dropoutMasks[i]`, when given, multiplies layer i's activations
 * (inverted dropout: kept units are already scaled by 1/(1−rate)).
 */
export function forward(mlp: Mlp, x: tf.Tensor2D, dropoutMasks?: readonly (tf.Tensor2D | null)[]): tf.Tensor2D {
  let h = x;
  mlp.layers.forEach((l, i) => {
    h = activate(tf.add(tf.matMul(h, l.kernel as tf.Tensor2D), l.bias), l.activation);
    const mask = dropoutMasks?.[i];
    if (mask) h = tf.mul(h, mask);
  });
  return h;
}

/** The same network as a tf.LayersModel (softmax output), weights copied. Caller disposes it. */
export function toLayersModel(mlp: Mlp): tf.LayersModel {
  const model = tf.sequential();
  mlp.layers.forEach((l, i) => {
    const last = i === mlp.layers.length - 1;
    const [, units] = l.kernel.shape;
    model.add(
      tf.layers.dense({
        units: units ?? 1,
        activation: last ? 'softmax' : l.activation,
        ...(i === 0 ? { inputShape: [mlp.nInputs] } : {}),
        name: last ? 'output' : `dense_${i + 1}`,
      }),
    );
    if (!last && l.dropout > 0) model.add(tf.layers.dropout({ rate: l.dropout, name: `dropout_${i + 1}` }));
  });
  model.setWeights(mlp.layers.flatMap((l) => [l.kernel, l.bias]));
  return model;
}
