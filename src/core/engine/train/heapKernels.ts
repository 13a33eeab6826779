import type { BackendInfo } from '../../run/protocol';
import { moduleBytes, relaxedSimdProbe } from './wasmEmit';
import { emitAdam, emitAndMask, emitReluGrad } from './kernelElementwise';
import { emitDotRows, type DotRowsFn } from './kernelDot';
import { emitGatherRows } from './kernelGather';
import { emitGemm, type GemmFn, type GemmRowsFn } from './kernelGemm';
import { emitSoftmaxXent } from './kernelSoftmax';
import { emitSparseGradT } from './kernelSparseGrad';
import { emitTranspose } from './kernelTranspose';

export type { GemmFn } from './kernelGemm';
export type { DotRowsFn } from './kernelDot';

/**
 * The fused step's kernels, one WebAssembly SIMD module built at run time (`wasmEmit.ts`) and
 * instantiated over the WASM backend's memory: the matrix product (`kernelGemm.ts`), relu's
 * gradient and Adam (`kernelElementwise.ts`). Pointers are byte offsets into that memory, counts
 * in floats.
 */
export interface HeapKernels {
  gemm: GemmFn;
  /** gemm with A's rows indexed (row i at a + rows[i]·sai): the batch straight from the training matrix. */
  gemmRows: GemmRowsFn;
  /** C = A·Btᵀ (+bias, relu) as dot products of rows, for a B under 4 columns (`kernelDot.ts`). */
  dotRows: DotRowsFn;
  /** out[k] = a[k] > 0 ? dh[k] : 0 (relu's gradient, from its output a), branch-free. */
  reluGrad(dh: number, a: number, out: number, count: number): void;
  /**
   * Adam on `count` parameters in float32 (as tf.train.adam's kernels compute it):
   * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − α·m / (√(v·c) + 1e−8), α = lr/(1−β1ᵗ), c = 1/(1−β2ᵗ).
   */
  adam(w: number, g: number, m: number, v: number, count: number, alpha: number, c: number, beta1: number, beta2: number): void;
  /** Row rows[i] of the matrix at src to row i at dst, for i < count (rows: int32 in the heap; rows of rowBytes bytes). */
  gatherRows(dst: number, src: number, rows: number, count: number, rowBytes: number): void;
  /** Softmax cross-entropy's gradient into grad, and per row the sum of exponentials and the target's margin (`kernelSoftmax.ts`). */
  softmaxXent(z: number, y: number, grad: number, rows: number, nC: number, invBs: number, sums: number, margins: number): void;
  /** dst[c·rows + r] = src[r·cols + c]: the matrix at src ([rows, cols], row-major) transposed (`kernelTranspose.ts`). */
  transpose(src: number, dst: number, rows: number, cols: number): void;
  /** A relu layer's dWᵀ [nOut, nIn] = dᵀ·x over d's nonzero entries only, by way of entries ([nOut, bs] pairs of a row's byte offset and a value) and counts [nOut] (`kernelSparseGrad.ts`). */
  sparseGradT(x: number, nIn: number, d: number, nOut: number, bs: number, entries: number, counts: number, out: number, rows: number): void;
  /** w[k] ← w[k] AND mask[k] (int32: −1 keeps, 0 prunes to +0) for k < count: held pruning masks after a step. */
  andMask(w: number, mask: number, count: number): void;
}

/** The few WebAssembly JS API members used here (the core compiles without the DOM's types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => object;
  validate(bytes: Uint8Array): boolean;
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The kernels' multiply-adds: fused (relaxed SIMD's f32x4.relaxed_madd) or a multiply then an add. */
export type KernelFlavour = 'fma' | 'mul-add';

const build = (fma: boolean) => moduleBytes([emitGemm(fma), emitGemm(fma, true), emitReluGrad(), emitAdam(), emitGatherRows(), emitDotRows(fma), emitSoftmaxXent(), emitTranspose(), emitSparseGradT(fma), emitAndMask()]);

const compiled = new Map<KernelFlavour, object | null>();

function compile(flavour: KernelFlavour): object | null {
  if (!compiled.has(flavour)) {
    let module: object | null = null;
    try {
      module = wasmApi ? new wasmApi.Module(build(flavour === 'fma')) : null;
    } catch {
      module = null;
    }
    compiled.set(flavour, module);
  }
  return compiled.get(flavour) ?? null;
}

/**
 * The flavour the kernels are built in on this engine: fused multiply-adds where relaxed SIMD
 * compiles (Chromium since 114, Node 22, Node 20 with the flag `cli/backend.ts` sets), else
 * separate ones; null where WebAssembly SIMD is not there at all. Fused rounds a·b + c once, so the
 * numbers differ from the separate build's in the last bits; on one machine and engine they are the same on every run.
 */
export function kernelFlavour(): KernelFlavour | null {
  if (compile('fma')) return 'fma';
  return compile('mul-add') ? 'mul-add' : null;
}

/** A backend's description with, on WASM, the flavour its fused step's kernels run in (so a results file says how its numbers were rounded). */
export function withKernels(info: BackendInfo): BackendInfo {
  const flavour = info.name === 'wasm' ? kernelFlavour() : null;
  return flavour ? { ...info, kernels: flavour } : info;
}

/** Whether this engine has relaxed SIMD (and so the fma flavour). */
export const hasRelaxedSimd = (): boolean => !!wasmApi && wasmApi.validate(relaxedSimdProbe());

/** Whether `memory` is a WebAssembly.Memory (the backend's heap). */
export const isWasmMemory = (memory: unknown): memory is object => !!wasmApi && memory instanceof wasmApi.Memory;

/** The kernels over `memory` (the WASM backend's), or null where they cannot be built there (no SIMD, a shared memory). `flavour` defaults to the best this engine compiles. */
export function kernelsOn(memory: object, flavour: KernelFlavour | null = kernelFlavour()): HeapKernels | null {
  const module = flavour ? compile(flavour) : null;
  if (!module || !wasmApi) return null;
  try {
    const { exports } = new wasmApi.Instance(module, { env: { memory } });
    return { gemm: exports.gemm as GemmFn, gemmRows: exports.gemmRows as GemmRowsFn, dotRows: exports.dotRows as DotRowsFn, reluGrad: exports.reluGrad as HeapKernels['reluGrad'], adam: exports.adam as HeapKernels['adam'], gatherRows: exports.gatherRows as HeapKernels['gatherRows'], softmaxXent: exports.softmaxXent as HeapKernels['softmaxXent'], transpose: exports.transpose as HeapKernels['transpose'], sparseGradT: exports.sparseGradT as HeapKernels['sparseGradT'], andMask: exports.andMask as HeapKernels['andMask'] };
  } catch {
    return null;
  }
}
