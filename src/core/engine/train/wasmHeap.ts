import * as tf from '@tensorflow/tfjs-core';
import { isWasmMemory, kernelsOn, type HeapKernels } from './heapKernels';

/**
 * Direct access to the WASM backend's memory and its matrix product, for the fused training
 * step. A TF.js op costs 8–15 µs of engine bookkeeping and an awaited read-back ~35 µs; a
 * training step of a small MLP needs ~25 of them, more than its arithmetic. Here the step's
 * buffers live in the backend's heap, registered under tensor ids the backend never hands out,
 * so its XNNPACK product (`_FusedMatMul`, with bias and activation) and `Transpose` run on them directly and JS reads and writes them in
 * place, with no tensor made, tracked or read back.
 *
 * This leans on @tensorflow/tfjs-backend-wasm's internals (pinned in package-lock: 4.22):
 * `backend.wasm` (the Emscripten module: cwrap, _malloc, _free, HEAPF32, tfjs.registerTensor /
 * disposeData) and `dataIdNextNumber`. `open()` checks each of them and returns null when one is
 * missing, and the trainer then falls back to the tensor path; `fused.test.ts` holds both paths
 * equal to tf.train's.
 */

interface EmscriptenModule {
  cwrap(name: string, ret: null, args: string[]): (...args: unknown[]) => void;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  HEAPF32: Float32Array;
  tfjs: { registerTensor(id: number, size: number, ptr: number): void; disposeData(id: number): void };
}

interface WasmBackendInternals {
  wasm: EmscriptenModule;
  dataIdNextNumber: number;
}

/** A float32 buffer in the backend's heap, known to the backend under `id`. */
export interface HeapBlock {
  readonly id: number;
  /** Byte offset in the heap. */
  readonly ptr: number;
  readonly size: number;
}

const isInternals = (b: unknown): b is WasmBackendInternals => {
  const w = (b as { wasm?: Partial<EmscriptenModule> } | null)?.wasm;
  return (
    typeof (b as { dataIdNextNumber?: unknown }).dataIdNextNumber === 'number' &&
    !!w &&
    typeof w.cwrap === 'function' &&
    typeof w._malloc === 'function' &&
    typeof w._free === 'function' &&
    w.HEAPF32 instanceof Float32Array &&
    typeof w.tfjs?.registerTensor === 'function' &&
    typeof w.tfjs.disposeData === 'function'
  );
};

/** Bytes in a cache line. */
const LINE = 64;

const shapeBytes = (...dims: number[]) => new Uint8Array(Int32Array.from(dims).buffer);
const TRANSPOSE_2D = shapeBytes(1, 0);

/** Activations the backend's fused product applies itself (its FusableActivation enum). */
export const FUSABLE = { linear: 0, relu: 1, sigmoid: 5, elu: 6 } as const;
export type Fusable = keyof typeof FUSABLE;

type Kernel = (...args: unknown[]) => void;

export class WasmHeap {
  private readonly owned: HeapBlock[] = [];
  private readonly aliases: HeapBlock[] = [];
  /** Shapes as int32 arrays in the heap, made once each: the kernels read a shape through a pointer. */
  private readonly shapes = new Map<string, number>();
  /** The kernels' raw exports, called with shape pointers (a cwrap'd call copies its array arguments onto the stack: ~25 % of a small product). */
  private readonly rawProduct: Kernel | null;
  private readonly rawTranspose: Kernel | null;
  private readonly product: Kernel;
  private readonly transposeKernel: Kernel;
  /** The backend's Softmax (XNNPACK's, vectorised exponentials), when it exports one. */
  private readonly rawSoftmax: Kernel | null;

  private constructor(private readonly backend: WasmBackendInternals) {
    const n = 'number';
    const exports = backend.wasm as unknown as Record<string, unknown>;
    const raw = (name: string) => (typeof exports[name] === 'function' ? (exports[name] as Kernel) : null);
    this.rawProduct = raw('__FusedMatMul');
    this.rawTranspose = raw('_Transpose');
    this.rawSoftmax = raw('_Softmax');
    this.product = backend.wasm.cwrap('_FusedMatMul', null, [n, 'array', n, n, 'array', n, n, n, n, n, n, n, n]);
    this.transposeKernel = backend.wasm.cwrap('Transpose', null, [n, 'array', n, n, n, 'array', n]);
  }

  /** Whether the kernels are called through their raw exports (tfjs-backend-wasm 4.22), not through cwrap. */
  get direct(): boolean {
    return this.rawProduct !== null && this.rawTranspose !== null;
  }

  /** A pointer to `dims` as int32 in the heap (kept until dispose). */
  private shape(...dims: number[]): number {
    const key = dims.join(',');
    let ptr = this.shapes.get(key);
    if (ptr === undefined) {
      ptr = this.backend.wasm._malloc(dims.length * 4);
      new Int32Array(this.backend.wasm.HEAPF32.buffer, ptr, dims.length).set(dims);
      this.shapes.set(key, ptr);
    }
    return ptr;
  }

  /** The heap of the active WASM backend, or null (another backend, or internals not as expected). */
  static open(): WasmHeap | null {
    if (tf.getBackend() !== 'wasm') return null;
    const backend = tf.backend() as unknown;
    return isInternals(backend) ? new WasmHeap(backend) : null;
  }

  private register(size: number, ptr: number): HeapBlock {
    const id = this.backend.dataIdNextNumber++;
    this.backend.wasm.tfjs.registerTensor(id, size, ptr);
    return { id, ptr, size };
  }

