import * as tf from '@tensorflow/tfjs';
import { createRng, deriveSeed } from '../rng';
import type { Activation, ConvLayerSpec, ModelSpec } from '../spec/schema';

/**
 * A network held as plain tf.Variables — an MLP, or a CNN whose convolution stack feeds the same
 * dense layers: the training loop, pruning masks and metrics work on these directly;
 * `toLayersModel` turns them into a tf.LayersModel for export and for cross-checking the forward pass.
 */
export interface DenseParams {
  kernel: tf.Variable; // [in, out]
  bias: tf.Variable; // [out]
  activation: Activation;
  /** Dropout rate applied to this layer's output during training (0 for the output layer). */
  dropout: number;
}

/** A 'same'-padded, stride-1 convolution, then its activation, then an optional 2×2 pooling. */
export interface ConvParams {
  kernel: tf.Variable; // [k, k, in channels, filters]
  bias: tf.Variable; // [filters]
  activation: Activation;
  pool: ConvLayerSpec['pool'];
  /** Height × width of the input (= of the convolution's output, 'same' padding). */
  inHW: readonly [number, number];
}

export interface Mlp {
  /** Convolutions applied first (CNNs only); the input rows are then images of `imageShape`. */
  convs?: ConvParams[];
  imageShape?: readonly [number, number, number];
  layers: DenseParams[];
  nInputs: number;
  nClasses: number;
}

/** Glorot/Xavier uniform (Keras' default dense initialiser), drawn from the seeded RNG; biases start at zero. */
function glorotUniform(fanIn: number, fanOut: number, seed: number, count = fanIn * fanOut): Float32Array {
  const rng = createRng(seed);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: count }, () => (rng.next() * 2 - 1) * limit);
}

function createConvs(convs: readonly ConvLayerSpec[], image: readonly [number, number, number], seed: number): { convs: ConvParams[]; flat: number } {
  let [h, w, c] = image;
  const out: ConvParams[] = convs.map((spec, i) => {
    const k = spec.kernelSize;
    // Keras' conv fans: receptive field × channels in, receptive field × filters out.
    const kernel = glorotUniform(k * k * c, k * k * spec.filters, deriveSeed(seed, 100 + i), k * k * c * spec.filters);
    const layer: ConvParams = {
      kernel: tf.tidy(() => tf.variable(tf.tensor4d(kernel, [k, k, c, spec.filters]), true)),
      bias: tf.tidy(() => tf.variable(tf.zeros([spec.filters]), true)),
      activation: spec.activation,
      pool: spec.pool,
      inHW: [h, w],
    };
    if (spec.pool !== 'none') [h, w] = [Math.floor(h / 2), Math.floor(w / 2)];
    c = spec.filters;
    return layer;
  });
  return { convs: out, flat: h * w * c };
}

export function createMlp(spec: ModelSpec, nInputs: number, nClasses: number, seed: number, imageShape?: readonly [number, number, number]): Mlp {
  let convs: ConvParams[] | undefined;
  let flat = nInputs;
  if (spec.kind === 'cnn') {
    if (!imageShape) throw new Error('A CNN needs image data (e.g. Digits, 8×8); this dataset has plain feature columns. Choose an MLP.');
    if (imageShape[0] * imageShape[1] * imageShape[2] !== nInputs) throw new Error(`Image shape ${imageShape.join('×')} does not match ${nInputs} features.`);
    ({ convs, flat } = createConvs(spec.conv, imageShape, seed));
    if (flat < 1) throw new Error('The pooling layers shrink the image to nothing: use fewer pooling layers.');
  }
  const sizes = [flat, ...spec.hidden.map((h) => h.units), nClasses];
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
  const net: Mlp = { layers, nInputs, nClasses };
  if (convs && imageShape) Object.assign(net, { convs, imageShape });
  return net;
}

/** Every weight layer, convolutions first. */
const allLayers = (mlp: Mlp): { kernel: tf.Variable; bias: tf.Variable }[] => [...(mlp.convs ?? []), ...mlp.layers];

export function disposeMlp(mlp: Mlp): void {
  for (const l of allLayers(mlp)) {
    l.kernel.dispose();
    l.bias.dispose();
  }
}

export function trainableVariables(mlp: Mlp): tf.Variable[] {
  return allLayers(mlp).flatMap((l) => [l.kernel, l.bias]);
}

export function countParams(mlp: Mlp): number {
  return allLayers(mlp).reduce((s, l) => s + l.kernel.size + l.bias.size, 0);
}

function activate<T extends tf.Tensor>(x: T, a: Activation): T {
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
  if (mlp.convs && mlp.imageShape) {
    let img = tf.reshape(x, [x.shape[0], ...mlp.imageShape]) as tf.Tensor4D;
    for (const c of mlp.convs) {
      img = activate(tf.add(tf.conv2d(img, c.kernel as tf.Tensor4D, 1, 'same'), c.bias), c.activation) as tf.Tensor4D;
      if (c.pool === 'max') img = tf.maxPool(img, 2, 2, 'valid');
      else if (c.pool === 'avg') img = tf.avgPool(img, 2, 2, 'valid');
    }
    h = tf.reshape(img, [x.shape[0], -1]);
  }
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
  (mlp.convs ?? []).forEach((c, i) => {
    const [k, , , filters] = c.kernel.shape;
    model.add(
      tf.layers.conv2d({
        filters: filters ?? 1,
        kernelSize: k ?? 1,
        padding: 'same',
        activation: c.activation,
        name: `conv_${i + 1}`,
        ...(i === 0 && mlp.imageShape ? { inputShape: [...mlp.imageShape] } : {}),
      }),
    );
    if (c.pool === 'max') model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `pool_${i + 1}` }));
    if (c.pool === 'avg') model.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 2, name: `pool_${i + 1}` }));
  });
  if (mlp.convs?.length) model.add(tf.layers.flatten({ name: 'flatten' }));
  mlp.layers.forEach((l, i) => {
    const last = i === mlp.layers.length - 1;
    const [, units] = l.kernel.shape;
    model.add(
      tf.layers.dense({
        units: units ?? 1,
        activation: last ? 'softmax' : l.activation,
        ...(i === 0 && !mlp.convs?.length ? { inputShape: [mlp.nInputs] } : {}),
        name: last ? 'output' : `dense_${i + 1}`,
      }),
    );
    if (!last && l.dropout > 0) model.add(tf.layers.dropout({ rate: l.dropout, name: `dropout_${i + 1}` }));
  });
  model.setWeights(trainableVariables(mlp));
  return model;
}
