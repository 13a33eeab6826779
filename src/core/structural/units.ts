import * as tf from '@tensorflow/tfjs';
import { forward, type DenseParams, type Mlp } from '../model/mlp';
import { createRng } from '../rng';
import type { Rows } from '../train/loop';

// Small helpers shared by the structural-pruning modules. A "hidden layer" is every dense layer
// but the last: its units are the neurons structural pruning may remove; the output layer's
// units are the classes and are never touched.

export const hiddenLayerCount = (mlp: Mlp): number => Math.max(0, mlp.layers.length - 1);

/** Units of every hidden layer, in order. */
export const hiddenUnits = (mlp: Mlp): number[] => mlp.layers.slice(0, -1).map((l) => l.kernel.shape[1] ?? 0);

/** One layer's post-activation output (no dropout), through the model's own forward pass. */
export function layerOutput(layer: DenseParams, h: tf.Tensor2D): tf.Tensor2D {
  const inputs = layer.kernel.shape[0] ?? 0;
  const outputs = layer.kernel.shape[1] ?? 0;
  return forward({ layers: [layer], nInputs: inputs, nClasses: outputs }, h);
}

/** A new trainable variable holding `value` (the tensor itself is left to the caller or a tidy). */
export const newVariable = (value: tf.Tensor): tf.Variable => tf.variable(value, true);

/** A deep copy: new variables with the same values, activations and dropout. Caller disposes. */
export function cloneMlp(mlp: Mlp): Mlp {
  return {
    nInputs: mlp.nInputs,
    nClasses: mlp.nClasses,
    layers: mlp.layers.map((l) => ({
      kernel: tf.tidy(() => newVariable(l.kernel.clone())),
      bias: tf.tidy(() => newVariable(l.bias.clone())),
      activation: l.activation,
      dropout: l.dropout,
    })),
  };
}

/** Glorot/Xavier uniform, U(−√(6/(in+out)), +√(6/(in+out))), drawn from the seeded RNG (as createMlp does). */
export function glorotUniform(fanIn: number, fanOut: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => (rng.next() * 2 - 1) * limit);
}

/** Row batches [start, end) over `rows`, for passes that must bound memory. */
export function* batches(rows: Rows, batchSize: number): Generator<{ start: number; end: number }> {
  const b = Math.max(1, Math.floor(batchSize));
  for (let start = 0; start < rows.n; start += b) yield { start, end: Math.min(rows.n, start + b) };
}

/** Python-style percentile with linear interpolation (numpy's default) of an ascending array. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}
