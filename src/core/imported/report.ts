/** What PruneLab says about an imported model and its pruning: tensor-free, shared by the worker, the app and the CLI. */

export interface ImportedLayer {
  name: string;
  className: string;
  /** Output shape without the batch axis, e.g. "8×8×16"; "—" when the layer has several outputs. */
  outputShape: string;
  params: number;
  /** Multiply-adds per sample of this layer's kernels (Dense, convolutions, recurrent layers); 0 for the others. */
  macs: number;
  /** FLOPs per sample as PruneLab counts them everywhere: 2 per multiply-add plus one per bias add. */
  flops: number;
  /** Weight slots pruning can zero ("kernel", "depthwise_kernel", …); empty when the layer has none. */
  prunable: string[];
}

export interface ImportedSummary {
  /** The topology's model name, or the file's. */
  name: string;
  /** 'layers-model' (TF.js, converter ≥ 1.0) or 'legacy (no format field)'. */
  format: string;
  generatedBy: string | null;
  layers: ImportedLayer[];
  totalParams: number;
  totalMacs: number;
  totalFlops: number;
  prunableParams: number;
  /** Weight data as stored (quantized models store fewer bytes per weight). */
  storedBytes: number;
  /** float32 weights, gzip level 9: what a pruned export compresses to. */
  gzipBytes: number;
  quantized: boolean;
  inputShape: number[];
  outputShape: number[];
  /** Layers with weights pruning leaves as they are (batch norm, embeddings…). */
  notPruned: string[];
}

export const IMPORTED_METHODS = {
  'magnitude-global': 'Magnitude (global): one |w| threshold over every prunable kernel (torch global_unstructured)',
  'magnitude-layer': 'Magnitude (layer-wise): the same fraction of each kernel (torch l1_unstructured per layer, tfmot)',
  nm: 'N:M semi-structured: keep the N largest of every M consecutive input weights',
  random: 'Random (baseline): the same fraction of each kernel, drawn from the seed',
  'filters-l1': 'Filters / units by L1 norm: zero whole output channels of each kernel, smallest norm first (torch ln_structured, n=1, dim=-1)',
} as const;

export type ImportedMethod = keyof typeof IMPORTED_METHODS;
export const IMPORTED_METHOD_IDS = Object.keys(IMPORTED_METHODS) as ImportedMethod[];

export interface ImportedPruneRequest {
  method: ImportedMethod;
  /** Fraction of the prunable weights (or of each kernel's output channels, for filters-l1) to zero. Ignored by N:M. */
  sparsity: number;
  nm?: { n: number; m: number };
  seed?: number;
}

export interface PrunedSlot {
  layer: string;
  slot: string;
  shape: number[];
  zeros: number;
  total: number;
  /** filters-l1: output channels zeroed of all. */
  channels?: { zeroed: number; total: number };
}

export interface ImportedPruneReport {
  method: ImportedMethod;
  sparsity: number;
  slots: PrunedSlot[];
  /** Zeros over all prunable weights. */
  achieved: number;
  nonzeroParams: number;
  totalParams: number;
  gzipBefore: number;
  gzipAfter: number;
  notPruned: string[];
}

/**
 * Multiply-adds per sample of a layer from its kernel shapes and output shape (no batch axis).
 * A kernel [..., outChannels] costs (its size / outChannels) per output element; depthwise kernels
 * [kh, kw, cin, mult] cost kh·kw per output element; a recurrent layer costs its kernels once per step.
 */
export function layerMacs(className: string, kernels: Record<string, number[]>, inShape: number[], outShape: number[]): number {
  const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  const size = (slot: string) => prod(kernels[slot] ?? [0]);
  const outElems = prod(outShape);
  switch (className) {
    case 'Dense':
    case 'Conv1D':
    case 'Conv2D':
    case 'Conv3D': {
      const k = kernels.kernel;
      const cout = k?.at(-1) ?? 1;
      return k ? outElems * (size('kernel') / cout) : 0;
    }
    case 'Conv2DTranspose': {
      const k = kernels.kernel; // [kh, kw, cout, cin]
      return k ? prod(inShape) * (k[0] ?? 1) * (k[1] ?? 1) * (k[2] ?? 1) : 0;
    }
    case 'DepthwiseConv2D': {
      const k = kernels.depthwise_kernel;
      return k ? outElems * (k[0] ?? 1) * (k[1] ?? 1) : 0;
    }
    case 'SeparableConv1D':
    case 'SeparableConv2D': {
      const d = kernels.depthwise_kernel;
      const p = kernels.pointwise_kernel; // [1, 1, cin·mult, cout]
      if (!d || !p) return 0;
      const positions = outElems / (p.at(-1) ?? 1);
      const spatial = d.slice(0, -2).reduce((a, b) => a * b, 1);
      return positions * (prod(d.slice(-2)) * spatial + size('pointwise_kernel'));
    }
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU': {
      const steps = inShape.length >= 2 ? (inShape[0] ?? 1) : 1;
      return steps * (size('kernel') + size('recurrent_kernel'));
    }
    default:
      return 0;
  }
}

/**
 * FLOPs per sample of a layer: 2 per multiply-add, plus one add per bias entry per output position
 * (a recurrent layer adds its bias once per step). Layers without kernels count 0.
 */
export function layerFlops(className: string, macs: number, biasLength: number, inShape: number[], outShape: number[]): number {
  if (macs === 0) return 0;
  const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  const rnn = className === 'SimpleRNN' || className === 'LSTM' || className === 'GRU';
  const biasAdds = biasLength === 0 ? 0 : rnn ? (inShape.length >= 2 ? (inShape[0] ?? 1) : 1) * biasLength : prod(outShape);
  return 2 * macs + biasAdds;
}

/** "8×8×16" for a shape without its batch axis. */
export const shapeText = (s: readonly (number | null)[]): string => (s.length ? s.map((d) => (d === null ? '?' : String(d))).join('×') : 'scalar');
