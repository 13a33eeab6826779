import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { PRUNABLE_SLOTS, slotOf, type ModelFile } from '../../imported/modelJson';
import { importedWeightName, importedWeightType } from '../../imported/weights';
import type { ImportedModelSpec } from '../../spec/sections';
import { newVariable } from '../model/dense';
import { layerFlops, type DropoutMasks, type Network, type UnitGroup, type WeightLayer } from '../model/network';

type Config = Record<string, unknown> & { layers?: { className: string; name?: string; config: Record<string, unknown> }[]; outputLayers?: unknown[][] };
type Layer = LayersModel['layers'][number];

/**
 * An imported model as the engine trains it: its topology twice (as stored, for export; and for
 * training — the output's softmax removed, since the loss applies it, and dropout off, since
 * TF.js draws dropout masks without a seed) and the weights as opened. Every network made from it
 * starts from those weights. Held per host, keyed by the files' SHA-256.
 */
export interface ImportedTemplate {
  sha256: string;
  className: string;
  stored: Config;
  training: Config;
  weights: tf.Tensor[];
  /** The stored output activation ('softmax' for a Keras classifier). */
  outputActivation: string;
  dispose(): void;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The name of the layer whose output is the model's output. */
function outputLayerName(cfg: Config): string | undefined {
  const out = cfg.outputLayers?.[0]?.[0];
  return typeof out === 'string' ? out : cfg.layers?.at(-1)?.name ?? (cfg.layers?.at(-1)?.config.name as string | undefined);
}

/** The training topology: the output layer's softmax becomes linear (logits), every dropout rate 0. */
function trainingConfig(stored: Config): { config: Config; outputActivation: string } {
  const cfg = clone(stored);
  const outName = outputLayerName(cfg);
  let outputActivation = 'linear';
  for (const l of cfg.layers ?? []) {
    const name = l.name ?? l.config.name;
    if (l.className === 'Dropout' || l.className === 'SpatialDropout1D' || l.className === 'SpatialDropout2D' || l.className === 'GaussianDropout' || l.className === 'AlphaDropout') l.config.rate = 0;
    if (name !== outName) continue;
    if (l.className === 'Softmax') {
      outputActivation = 'softmax';
      l.className = 'Activation';
      l.config = { name: l.config.name, trainable: l.config.trainable ?? true, dtype: l.config.dtype ?? 'float32', activation: 'linear' };
    } else if (typeof l.config.activation === 'string') {
      outputActivation = l.config.activation;
      if (outputActivation === 'softmax') l.config.activation = 'linear';
    }
  }
  return { config: cfg, outputActivation };
}

const instantiate = (className: string, config: Config): LayersModel => {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (!entry) throw new Error(`TF.js does not know the model class ${className}.`);
  return entry[1](entry[0], clone(config) as unknown as tf.serialization.ConfigDict) as unknown as LayersModel;
};

/** Loads the files once per host; networks are then made from it synchronously. */
export async function loadImportedTemplate(files: readonly ModelFile[], sha256: string): Promise<ImportedTemplate> {
  // TF.js Layers loads with the first imported model, never at a worker's start-up.
  const { loadModel } = await import('./model');
  const { model } = await loadModel(files);
  try {
    return templateOf(model, sha256);
  } finally {
    model.dispose();
  }
}

/** The template of a loaded model: its topologies and a copy of its weights (the model stays the caller's). */
function templateOf(model: LayersModel, sha256: string): ImportedTemplate {
  const stored = model.getConfig() as Config;
  const { config, outputActivation } = trainingConfig(stored);
  const weights = model.getWeights().map((w) => tf.keep(w.clone()));
  return { sha256, className: model.getClassName(), stored, training: config, weights, outputActivation, dispose: () => weights.forEach((w) => w.dispose()) };
}

/** The prunable weights of each layer as WeightLayers: one per kernel slot; the layer's bias rides with its 'kernel' slot, else its last one. */
function weightLayersOf(model: LayersModel): { weightLayers: WeightLayer[]; other: tf.Variable[] } {
  const outName = model.outputLayers[0]?.name;
  const weightLayers: WeightLayer[] = [];
  const used = new Set<unknown>();
  const empty = (): tf.Variable => newVariable(tf.zeros([0]));
  for (const layer of model.layers as Layer[]) {
    const slots = PRUNABLE_SLOTS[layer.getClassName()] ?? [];
    const kernels = layer.weights.filter((w) => slots.includes(slotOf(w.originalName)));
    if (kernels.length === 0) continue;
    const bias = layer.weights.find((w) => slotOf(w.originalName) === 'bias');
    const biasSlot = kernels.some((k) => slotOf(k.originalName) === 'kernel') ? 'kernel' : slotOf(kernels.at(-1)?.originalName ?? '');
    const outShape = layer.outputShape as (number | null)[];
    const positions = Math.max(1, outShape.slice(1, -1).reduce<number>((a, d) => a * (d ?? 1), 1));
    let inSteps = 1;
    try {
      const shape = (layer.input as { shape: (number | null)[] }).shape;
      inSteps = shape[1] ?? 1;
    } catch {
      inSteps = 1;
    }
    for (const k of kernels) {
      const slot = slotOf(k.originalName);
      const type = importedWeightType(layer.getClassName(), slot);
      const withBias = slot === biasSlot && bias !== undefined;
      if (withBias) used.add(bias);
      used.add(k);
      weightLayers.push({
        name: importedWeightName(layer.name, slot),
        type,
        kernel: k.read() as tf.Variable,
        bias: withBias ? (bias.read() as tf.Variable) : empty(),
        positions: type === 'rnn' || type === 'rnn-recurrent' ? inSteps : positions,
        isOutput: layer.name === outName,
      });
    }
  }
  const other = model.trainableWeights.filter((w) => !used.has(w)).map((w) => w.read() as tf.Variable);
  return { weightLayers, other };
}

/**
 * A Network over an imported LayersModel: the forward pass is the model's own (training mode while
 * training: batch norm uses the batch and updates its moving statistics), the prunable kernels
 * are its variables, so masks and optimizers act on the model itself. Its graph is kept: there are
 * no unit groups to shrink.
 */
export class ImportedNet implements Network {
  readonly kind = 'imported' as const;
  readonly weightLayers: WeightLayer[];
  private readonly other: tf.Variable[];
  private readonly emptyBiases: tf.Variable[];
  private readonly inputShape: number[];

