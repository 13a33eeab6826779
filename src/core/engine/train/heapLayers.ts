import type { Activation } from '../../spec/sections';
import type { MlpNet } from '../model/mlp';
import type { HeapBlock, WasmHeap } from './wasmHeap';

/** One dense layer's buffers in the heap, for up to `rows` rows a step. */
export interface LayerBuffers {
  nIn: number;
  nOut: number;
  act: Activation;
  /** The kernel [nIn, nOut] and bias: aliases into the flat weights, so the optimizer's update is what the next product reads. */
  kernel: HeapBlock;
  bias: HeapBlock;
  /** The kernel's and the bias's gradients, contiguous in the flat gradient [nIn + 1, nOut]: one product writes both. */
  gKernelBias: HeapBlock;
  /** Its transpose [nOut, nIn] (layers after the first: the gradient flowing down is d·Wᵀ). */
  kernelT: HeapBlock | null;
  /** The activation's output a = act(x·W + b) [rows, nOut]. */
  z: HeapBlock;
  /** The output after dropout (= z without dropout). */
  h: HeapBlock;
  /** hᵀ with a row of ones below [nOut + 1, rows], for the next layer's gradient [hᵀ; 1ᵀ]·d = [dW; db] (not for the last layer). */
  hT: HeapBlock | null;
  /** dL/dz [rows, nOut]. */
  d: HeapBlock;
  /** dWᵀ [nOut, nIn] for a layer whose gradient is taken transposed (see `gradientTransposed`), or null. */
  gKernelT: HeapBlock | null;
  /** A wide relu layer (see WIDE): d's columns compacted (entries of a row offset and a value, counts: `kernelSparseGrad.ts`) and dWᵀ before its transpose; else null. */
  sparse: { entries: HeapBlock; counts: HeapBlock; gT: HeapBlock } | null;
}

/**
 * Layers narrower than this (a binary or 3-class output) take their weight gradient as
 * dWᵀ = dᵀ·h, then transposed: hᵀ·d would run in the product's one-column tiles (~4 GFLOP/s),
 * dᵀ·h in its 16-column ones (measured on breast cancer's 32×200·200×2: 7.9 → 1.0 µs). Their
 * forward product is dot products with Wᵀ's rows (`kernelDot.ts`) where Wᵀ is kept (layers after the first).
 */
export const NARROW = 4;

/**
 * Whether a layer takes its weight gradient as dWᵀ = dᵀ·h, then transposed, instead of hᵀ·d:
 * under NARROW outputs, and whenever the product's one-column edges would cover more of it that
 * way (nOut mod 4 columns for each of nIn rows against nIn mod 4 for each of nOut): a 10-class
 * output layer, 64×200ᵀ·200×10, 20.0 µs, is 10×200ᵀ·200×64 and a transpose in ~6 µs. The same
 * sums in the same order.
 */
const gradientTransposed = (nIn: number, nOut: number) => nOut < NARROW || (nOut % 4) * nIn > (nIn % 4) * nOut;

/**
 * From this many inputs, a layer's weight gradient hᵀ·d does not read h down its columns (a
 * stride of a whole row per step, ~34 GFLOP/s). A relu layer's is summed over the nonzero entries
 * of d only (`kernelSparseGrad.ts`: relu leaves about half of them zero), transposed afterwards;
 * a first layer with another activation reads a transposed copy of the batch
 * (`kernelTranspose.ts`, ~30 µs for 200×784; ~42 GFLOP/s, the 784-wide epoch 4.97 → 4.77 ms;
 * 256 inputs: −2 %; 64 and 128: no change). Either way the same sums in the same order.
 */
const WIDE = 256;

/** Whether a first layer's weight gradient reads a transposed copy of the batch (see WIDE): wide, not relu (relu's is sparse), not taken transposed. */
export const readsBatchTransposed = (nInputs: number, nOut: number, act: Activation | undefined) => nInputs >= WIDE && !gradientTransposed(nInputs, nOut) && act !== 'relu';

/** Where one layer's buffers go and which of them it needs. */
export interface LayerPlace {
  rows: number;
  /** Our SIMD kernels run the step (else XNNPACK with transposed copies). */
  kernels: boolean;
  first: boolean;
  last: boolean;
  /** The flat weights and gradients, and where the layer's kernel and bias start in them. */
  weights: HeapBlock;
  grads: HeapBlock;
  at: number;
  biasAt: number;
}

/** One dense layer's buffers in the heap, and the paths its step takes (see LayerBuffers). */
export function layerBuffers(heap: WasmHeap, l: MlpNet['layers'][number], p: LayerPlace): LayerBuffers {
  const [nIn = 0, nOut = 0] = l.kernel.shape;
  const B = p.rows;
  const z = heap.alloc(B * nOut);
  const sparse = p.kernels && nIn >= WIDE && nOut >= NARROW && l.activation === 'relu' ? { entries: heap.alloc(2 * B * nOut), counts: heap.alloc(nOut), gT: heap.alloc(nOut * nIn) } : null;
  return {
    nIn,
    nOut,
    act: l.activation,
    kernel: heap.alias(p.weights, p.at, nIn * nOut),
    bias: heap.alias(p.weights, p.biasAt, nOut),
    gKernelBias: heap.alias(p.grads, p.at, (nIn + 1) * nOut),
    kernelT: p.first ? null : heap.alloc(nIn * nOut),
    z,
    h: l.dropout > 0 ? heap.alloc(B * nOut) : z,
    hT: !p.kernels && !p.last ? heap.alloc((nOut + 1) * B) : null,
    d: heap.alloc(B * nOut),
    gKernelT: p.kernels && !sparse && gradientTransposed(nIn, nOut) ? heap.alloc(nOut * nIn) : null,
    sparse,
  };
}
