import * as tf from '@tensorflow/tfjs';
import type { DenseParams, Mlp } from '../model/mlp';
import { cloneMlp, glorotUniform, hiddenLayerCount, newVariable } from './units';

/**
 * Physical structural pruning: the network really gets smaller.
 *
 * Removing unit j of hidden layer i deletes column j of layer i's kernel, entry j of its bias and
 * row j of layer i+1's kernel (the unit's outgoing weights). `kept[i]` lists the surviving units
 * of hidden layer i, ascending; the output layer's units are never removed. Slicing happens on
 * the device with tf.gather, so nothing is read back.
 */
export function shrinkMlp(mlp: Mlp, kept: readonly (readonly number[])[]): Mlp {
  checkKept(mlp, kept);
  const layers: DenseParams[] = mlp.layers.map((l, i) =>
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
      return { kernel: newVariable(kernel === l.kernel ? kernel.clone() : kernel), bias: newVariable(bias === l.bias ? bias.clone() : bias), activation: l.activation, dropout: l.dropout };
    }),
  );
  return { layers, nInputs: mlp.nInputs, nClasses: mlp.nClasses };
}

function checkKept(mlp: Mlp, kept: readonly (readonly number[])[]): void {
  const nHidden = hiddenLayerCount(mlp);
  if (kept.length !== nHidden) throw new Error(`Expected kept units for ${nHidden} hidden layers, got ${kept.length}.`);
  kept.forEach((k, i) => {
    const units = mlp.layers[i]?.kernel.shape[1] ?? 0;
    if (k.length < 1) throw new Error(`Hidden layer ${i + 1} must keep at least one unit.`);
    k.forEach((j, p) => {
      if (!Number.isInteger(j) || j < 0 || j >= units || (p > 0 && j <= (k[p - 1] ?? -1))) {
        throw new Error(`Kept units of hidden layer ${i + 1} must be distinct ascending indices in [0, ${units}).`);
      }
    });
  });
}

/**
 * The same pruning expressed as masks on a full-size copy, for checking `shrinkMlp`: the removed
 * units' OUTGOING weights (their rows in the next layer's kernel) are zeroed. Then whatever a
 * removed unit outputs, it adds exactly 0 to the next layer, and the kept units are untouched, so
 * the logits equal the shrunk model's for any activation (up to float summation order). Zeroing
 * the removed units' incoming weights and biases instead would not do: the unit would still emit
 * act(0), which is 0.5 for a sigmoid. Returns a new Mlp (caller disposes).
 */
export function maskUnits(mlp: Mlp, kept: readonly (readonly number[])[]): Mlp {
  checkKept(mlp, kept);
  const copy = cloneMlp(mlp);
  tf.tidy(() =>
    kept.forEach((k, i) => {
      const next = copy.layers[i + 1];
      if (!next) return;
      const rows = next.kernel.shape[0] ?? 0;
      const keep = new Float32Array(rows);
      for (const j of k) keep[j] = 1;
      next.kernel.assign(tf.mul(next.kernel, tf.tensor2d(keep, [rows, 1])));
    }),
  );
  return copy;
}

/**
 * Drops hidden layer `hiddenIndex` (0-based among hidden layers) — the coarse, depth-reducing
 * step. Layer hiddenIndex and the layer after it are replaced by one bridging layer from the
 * dropped layer's inputs to the next layer's outputs: its kernel [in, out] is freshly drawn
 * (Glorot uniform from `seed`), its bias is zero, and it takes the activation and dropout of the
 * layer whose outputs it produces. Every other layer is copied. The result must be retrained.
 * Returns a new Mlp (caller disposes).
 */
export function removeLayer(mlp: Mlp, hiddenIndex: number, seed: number): Mlp {
  const nHidden = hiddenLayerCount(mlp);
  if (!Number.isInteger(hiddenIndex) || hiddenIndex < 0 || hiddenIndex >= nHidden) {
    throw new Error(`Hidden layer index must be in [0, ${nHidden}), got ${hiddenIndex}.`);
  }
  const dropped = mlp.layers[hiddenIndex] as DenseParams;
  const after = mlp.layers[hiddenIndex + 1] as DenseParams;
  const fanIn = dropped.kernel.shape[0] ?? 0;
  const fanOut = after.kernel.shape[1] ?? 0;
  const copy = (l: DenseParams): DenseParams => ({
    kernel: tf.tidy(() => newVariable(l.kernel.clone())),
    bias: tf.tidy(() => newVariable(l.bias.clone())),
    activation: l.activation,
    dropout: l.dropout,
  });
  const bridge: DenseParams = {
    kernel: tf.tidy(() => newVariable(tf.tensor2d(glorotUniform(fanIn, fanOut, seed), [fanIn, fanOut]))),
    bias: tf.tidy(() => newVariable(tf.zeros([fanOut]))),
    activation: after.activation,
    dropout: after.dropout,
  };
  const layers = [...mlp.layers.slice(0, hiddenIndex).map(copy), bridge, ...mlp.layers.slice(hiddenIndex + 2).map(copy)];
  return { layers, nInputs: mlp.nInputs, nClasses: mlp.nClasses };
}