  private constructor(
    private readonly template: ImportedTemplate,
    private readonly model: LayersModel,
    readonly nInputs: number,
    readonly nOutputs: number,
  ) {
    const { weightLayers, other } = weightLayersOf(model);
    this.weightLayers = weightLayers;
    this.other = other;
    this.emptyBiases = weightLayers.map((l) => l.bias).filter((b) => b.size === 0);
    this.inputShape = (model.inputs[0]?.shape ?? []).slice(1).map((d) => d ?? 1);
  }

  /** A network with the template's weights (or the given ones). */
  static create(template: ImportedTemplate, spec: Pick<ImportedModelSpec, 'sha256' | 'name'>, nInputs: number, nOutputs: number): ImportedNet {
    if (template.sha256 !== spec.sha256) throw new Error(`The model files held here are not "${spec.name}" (their SHA-256 differs); open its files again.`);
    return ImportedNet.withWeights(template, nInputs, nOutputs, template.weights);
  }

  private static withWeights(template: ImportedTemplate, nInputs: number, nOutputs: number, weights: readonly tf.Tensor[]): ImportedNet {
    const model = instantiate(template.className, template.training);
    model.setWeights(weights as tf.Tensor[]);
    return new ImportedNet(template, model, nInputs, nOutputs);
  }

  /** Trainable variables that are not prunable kernels or their biases (batch-norm scales and offsets, other biases). */
  otherTrainable(): tf.Variable[] {
    return this.other;
  }

  forward(x: tf.Tensor2D, dropout?: DropoutMasks): tf.Tensor2D {
    return tf.tidy(() => {
      const n = x.shape[0];
      const y = this.model.apply(tf.reshape(x, [n, ...this.inputShape]), { training: dropout !== undefined }) as tf.Tensor;
      return tf.reshape(y, [n, -1]) as tf.Tensor2D;
    });
  }

  dropoutLayers() {
    return [];
  }

  params(): number {
    return this.model.countParams();
  }

  flops(): number {
    return layerFlops(this.weightLayers);
  }

  unitGroups(): UnitGroup[] {
    return [];
  }

  shrink(): Network {
    throw new Error('An imported model keeps its graph: its units cannot be removed here.');
  }

  clone(): ImportedNet {
    return ImportedNet.withWeights(this.template, this.nInputs, this.nOutputs, this.model.getWeights());
  }

  /** The model as stored (its own output activation, its dropout), with this network's weights. */
  async toLayersModel(): Promise<LayersModel> {
    await import('@tensorflow/tfjs-layers');
    const out = instantiate(this.template.className, this.template.stored);
    out.setWeights(this.model.getWeights());
    return out;
  }

  dispose(): void {
    this.model.dispose();
    this.emptyBiases.forEach((b) => b.dispose());
  }
}

/** What an imported model's spec records of it, from its files: opened here, summarised, and its prunable weights listed. */
export async function importedSpecOf(files: readonly ModelFile[], sha256: string, penalties: { l1: number; l2: number } = { l1: 0, l2: 0 }): Promise<ImportedModelSpec> {
  const { openModel } = await import('./model');
  const opened = await openModel(files);
  // One load: the summary and the template both come from the opened model.
  const template = templateOf(opened.model, sha256);
  try {
    const net = ImportedNet.create(template, { sha256, name: '' }, 1, 1);
    try {
      const s = opened.summary;
      return {
        kind: 'imported',
        name: s.name,
        sha256,
        inputShape: s.inputShape,
        outputShape: s.outputShape,
        outputActivation: template.outputActivation,
        layers: net.weightLayers.map((l) => ({ name: l.name, type: l.type, kernelShape: [...l.kernel.shape], units: l.bias.size, positions: l.positions, isOutput: l.isOutput ?? false })),
        params: s.totalParams,
        flops: s.totalFlops,
        ...penalties,
      };
    } finally {
      net.dispose();
    }
  } finally {
    template.dispose();
    opened.model.dispose();
  }
}
