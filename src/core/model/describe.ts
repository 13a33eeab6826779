import type { Activation, ConvLayerSpec, ImportedModelSpec, ModelSpec, PruneScope, RNN_CELLS } from '../spec/sections';
import { layerName, tensorName } from './names';

/** What a model needs to know of its data: input width, output width, and the image shape when rows are images. */
export interface ModelIo {
  nInputs: number;
  nOutputs: number;
  imageShape?: readonly [number, number, number] | undefined;
}

/** One weight layer of a model spec, computed without tensors (shapes, names, per-sample cost). */
export interface LayerDesc {
  name: string;
  /** A recurrent layer is two weight layers: 'rnn' (input kernel and bias) and 'rnn-recurrent' (recurrent kernel, no bias). */
  type: 'conv2d' | 'dense' | 'rnn' | 'rnn-recurrent';
  /** [in, out] for dense layers, [k, k, in channels, filters] for convolutions (TF.js layout); recurrent: [in or units, gates · units]. */
  kernelShape: number[];
  /** Output units (dense) or filters (conv): the bias length. Recurrent: gates · units for the input kernel, 0 for the recurrent one. */
  units: number;
  /** Output positions per sample: 1 for a dense layer, H·W for a 'same' convolution. */
  positions: number;
  activation: Activation;
  /** Dropout after a dense hidden layer (0 for convolutions and the output layer). */
  dropout: number;
  /** Convolutions: input height × width, and the pooling that follows. */
  inHW?: [number, number];
  pool?: ConvLayerSpec['pool'];
  /** Recurrent layers: the cell and its hidden units (gates · units columns per kernel). */
  cell?: (typeof RNN_CELLS)[number];
  hiddenUnits?: number;
  isOutput: boolean;
}

/** Gates per recurrent cell: their kernels hold gates · units columns (Keras order: LSTM i, f, c, o; GRU z, r, h). */
export const GATES = { simple: 1, lstm: 4, gru: 3 } as const;

/** Keras' layer names: simple_rnn, lstm, gru. */
export const CELL_NAMES = { simple: 'simple_rnn', lstm: 'lstm', gru: 'gru' } as const;

/** Steps × features of a sequence read from an image's rows (h steps of w · c values). */
export function sequenceShape(io: ModelIo): [number, number] | null {
  const image = io.imageShape;
  return image ? [image[0], image[1] * image[2]] : null;
}

export class ModelSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelSpecError';
  }
}

/**
 * The layers a model spec builds on data of this shape: convolutions first (CNN), then the dense
 * hidden layers, then the linear output layer (softmax is part of the loss). Throws a
 * ModelSpecError, with what to change, when the spec cannot fit the data.
 */