  /** A new zeroed buffer of `size` floats (freed by dispose). */
  alloc(size: number): HeapBlock {
    // On a cache line (malloc gives 8 or 16 bytes): the kernels' 16-byte loads then never straddle
    // two lines where rows are multiples of 4 floats (measured: the 784-wide epoch −14 %, the small nets −5 %).
    const raw = this.backend.wasm._malloc(Math.max(1, size) * 4 + LINE);
    const ptr = (raw + LINE - 1) & ~(LINE - 1);
    const block = this.register(size, ptr);
    this.owned.push(block);
    this.mallocked.set(block, raw);
    this.view(block).fill(0);
    return block;
  }

  /** Frees an owned block now (rather than at dispose). */
  free(block: HeapBlock): void {
    const i = this.owned.indexOf(block);
    if (i < 0) throw new Error('Only a block this heap allocated can be freed.');
    this.owned.splice(i, 1);
    this.release(block);
  }

  /** Drops the block's id from the backend and gives its memory (as malloc returned it) back. */
  private release(block: HeapBlock): void {
    this.backend.wasm.tfjs.disposeData(block.id);
    this.backend.wasm._free(this.mallocked.get(block) ?? block.ptr);
    this.mallocked.delete(block);
  }

  /** The block's first `length` 4-byte words as int32 (take it again after any alloc, as `view`). */
  ints(block: HeapBlock, length = block.size): Int32Array {
    if (length > block.size) throw new Error(`${length} ints do not fit a block of ${block.size}.`);
    return new Int32Array(this.backend.wasm.HEAPF32.buffer, block.ptr, length);
  }

  /** What malloc returned for each owned block (its pointer is rounded up to a cache line). */
  private readonly mallocked = new Map<HeapBlock, number>();

  /** `size` floats of `block` from float `offset`, under their own id (for a product's operand). */
  alias(block: HeapBlock, offset: number, size: number): HeapBlock {
    if (offset < 0 || offset + size > block.size) throw new Error(`Heap alias [${offset}, ${offset + size}) is outside a block of ${block.size}.`);
    const a = this.register(size, block.ptr + offset * 4);
    this.aliases.push(a);
    return a;
  }

  /** A view of the block (or its first `length` floats). Take views again after any alloc: the heap may have grown and moved. */
  view(block: HeapBlock, length = block.size): Float32Array {
    const start = block.ptr >> 2;
    return this.backend.wasm.HEAPF32.subarray(start, start + length);
  }

  /** Drops what the backend cached under the block's id (XNNPACK's packed weights): tensors never change, these blocks do. */
  private changed(block: HeapBlock): void {
    const { tfjs } = this.backend.wasm;
    tfjs.disposeData(block.id);
    tfjs.registerTensor(block.id, block.size, block.ptr);
  }

  /**
   * out[m×n] = act(a[m×k] · b[k×n] + bias), row-major, by the backend's own fused (XNNPACK)
   * product. The backend caches b and the bias packed under their ids; they change in place
   * between calls here, so that cache is dropped first.
   */
  matmul(a: HeapBlock, b: HeapBlock, out: HeapBlock, m: number, k: number, n: number, bias: HeapBlock | null = null, act: Fusable = 'linear'): void {
    if (m * k > a.size || k * n > b.size || m * n > out.size || (bias && bias.size !== n)) throw new Error(`Heap product ${m}×${k}·${k}×${n} does not fit its buffers.`);
    this.changed(b);
    if (bias) this.changed(bias);
    if (this.rawProduct) this.rawProduct(a.id, this.shape(1, m, k), 3, b.id, this.shape(1, k, n), 3, 0, 0, FUSABLE[act], bias ? bias.id : 0, 0, 0, out.id);
    else this.product(a.id, shapeBytes(1, m, k), 3, b.id, shapeBytes(1, k, n), 3, 0, 0, FUSABLE[act], bias ? bias.id : 0, 0, 0, out.id);
  }

  /** out[cols×rows] = x[rows×cols]ᵀ. */
  transpose(x: HeapBlock, out: HeapBlock, rows: number, cols: number): void {
    if (rows * cols > x.size || rows * cols > out.size) throw new Error(`Heap transpose ${rows}×${cols} does not fit its buffers.`);
    if (this.rawTranspose) this.rawTranspose(x.id, this.shape(rows, cols), 2, 0, out.id, this.shape(1, 0), 2);
    else this.transposeKernel(x.id, shapeBytes(rows, cols), 2, 0, out.id, TRANSPOSE_2D, 2);
  }

  private kernelSet: HeapKernels | null | undefined;

  /** The SIMD kernels over this heap's memory (`heapKernels.ts`), or null where they cannot run here. */
  kernels(): HeapKernels | null {
    if (this.kernelSet === undefined) {
      const memory = (this.backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
      this.kernelSet = isWasmMemory(memory) ? kernelsOn(memory) : null;
    }
    return this.kernelSet;
  }

  /** Whether `softmax` can run. */
  get hasSoftmax(): boolean {
    return this.rawSoftmax !== null;
  }

  /** out[rows×cols] = each row of x[rows×cols] through softmax, by the backend's kernel. */
  softmax(x: HeapBlock, out: HeapBlock, rows: number, cols: number): void {
    if (!this.rawSoftmax) throw new Error('This WASM backend exports no Softmax kernel.');
    if (rows * cols > x.size || rows * cols > out.size) throw new Error(`Heap softmax ${rows}×${cols} does not fit its buffers.`);
    this.rawSoftmax(x.id, out.id, cols, rows);
  }

  dispose(): void {
    const w = this.backend.wasm;
    for (const ptr of this.shapes.values()) w._free(ptr);
    this.shapes.clear();
    for (const a of this.aliases.splice(0)) w.tfjs.disposeData(a.id);
    for (const b of this.owned.splice(0)) this.release(b);
  }
}
