import { byteText, countText } from '../format';

/**
 * A TF.js LayersModel as files: `model.json` (topology + weights manifest) and its weight shards, as
 * `tensorflowjs_converter` writes them from Keras (Sequential or Functional; the legacy Keras 2
 * layout without a `format` field too; quantized weights). Tensor-free: this checks the files and
 * says what is wrong before TF.js sees them.
 */

export class ImportError extends Error {
  override name = 'ImportError';
}

/** The most weight data PruneLab opens in a tab: a worker holds the model, its masks and an export copy. */
export const MAX_WEIGHT_BYTES = 200 * 1024 * 1024;

export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | string;
  quantization?: { dtype: 'uint8' | 'uint16' | 'float16'; min?: number; scale?: number };
}

export interface WeightGroup {
  paths: string[];
  weights: WeightEntry[];
}

export interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: Record<string, unknown>;
  weightsManifest: WeightGroup[];
}

export interface ModelFile {
  name: string;
  data: ArrayBuffer;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses model.json, or says why it is not a TF.js LayersModel. */
export function parseModelJson(text: string): ModelJson {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`model.json is not valid JSON (${(e as Error).message}).`);
  }
  if (!isObject(doc)) throw new ImportError('model.json does not hold an object; a TF.js LayersModel has "modelTopology" and "weightsManifest".');
  if (doc.format === 'graph-model' || (isObject(doc.modelTopology) && 'node' in doc.modelTopology)) {
    throw new ImportError('This is a TF.js GraphModel (a frozen graph); PruneLab prunes LayersModels. Convert the Keras model with tensorflowjs_converter --output_format=tfjs_layers_model.');
  }
  if (!isObject(doc.modelTopology)) throw new ImportError('model.json has no "modelTopology": it is not a TF.js LayersModel (as tensorflowjs_converter writes from Keras).');
  if (!Array.isArray(doc.weightsManifest)) throw new ImportError('model.json has no "weightsManifest": the weights cannot be found. Export with model.save() or tensorflowjs_converter.');
  for (const g of doc.weightsManifest) {
    if (!isObject(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights)) throw new ImportError('model.json has a malformed "weightsManifest" group (each needs "paths" and "weights").');
  }
  return doc as unknown as ModelJson;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes one manifest entry takes in the shards (quantized entries take their quantized size). */
export function entryBytes(w: WeightEntry): number {
  const n = w.shape.reduce((a, b) => a * b, 1);
  const dtype = w.quantization?.dtype ?? w.dtype;
  const per = DTYPE_BYTES[dtype];
  if (per === undefined) throw new ImportError(`Weight ${w.name} has dtype ${dtype}, which TF.js does not store in layers models.`);
  return n * per;
}

/** The file name a manifest path refers to (paths are relative to model.json). */
const baseName = (p: string): string => p.split('/').pop() ?? p;

/**
 * Finds model.json among the files and concatenates each manifest group's shards in order, checking
 * every shard is there and every group has exactly the bytes its weights need.
 */
export function assembleWeights(files: readonly ModelFile[], maxBytes = MAX_WEIGHT_BYTES): { doc: ModelJson; weightData: ArrayBuffer; weightBytes: number } {
  const jsonFiles = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsonFiles.length === 0) throw new ImportError('No model.json among the files. Pick model.json together with its weight files (e.g. group1-shard1of1.bin).');
  if (jsonFiles.length > 1) throw new ImportError(`Several JSON files were given (${jsonFiles.map((f) => f.name).join(', ')}); pick one model.json and its weight files.`);
  const doc = parseModelJson(new TextDecoder().decode(jsonFiles[0]?.data));
  const byName = new Map(files.map((f) => [baseName(f.name), f] as const));
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const group of doc.weightsManifest) {
    const expected = group.weights.reduce((s, w) => s + entryBytes(w), 0);
    let got = 0;
    for (const p of group.paths) {
      const f = byName.get(baseName(p));
      if (!f) throw new ImportError(`model.json names the weights file "${baseName(p)}", which was not given. Pick it together with model.json.`);
      parts.push(new Uint8Array(f.data));
      got += f.data.byteLength;
    }
    if (got !== expected) {
      throw new ImportError(`The weights files ${group.paths.map(baseName).join(', ')} hold ${countText(got)} bytes, but model.json's manifest needs ${countText(expected)} for its ${group.weights.length} weights: the files do not belong to this model.json, or are truncated.`);
    }
    total += got;
  }
  if (total > maxBytes) throw new ImportError(`This model has ${byteText(total)} of weights; PruneLab opens models up to ${byteText(maxBytes)} in a tab.`);
  const weightData = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    weightData.set(p, off);
    off += p.byteLength;
  }
  return { doc, weightData: weightData.buffer, weightBytes: total };
}

export interface TopologyLayer {
  className: string;
  name: string;
  config: Record<string, unknown>;
}

/** The layers of the topology: a Sequential's or a Functional's, in the Keras 2 (`model_config`) or the TF.js layout. */
export function topologyLayers(doc: ModelJson): TopologyLayer[] {
  const top = isObject(doc.modelTopology.model_config) ? doc.modelTopology.model_config : doc.modelTopology;
  const config = top.config;
  const layers = Array.isArray(config) ? config : isObject(config) && Array.isArray(config.layers) ? config.layers : null;
  if (!layers) throw new ImportError('model.json\'s topology lists no layers (expected "config.layers" under "modelTopology").');
  return layers.filter(isObject).map((l) => {
    const cfg = isObject(l.config) ? l.config : {};
    return { className: String(l.class_name), name: String(cfg.name ?? l.name ?? l.class_name), config: cfg };
  });
}

/** The layer types of the topology that `isKnown` (TF.js's class registry, in the engine) does not know. */
export function unknownLayerTypes(doc: ModelJson, isKnown: (className: string) => boolean): string[] {
  return [...new Set(topologyLayers(doc).map((l) => l.className).filter((c) => !isKnown(c)))];
}

/**
 * Prunable weight slots per layer type: the kernels whose entries pruning zeroes. Biases, batch-norm
 * statistics and embeddings stay as they are; layers with no slot are listed as "not pruned".
 */
export const PRUNABLE_SLOTS: Readonly<Record<string, readonly string[]>> = {
  Dense: ['kernel'],
  Conv1D: ['kernel'],
  Conv2D: ['kernel'],
  Conv3D: ['kernel'],
  Conv2DTranspose: ['kernel'],
  DepthwiseConv2D: ['depthwise_kernel'],
  SeparableConv1D: ['depthwise_kernel', 'pointwise_kernel'],
  SeparableConv2D: ['depthwise_kernel', 'pointwise_kernel'],
  SimpleRNN: ['kernel', 'recurrent_kernel'],
  LSTM: ['kernel', 'recurrent_kernel'],
  GRU: ['kernel', 'recurrent_kernel'],
};

/** The slot a weight fills in its layer: "conv_dw_1/depthwise_kernel" → "depthwise_kernel"; "lstm/lstm_cell/kernel" → "kernel". */
export const slotOf = (weightName: string): string => weightName.split('/').pop()?.replace(/:\d+$/, '') ?? weightName;

/** SHA-256 (lowercase hex) of model.json's bytes followed by its weight data in manifest order: how a spec names its model files. */
export async function modelFilesSha256(files: readonly ModelFile[]): Promise<string> {
  const json = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (!json) throw new ImportError('No model.json among the files.');
  const { weightData } = assembleWeights(files);
  const all = new Uint8Array(json.data.byteLength + weightData.byteLength);
  all.set(new Uint8Array(json.data), 0);
  all.set(new Uint8Array(weightData), json.data.byteLength);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
