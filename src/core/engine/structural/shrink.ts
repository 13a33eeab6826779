import * as tf from '@tensorflow/tfjs-core';
import { glorotUniform } from '../../model/init';
import { checkKept, MlpNet } from '../model/mlp';
import { copyDense, newVariable, renameDense, type DenseLayer } from '../model/dense';
import { hiddenLayerCount } from './units';

/**
 * Physical structural pruning of an MLP is `MlpNet.shrink(kept)`: removing unit j of hidden
 * layer i deletes column j of layer i's kernel, entry j of its bias and row j of layer i+1's
 * kernel (the unit's outgoing weights). This module holds its two companions.
 */

/**
 * The same pruning expressed as masks on a full-size copy, for checking `shrink`: the removed
 * units' OUTGOING weights (their rows in the next layer's kernel) are zeroed. Then whatever a
 * removed unit outputs, it adds exactly 0 to the next layer, and the kept units are untouched, so
 * the logits equal the shrunk model's for any activation (up to float summation order). Zeroing
 * the removed units' incoming weights and biases instead would not do: the unit would still emit
 * act(0), which is 0.5 for a sigmoid. Returns a new network (caller disposes).
 */
export function maskUnits(mlp: MlpNet, kept: readonly (readonly number[])[]): MlpNet {
  checkKept(mlp.unitGroups(), kept);
  const copy = mlp.clone();
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
 * layer whose outputs it produces. Every other layer is copied; layers are renamed by the one
 * naming rule. The result must be retrained. Returns a new network (caller disposes).
 */
export function removeLayer(mlp: MlpNet, hiddenIndex: number, seed: number): MlpNet {
  const nHidden = hiddenLayerCount(mlp);
  if (!Number.isInteger(hiddenIndex) || hiddenIndex < 0 || hiddenIndex >= nHidden) {
    throw new Error(`Hidden layer index must be in [0, ${nHidden}), got ${hiddenIndex}.`);
  }
  const dropped = mlp.layers[hiddenIndex] as DenseLayer;
  const after = mlp.layers[hiddenIndex + 1] as DenseLayer;
  const fanIn = dropped.kernel.shape[0] ?? 0;
  const fanOut = after.kernel.shape[1] ?? 0;
  const bridge: DenseLayer = {
    name: after.name,
    kernel: tf.tidy(() => newVariable(tf.tensor2d(Float32Array.from(glorotUniform(fanIn, fanOut, seed)), [fanIn, fanOut]))),
    bias: tf.tidy(() => newVariable(tf.zeros([fanOut]))),
    activation: after.activation,
    dropout: after.dropout,
  };
  const layers = [...mlp.layers.slice(0, hiddenIndex).map(copyDense), bridge, ...mlp.layers.slice(hiddenIndex + 2).map(copyDense)];
  return new MlpNet(renameDense(layers), mlp.nInputs, mlp.nOutputs);
}
