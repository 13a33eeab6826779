import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { gzipSync } from 'fflate';
import { assembleWeights, ImportError, PRUNABLE_SLOTS, slotOf, unknownLayerTypes, type ModelFile, type ModelJson } from '../../imported/modelJson';
import { layerFlops, layerMacs, shapeText, type ImportedLayer, type ImportedSummary } from '../../imported/report';
import type { ModelFiles } from '../../run/protocol';
import { saveLayersModel } from '../export';

/** An imported LayersModel held by the engine, with what was read from its files. */
export interface OpenedModel {
  model: LayersModel;
  doc: ModelJson;
  summary: ImportedSummary;
}

type LayerVariable = LayersModel['layers'][number]['weights'][number];

const known = (className: string): boolean => tf.serialization.SerializationMap.getMap().classNameMap[className] !== undefined;

const noBatch = (s: unknown): number[] => {
  if (!Array.isArray(s)) return [];
  const shape = (Array.isArray(s[0]) ? (s.length === 1 ? s[0] : []) : s) as (number | null)[];
  return shape.slice(1).map((d) => d ?? 0);
};

/** The prunable weights of a layer: its kernels named in PRUNABLE_SLOTS (biases and statistics stay). */
export function prunableWeights(layer: LayersModel['layers'][number]): LayerVariable[] {
  const slots = PRUNABLE_SLOTS[layer.getClassName()] ?? [];
  return layer.weights.filter((w) => slots.includes(slotOf(w.originalName)));
}

/** Every weight of the model, concatenated as float32 (for counting zeros and gzip sizes). */
export async function allWeightValues(model: LayersModel): Promise<Float32Array> {
  const parts = await Promise.all(model.weights.map((w) => w.read().data() as Promise<Float32Array>));
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export const gzipSize = (values: Float32Array): number => gzipSync(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), { level: 9, mtime: 0 }).length;

/**
 * Opens a model from its files: model.json and weight shards are checked (missing, mismatched,
 * too large, unknown layer types) before TF.js loads it, and TF.js's own refusals are reworded.
 */
export async function openModel(files: readonly ModelFile[], fileName = 'model.json'): Promise<OpenedModel> {
  const { model, doc, weightBytes } = await loadModel(files);
  try {
    return { model, doc, summary: await summarize(model, doc, weightBytes, fileName) };
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/** The checks and the load of openModel, without the summary (for reloading files already summarised). */
export async function loadModel(files: readonly ModelFile[]): Promise<{ model: LayersModel; doc: ModelJson; weightBytes: number }> {
  const { doc, weightData, weightBytes } = assembleWeights(files);
  const unknown = unknownLayerTypes(doc, known);
  if (unknown.length) {
    throw new ImportError(`This model uses layer types TF.js cannot load: ${unknown.join(', ')}. Custom layers need their code, which a model file does not carry; rebuild the model with built-in layers before converting.`);
  }
  const handler: tf.io.IOHandler = {
    load: async () => ({
      modelTopology: doc.modelTopology,
      weightSpecs: doc.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
      weightData,
      ...(doc.format ? { format: doc.format } : {}),
      ...(doc.generatedBy ? { generatedBy: doc.generatedBy } : {}),
      ...(doc.convertedBy ? { convertedBy: doc.convertedBy } : {}),
    }),
  };
  let model: LayersModel;
  try {
    model = await loadLayersModel(handler, { strict: true });
  } catch (e) {
    const msg = (e as Error).message;
    throw new ImportError(`TF.js could not build this model from its files: ${msg.split('\n')[0]}`);
  }
  return { model, doc, weightBytes };
}

async function summarize(model: LayersModel, doc: ModelJson, storedBytes: number, fileName: string): Promise<ImportedSummary> {
  const layers: ImportedLayer[] = model.layers.map((l) => {
    const kernels: Record<string, number[]> = {};
    for (const w of l.weights) kernels[slotOf(w.originalName)] = [...w.shape] as number[];
    const out = l.outputShape as unknown;
    const multi = Array.isArray(out) && Array.isArray(out[0]) && out.length > 1;
    let inShape: number[] = [];
    try {
      const input = l.input as { shape: (number | null)[] } | { shape: (number | null)[] }[];
      inShape = noBatch(Array.isArray(input) ? (input.length === 1 ? input[0]?.shape : []) : input.shape);
    } catch {
      inShape = []; // a layer with several inbound nodes has no single input shape
    }
    const outShape = multi ? [] : noBatch(out);
    const className = l.getClassName();
    const macs = layerMacs(className, kernels, inShape, outShape);
    const bias = kernels.bias ? tf.util.sizeFromShape(kernels.bias) : 0;
    return {
      name: l.name,
      className,
      outputShape: multi ? '—' : shapeText(outShape),
      params: l.countParams(),
      macs,
      flops: layerFlops(className, macs, bias, inShape, outShape),
      prunable: prunableWeights(l).map((w) => slotOf(w.originalName)),
    };
  });
  const values = await allWeightValues(model);
  const totalParams = layers.reduce((n, l) => n + l.params, 0);
  const prunableParams = model.layers.flatMap(prunableWeights).reduce((n, w) => n + tf.util.sizeFromShape(w.shape as number[]), 0);
  const topName = (doc.modelTopology.model_config as { config?: { name?: string } } | undefined)?.config?.name ?? (doc.modelTopology.config as { name?: string } | undefined)?.name;
  const inShape = model.inputs[0]?.shape ?? [];
  const outShape = model.outputs[0]?.shape ?? [];
  return {
    name: topName ?? model.name ?? fileName,
    format: doc.format ?? 'legacy (no format field)',
    generatedBy: doc.generatedBy ?? null,
    layers,
    totalParams,
    totalMacs: layers.reduce((n, l) => n + l.macs, 0),
    totalFlops: layers.reduce((n, l) => n + l.flops, 0),
    prunableParams,
    storedBytes,
    gzipBytes: gzipSize(values),
    quantized: doc.weightsManifest.some((g) => g.weights.some((w) => w.quantization)),
    inputShape: inShape.slice(1).map((d) => d ?? 0),
    outputShape: outShape.slice(1).map((d) => d ?? 0),
    notPruned: layers.filter((l) => l.params > 0 && l.prunable.length === 0).map((l) => `${l.name} (${l.className})`),
  };
}

/** Saves the model as TF.js Layers files (float32 weights; pruned weights are +0), keeping its topology as loaded. */
export const saveModel = (opened: OpenedModel, label: string): Promise<ModelFiles> => saveLayersModel(opened.model, label, opened.doc.generatedBy ?? 'unknown');
