import { seriesLabel } from '../kinds/sweep';
import type { Activation } from '../spec/sections';

/** One weight layer of a snapshot: kernel [in, out] (dense) or [kh, kw, in, out] (conv), row-major as TF.js holds it. */
export interface LayerSnapshot {
  name: string;
  type: 'dense' | 'conv2d';
  shape: number[];
  kernel: Float32Array;
  bias: Float32Array;
  /** Dense layers: the activation after the layer ('linear' for the output logits). */
  activation: Activation;
}

/**
 * A network's weights at one moment of a run, for the teaching views (decision boundary, network
 * diagram, filter grid). Pruned weights are exact zeros (masks zero them); removed units are gone.
 * Only the run's first fold job sends these, and only when the app asks (RunOptions.teach).
 */
export interface NetSnapshot {
  /** 'epoch' while training; otherwise the moment's tag: 'dense', 'trained', 'point:<series>@<target>', 'shrunk'. */
  tag: string;
  /** training: a live epoch of the dense model; retraining: a pruned model being fine-tuned (AGP prunes here); moment: a finished model. */
  stage: 'training' | 'retraining' | 'moment';
  /** Epoch within the fold's curve (training and fine-tuning), or null for a moment. */
  epoch: number | null;
  kind: 'mlp' | 'cnn';
  layers: LayerSnapshot[];
  /** The fold's StandardScaler (inputs are standardised with it before the first layer), or null. */
  scaler: { mean: number[]; scale: number[] } | null;
  /** Wall clock of the job when taken (ms since the job started), to order snapshots. */
  atMs: number;
}

/** Fraction of kernel weights that are exactly zero (pruned). */
export function kernelSparsity(s: Pick<NetSnapshot, 'layers'>): number {
  let zeros = 0;
  let total = 0;
  for (const l of s.layers) {
    total += l.kernel.length;
    for (const w of l.kernel) if (w === 0) zeros++;
  }
  return total ? zeros / total : 0;
}

/** Weights (kernels and biases) in the snapshot: a shrunk network counts only what is left. */
export const snapshotParams = (s: Pick<NetSnapshot, 'layers'>): number => s.layers.reduce((n, l) => n + l.kernel.length + l.bias.length, 0);

function activate(v: number, a: Activation): number {
  switch (a) {
    case 'relu':
      return v > 0 ? v : 0;
    case 'tanh':
      return Math.tanh(v);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-v));
    case 'elu':
      return v > 0 ? v : Math.exp(v) - 1;
    case 'linear':
      return v;
  }
}

/**
 * The outputs of an MLP snapshot for n raw rows (x: n × nIn, row-major): standardised with the
 * fold's scaler, through the dense layers, the last one linear. Plain JS: the main thread draws
 * with it without TF.js. Returns n × nOut.
 */
export function forwardSnapshot(s: NetSnapshot, x: ArrayLike<number>, n: number): Float32Array {
  const dense = s.layers.filter((l) => l.type === 'dense');
  const first = dense[0];
  if (s.kind !== 'mlp' || !first) throw new Error('The main thread draws MLP snapshots only.');
  const nIn = first.shape[0] ?? 0;
  let h = new Float32Array(n * nIn);
  for (let i = 0; i < n * nIn; i++) {
    const f = i % nIn;
    const v = x[i] ?? 0;
    h[i] = s.scaler ? (v - (s.scaler.mean[f] ?? 0)) / (s.scaler.scale[f] ?? 1) : v;
  }
  let width = nIn;
  for (const l of dense) {
    const out = l.shape[1] ?? 0;
    const next = new Float32Array(n * out);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < out; j++) {
        let acc = l.bias[j] ?? 0;
        for (let k = 0; k < width; k++) acc += (h[r * width + k] ?? 0) * (l.kernel[k * out + j] ?? 0);
        next[r * out + j] = activate(acc, l.activation);
      }
    }
    h = next;
    width = out;
  }
  return h;
}

/** Class probabilities of an MLP snapshot for n raw rows: its outputs through a softmax. Returns n × nOut. */
export function predictProba(s: NetSnapshot, x: ArrayLike<number>, n: number): Float32Array {
  const h = forwardSnapshot(s, x, n);
  const width = h.length / Math.max(1, n);
  for (let r = 0; r < n; r++) {
    let max = -Infinity;
    for (let j = 0; j < width; j++) max = Math.max(max, h[r * width + j] ?? 0);
    let sum = 0;
    for (let j = 0; j < width; j++) sum += h[r * width + j] = Math.exp((h[r * width + j] ?? 0) - max);
    for (let j = 0; j < width; j++) h[r * width + j] = (h[r * width + j] ?? 0) / sum;
  }
  return h;
}

/**
 * An autoencoder snapshot's reconstructions of n raw rows, in the data's own units (its outputs
 * are standardised values when the fold was standardised: the scaler is undone). Returns n × nIn.
 */
export function reconstruct(s: NetSnapshot, x: ArrayLike<number>, n: number): Float32Array {
  const h = forwardSnapshot(s, x, n);
  if (!s.scaler) return h;
  const d = h.length / Math.max(1, n);
  for (let i = 0; i < h.length; i++) {
    const f = i % d;
    h[i] = (h[i] ?? 0) * (s.scaler.scale[f] ?? 1) + (s.scaler.mean[f] ?? 0);
  }
  return h;
}

/** A moment's tag in words: "Dense (trained)", "magnitude-global at 90 %", "Shrunk". */
export function momentLabel(tag: string): string {
  if (tag === 'dense' || tag === 'trained') return 'Dense (trained)';
  if (tag === 'shrunk') return 'Pruned (units removed)';
  const m = /^point:(.+)@([\d.]+)$/.exec(tag);
  if (m) return `${seriesLabel(m[1] ?? '')} at ${+(Number(m[2]) * 100).toFixed(1)} %`;
  return tag;
}
