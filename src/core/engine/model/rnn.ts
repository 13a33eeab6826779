import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { GATES, type LayerDesc } from '../../model/describe';
import { glorotUniform, orthogonal } from '../../model/init';
import { deriveSeed } from '../../rng';
import type { RNN_CELLS } from '../../spec/sections';
import { DenseHeadNet } from './base';
import { copyDense, createDense, denseStack, denseWeightLayer, disposeDense, newVariable, type DenseLayer } from './dense';
import { addDenseLayers, checkKept, tfLayers, type OutputHead } from './mlp';
import type { DropoutMasks, UnitGroup, WeightLayer } from './network';

type Cell = (typeof RNN_CELLS)[number];

/** One recurrent layer as variables, in Keras' layout: kernel [in, g·u], recurrent kernel [u, g·u], bias [g·u]. */
export interface RecurrentLayer {
  name: string;
  cell: Cell;
  kernel: tf.Variable;
  recurrentKernel: tf.Variable;
  bias: tf.Variable;
  /** The recurrent kernel's weight layer has no bias of its own: an empty variable keeps the accounting uniform. */
  noBias: tf.Variable;
}

const units = (r: RecurrentLayer): number => r.recurrentKernel.shape[0] ?? 0;

const gatherCols = (v: tf.Tensor, idx: readonly number[], axis: number): tf.Tensor => tf.gather(v, tf.tensor1d(Int32Array.from(idx), 'int32'), axis);

/**
 * An RNN over the rows of an image read as a sequence (steps × features), as Keras computes it
 * (LSTM gates i, f, c, o with sigmoid recurrent activations; the original GRU with the reset gate
 * applied before the recurrent product), its last hidden state into a dense head. Pruning sees two
 * weight layers per recurrent layer — the input kernel ("lstm_1") and the recurrent kernel
 * ("lstm_1_recurrent") — so they can be pruned together or apart; structural pruning removes
 * hidden units with all their gates.
 */
export class RnnNet extends DenseHeadNet {
  readonly kind = 'rnn' as const;

  constructor(
    readonly rnn: RecurrentLayer,
    readonly layers: DenseLayer[],
    readonly steps: number,
    readonly features: number,
    readonly nInputs: number,
    readonly nOutputs: number,
  ) {
    super();
  }

  /** Keras' initialisers: Glorot-uniform kernel, orthogonal recurrent kernel, zero bias (LSTM: forget gate 1). */
  static create(descs: readonly LayerDesc[], steps: number, features: number, nInputs: number, nOutputs: number, seed: number): RnnNet {
    const input = descs.find((d) => d.type === 'rnn');
    if (!input?.cell || !input.hiddenUnits) throw new Error('An RNN spec describes no recurrent layer.');
    const { cell } = input;
    const u = input.hiddenUnits;
    const g = GATES[cell] * u;
    const bias = new Float32Array(g);
    if (cell === 'lstm') bias.fill(1, u, 2 * u); // unit_forget_bias
    const rnn: RecurrentLayer = {
      name: input.name,
      cell,
      kernel: tf.tidy(() => newVariable(tf.tensor2d(Float32Array.from(glorotUniform(features, g, deriveSeed(seed, 200))), [features, g]))),
      recurrentKernel: tf.tidy(() => newVariable(tf.tensor2d(Float32Array.from(orthogonal(u, g, deriveSeed(seed, 201))), [u, g]))),
      bias: tf.tidy(() => newVariable(tf.tensor1d(bias))),
      noBias: tf.tidy(() => newVariable(tf.zeros([0]))),
    };
    return new RnnNet(rnn, createDense(descs.filter((d) => d.type === 'dense'), seed), steps, features, nInputs, nOutputs);
  }

  get weightLayers(): WeightLayer[] {
    const r = this.rnn;
    return [
      { name: r.name, type: 'rnn', kernel: r.kernel, bias: r.bias, positions: this.steps },
      { name: `${r.name}_recurrent`, type: 'rnn-recurrent', kernel: r.recurrentKernel, bias: r.noBias, positions: this.steps },
      ...this.layers.map(denseWeightLayer),
    ];
  }