export function describeModel(model: ModelSpec, io: ModelIo): LayerDesc[] {
  if (model.kind === 'imported') return describeImported(model, io);
  const layers: LayerDesc[] = [];
  let flat = io.nInputs;
  if (model.kind === 'cnn') {
    const image = io.imageShape;
    if (!image) throw new ModelSpecError('A CNN needs image data (e.g. Digits, 8×8); this dataset has plain feature columns. Choose an MLP.');
    if (image[0] * image[1] * image[2] !== io.nInputs) throw new ModelSpecError(`Image shape ${image.join('×')} does not match ${io.nInputs} features.`);
    let [h, w, c] = image;
    model.conv.forEach((conv, i) => {
      layers.push({
        name: layerName('conv2d', i),
        type: 'conv2d',
        kernelShape: [conv.kernelSize, conv.kernelSize, c, conv.filters],
        units: conv.filters,
        positions: h * w,
        activation: conv.activation,
        dropout: 0,
        inHW: [h, w],
        pool: conv.pool,
        isOutput: false,
      });
      if (conv.pool !== 'none') [h, w] = [Math.floor(h / 2), Math.floor(w / 2)];
      c = conv.filters;
    });
    flat = h * w * c;
    if (flat < 1) throw new ModelSpecError('The pooling layers shrink the image to nothing: use fewer pooling layers.');
  }
  if (model.kind === 'rnn') {
    const seq = sequenceShape(io);
    if (!seq) throw new ModelSpecError('An RNN reads each row as a sequence: choose image data (Digits is read as 8 steps of 8 pixels). This dataset has plain feature columns; choose an MLP.');
    const [steps, features] = seq;
    const g = GATES[model.cell] * model.units;
    const base = { activation: 'tanh' as const, dropout: 0, positions: steps, cell: model.cell, hiddenUnits: model.units, isOutput: false };
    const name = `${CELL_NAMES[model.cell]}_1`;
    layers.push({ ...base, name, type: 'rnn', kernelShape: [features, g], units: g });
    layers.push({ ...base, name: `${name}_recurrent`, type: 'rnn-recurrent', kernelShape: [model.units, g], units: 0 });
    flat = model.units;
  }
  const sizes = [flat, ...model.hidden.map((h) => h.units), io.nOutputs];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const hidden = model.hidden[i];
    const fanIn = sizes[i] as number;
    const fanOut = sizes[i + 1] as number;
    layers.push({
      name: layerName('dense', i, !hidden),
      type: 'dense',
      kernelShape: [fanIn, fanOut],
      units: fanOut,
      positions: 1,
      activation: hidden ? hidden.activation : 'linear',
      dropout: hidden ? hidden.dropout : 0,
      isOutput: !hidden,
    });
  }
  return layers;
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * An imported model's prunable weights as written into its spec when it was opened, after checking
 * that its input takes the data's rows and its output has the width the task needs (naming both).
 */
function describeImported(model: ImportedModelSpec, io: ModelIo): LayerDesc[] {
  const width = size(model.inputShape);
  if (width !== io.nInputs) {
    const image = io.imageShape ? ` (${io.imageShape.join('×')})` : '';
    throw new ModelSpecError(`The model takes inputs of shape ${model.inputShape.join('×')} (${width} values per row); the data has ${io.nInputs} features${image}. Choose data of that shape or another model.`);
  }
  const out = model.outputShape.at(-1) ?? 0;
  if (model.outputShape.length !== 1 || out !== io.nOutputs) {
    throw new ModelSpecError(`The model's output has shape ${model.outputShape.join('×')}; this data and task need ${io.nOutputs} output${io.nOutputs === 1 ? '' : 's'}.`);
  }
  return model.layers.map((l) => ({ name: l.name, type: l.type, kernelShape: [...l.kernelShape], units: l.units, positions: l.positions, activation: 'linear', dropout: 0, isOutput: l.isOutput }));
}

/** Parameters (kernels and biases) of the described model. */
export const countParams = (layers: readonly LayerDesc[]): number => layers.reduce((s, l) => s + size(l.kernelShape) + l.units, 0);

/** Multiply-adds of one forward pass of one sample, convolutions included (kernel size × output positions). */
export const macsPerSample = (layers: readonly LayerDesc[]): number => layers.reduce((s, l) => s + size(l.kernelShape) * l.positions, 0);

/** Per-sample inference FLOPs as accountModel counts them: 2 per multiply-add plus one per bias add, per position. */
export const flopsPerSample = (layers: readonly LayerDesc[]): number => layers.reduce((s, l) => s + l.positions * (2 * size(l.kernelShape) + l.units), 0);

/** Names of the tensors pruning may touch under this scope, in model order. */
export function prunableTensorNames(layers: readonly LayerDesc[], scope: PruneScope): string[] {
  return layers.flatMap((l) => {
    if (l.isOutput && !scope.outputLayer) return [];
    // A recurrent kernel has no bias of its own (the cell's one bias is the input layer's).
    return scope.biases && l.units > 0 ? [tensorName(l.name, 'kernel'), tensorName(l.name, 'bias')] : [tensorName(l.name, 'kernel')];
  });
}