  /** The last hidden state of the sequence (n × units). */
  hidden(x: tf.Tensor2D): tf.Tensor2D {
    const n = x.shape[0];
    const r = this.rnn;
    const u = units(r);
    const g = GATES[r.cell] * u;
    // Every step's input product at once: (n·steps × features) · kernel + bias.
    const xz = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [n * this.steps, this.features]), r.kernel as tf.Tensor2D), r.bias), [n, this.steps, g]);
    const U = r.recurrentKernel as tf.Tensor2D;
    let h = tf.zeros([n, u]) as tf.Tensor2D;
    let c = tf.zeros([n, u]) as tf.Tensor2D;
    for (let t = 0; t < this.steps; t++) {
      const zx = tf.reshape(tf.slice(xz, [0, t, 0], [n, 1, g]), [n, g]) as tf.Tensor2D;
      if (r.cell === 'simple') h = tf.tanh(tf.add(zx, tf.matMul(h, U))) as tf.Tensor2D;
      else if (r.cell === 'lstm') {
        const [i, f, cc, o] = tf.split(tf.add(zx, tf.matMul(h, U)), 4, 1) as tf.Tensor2D[];
        c = tf.add(tf.mul(tf.sigmoid(f as tf.Tensor2D), c), tf.mul(tf.sigmoid(i as tf.Tensor2D), tf.tanh(cc as tf.Tensor2D)));
        h = tf.mul(tf.sigmoid(o as tf.Tensor2D), tf.tanh(c));
      } else {
        const [xZ, xR, xH] = tf.split(zx, 3, 1) as tf.Tensor2D[];
        const [hZ, hR] = tf.split(tf.matMul(h, tf.slice(U, [0, 0], [u, 2 * u])), 2, 1) as tf.Tensor2D[];
        const z = tf.sigmoid(tf.add(xZ as tf.Tensor2D, hZ as tf.Tensor2D));
        const rr = tf.sigmoid(tf.add(xR as tf.Tensor2D, hR as tf.Tensor2D));
        const hh = tf.tanh(tf.add(xH as tf.Tensor2D, tf.matMul(tf.mul(rr, h), tf.slice(U, [0, 2 * u], [u, u]))));
        h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh));
      }
    }
    return h;
  }

  forward(x: tf.Tensor2D, dropout?: DropoutMasks): tf.Tensor2D {
    return denseStack(this.layers, this.hidden(x), dropout);
  }

  /** The recurrent layer's hidden units (each with its gates), then the dense hidden layers' neurons. */
  unitGroups(): UnitGroup[] {
    return [{ name: this.rnn.name, units: units(this.rnn) }, ...this.layers.slice(0, -1).map((l) => ({ name: l.name, units: l.kernel.shape[1] ?? 0 }))];
  }

  shrink(kept: readonly (readonly number[])[]): RnnNet {
    checkKept(this.unitGroups(), kept);
    const r = this.rnn;
    const u = units(r);
    const keep = kept[0] ?? [];
    const cols = Array.from({ length: GATES[r.cell] }, (_, k) => keep.map((j) => k * u + j)).flat();
    const rnn: RecurrentLayer = {
      ...r,
      kernel: tf.tidy(() => newVariable(gatherCols(r.kernel, cols, 1))),
      recurrentKernel: tf.tidy(() => newVariable(gatherCols(gatherCols(r.recurrentKernel, keep, 0), cols, 1))),
      bias: tf.tidy(() => newVariable(gatherCols(r.bias, cols, 0))),
      noBias: tf.tidy(() => newVariable(tf.zeros([0]))),
    };
    const layers = this.layers.map((l, i) =>
      tf.tidy(() => {
        const out = kept[i + 1];
        const inp = kept[i] ?? [];
        let kernel = gatherCols(l.kernel, inp, 0);
        let bias: tf.Tensor = l.bias.clone();
        if (out) {
          kernel = gatherCols(kernel, out, 1);
          bias = gatherCols(bias, out, 0);
        }
        return { ...l, kernel: newVariable(kernel), bias: newVariable(bias) };
      }),
    );
    return new RnnNet(rnn, layers, this.steps, this.features, this.nInputs, this.nOutputs);
  }

  clone(): RnnNet {
    const r = this.rnn;
    const copy = (v: tf.Variable) => tf.tidy(() => newVariable(v.clone()));
    return new RnnNet({ ...r, kernel: copy(r.kernel), recurrentKernel: copy(r.recurrentKernel), bias: copy(r.bias), noBias: copy(r.noBias) }, this.layers.map(copyDense), this.steps, this.features, this.nInputs, this.nOutputs);
  }

  /** A Sequential taking [steps, features] sequences: the Keras recurrent layer (sigmoid recurrent activation), then the dense head. */
  async toLayersModel(head: OutputHead = 'softmax'): Promise<LayersModel> {
    const { sequential, layers: tfl } = await tfLayers();
    const r = this.rnn;
    // Zeros: the weights are set below (and TF.js's orthogonal initialiser fails on some backends).
    const common = { units: units(r), inputShape: [this.steps, this.features], name: r.name, kernelInitializer: 'zeros' as const, recurrentInitializer: 'zeros' as const };
    const model = sequential();
    if (r.cell === 'simple') model.add(tfl.simpleRNN({ ...common, activation: 'tanh' }));
    else if (r.cell === 'lstm') model.add(tfl.lstm({ ...common, activation: 'tanh', recurrentActivation: 'sigmoid' }));
    else model.add(tfl.gru({ ...common, activation: 'tanh', recurrentActivation: 'sigmoid' }));
    addDenseLayers(tfl, model, this.layers, undefined, head);
    model.setWeights([r.kernel, r.recurrentKernel, r.bias, ...this.layers.flatMap((l) => [l.kernel, l.bias])]);
    return model;
  }

  dispose(): void {
    const r = this.rnn;
    [r.kernel, r.recurrentKernel, r.bias, r.noBias].forEach((v) => v.dispose());
    disposeDense(this.layers);
  }
}

