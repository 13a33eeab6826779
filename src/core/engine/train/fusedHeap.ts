import * as tf from '@tensorflow/tfjs-core';
import type { TrainingSpec } from '../../spec/sections';
import type { MlpNet } from '../model/mlp';
import type { LearningTask } from '../task';
import { copyBatchRows } from './batchRows';
import { FlatParams } from './flatParams';
import { layerBuffers, NARROW, readsBatchTransposed, type LayerBuffers } from './heapLayers';
import type { HeapKernels } from './heapKernels';
import { softmaxLoss } from './kernelSoftmax';
import { activateInPlace, activationBackward, applyMasks, lossAndGradient, penalise, softmaxCrossEntropy, type FusedTrainer, type HeldMasks } from './fusedMath';
import type { Evaluation, Rows } from './loop';
import type { HeapBlock, WasmHeap } from './wasmHeap';

/** The largest training matrix (floats) copied into the heap for the gather kernel: 16 M (64 MB); larger ones are gathered by JS. */
const MAX_HEAP_DATA = 1 << 24;

/** The softmax kernel's buffers for up to some number of rows: the targets, and per row the sum of exponentials and the target's margin. */
interface XentBuffers {
  y: HeapBlock;
  sums: HeapBlock;
  margins: HeapBlock;
}

/**
 * The fused step on the WASM backend's heap (see `wasmHeap.ts`). Per layer and step: act(h·W + b)
 * forward, the weight gradient hᵀ·d and the bias gradient 1ᵀ·d, and the gradient below d·Wᵀ —
 * by our SIMD kernels (`heapKernels.ts`: products that read h down its columns, relu's gradient,
 * Adam), or where they cannot be built by XNNPACK's untransposed products with transposed copies
 * ([hᵀ; 1ᵀ]·d in one). The softmax is the backend's kernel. JS does the rest over heap views:
 * the loss and its gradient, dropout, tanh/sigmoid/elu, the other derivatives and optimizers. The
 * variables are written only when something else is about to read them (`sync`: epoch ends,
 * hooks, the end of training).
 */
export class HeapMlp extends FlatParams implements FusedTrainer {
  readonly kind = 'heap';
  private readonly w: HeapBlock;
  private readonly g: HeapBlock;
  private readonly x: HeapBlock;
  private readonly xT: HeapBlock;
  /** A wide input to a first layer that is not relu (see WIDE in `heapLayers.ts`): its weight gradient reads the batch transposed into xT. */
  private readonly xTransposed: boolean;
  private readonly layers: LayerBuffers[];
  private readonly dH: HeapBlock;
  /** The SIMD kernels over the heap (`heapKernels.ts`), or null: then XNNPACK's product, with transposed copies for the gradients. */
  private readonly simd: HeapKernels | null;
  /** Adam's moments in the heap, updated by the kernel (null: the optimizer's own JS loop). */
  private readonly moments: { m: HeapBlock; v: HeapBlock } | null;
  /** A single 1.0: the bias gradient is 1ᵀ·d, read with strides of 0. */
  private readonly one: HeapBlock;
  private readonly rows: number;
  /** Classification with the kernels: the step's targets in the heap and the softmax kernel's per-row sums and margins. */
  private readonly xent: XentBuffers | null;
  /** The heap weights moved on since the variables were last written. */
  private dirty = false;

  constructor(private readonly heap: WasmHeap, net: MlpNet, task: LearningTask, t: TrainingSpec, l1: number, l2: number, rows: number) {
    super(net, task, t, l1, l2);
    this.rows = Math.max(1, rows);
    const B = this.rows;
    try {
      this.simd = heap.kernels();
      this.moments = this.simd && t.optimizer === 'adam' ? { m: heap.alloc(this.size), v: heap.alloc(this.size) } : null;
      const xnn = this.simd === null;
      this.one = heap.alloc(1);
      heap.view(this.one)[0] = 1;
      this.w = heap.alloc(this.size);
      this.g = heap.alloc(this.size);
      this.x = heap.alloc(B * net.nInputs);
      const [, firstOut = 0] = net.layers[0]?.kernel.shape ?? [];
      this.xTransposed = !xnn && readsBatchTransposed(net.nInputs, firstOut, net.layers[0]?.activation);
      this.xT = heap.alloc(xnn ? B * (net.nInputs + 1) : this.xTransposed ? B * net.nInputs : 1);
      this.layers = net.layers.map((l, i) => layerBuffers(heap, l, { rows: B, kernels: !xnn, last: i === net.layers.length - 1, first: i === 0, weights: this.w, grads: this.g, at: this.offsets[2 * i] as number, biasAt: this.offsets[2 * i + 1] as number }));
      this.dH = heap.alloc(B * Math.max(...this.layers.map((l) => l.nIn)));
      this.xent = this.simd && task.id === 'classification' ? this.xentBuffers(B) : null;
    } catch (e) {
      heap.dispose();
      throw e;
    }
  }


  private async pull(): Promise<void> {
    for (const [i, v] of this.vars.entries()) {
      const values = (await v.data()) as Float32Array;
      this.heap.view(this.w).set(values, this.offsets[i]);
    }
    this.writeTransposes();
    this.stale = false;
    this.dirty = false;
  }

  sync(): void {
    if (!this.dirty) return;
    this.vars.forEach((v, i) => {
      const start = this.offsets[i] as number;
      // A copy: making the tensor may grow the heap, which would detach a view.
      const value = tf.tensor(this.heap.view(this.w).slice(start, start + v.size), v.shape);
      v.assign(value);
      value.dispose();
    });
    this.dirty = false;
  }

  /** out = [srcᵀ; 1ᵀ]: src [rows, cols] transposed, then a row of `rows` ones. */
  private transposeWithOnes(src: HeapBlock, out: HeapBlock, rows: number, cols: number): void {
    this.heap.transpose(src, out, rows, cols);
    this.heap.view(out, (cols + 1) * rows).fill(1, cols * rows);
  }

  /** out = h·W + b (then relu) by the kernels: dot products with Wᵀ's rows for a narrow layer that keeps Wᵀ, the product otherwise. */
  private forward(l: LayerBuffers, h: HeapBlock, out: HeapBlock, rows: number, index: HeapBlock | null = null): void {
    const k = this.simd as HeapKernels;
    const relu = l.act === 'relu' ? 1 : 0;
    if (index) k.gemmRows(h.ptr, l.nIn, 1, l.kernel.ptr, l.nOut, out.ptr, l.nOut, rows, l.nIn, l.nOut, l.bias.ptr, relu, index.ptr);
    else if (l.nOut < NARROW && l.kernelT) k.dotRows(h.ptr, l.nIn, l.kernelT.ptr, l.nIn, out.ptr, l.nOut, rows, l.nIn, l.nOut, l.bias.ptr, relu);
    else k.gemm(h.ptr, l.nIn, 1, l.kernel.ptr, l.nOut, out.ptr, l.nOut, rows, l.nIn, l.nOut, l.bias.ptr, relu);
  }

  private writeTransposes(): void {
    for (const l of this.layers) if (l.kernelT) this.heap.transpose(l.kernel, l.kernelT, l.nIn, l.nOut);
  }

  /** The training matrix copied into the heap once (the batch is gathered from it by the kernel), and which array it came from. */
  private data: { from: Float32Array; block: HeapBlock } | null = null;
  /** The batch's row indices as int32 in the heap, for the gather kernel. */
  private rowIndex: HeapBlock | null = null;
  /** Rows loadRows put in the input since the last step. */
  private loaded = 0;
  /** The step's batch is read straight from the training matrix through rowIndex (not gathered into x): see `loadRows`. */
  private indexed = false;

  loadRows(x: Float32Array, rows: Int32Array): void {
    const bs = rows.length;
    if (bs > this.rows) throw new Error(`A step of ${bs} rows exceeds the ${this.rows} this trainer was built for.`);
    const nF = this.net.nInputs;
    const heap = this.heap;
    const gather = this.simd?.gatherRows;
    if (gather && x.length <= MAX_HEAP_DATA) {
      if (this.data?.from !== x) {
        if (this.data) heap.free(this.data.block);
        const block = heap.alloc(x.length);
        heap.view(block).set(x);
        this.data = { from: x, block };
      }
      this.rowIndex ??= heap.alloc(this.rows);
      heap.ints(this.rowIndex, bs).set(rows);
      // A wide relu first layer reads the batch only in its forward product and its sparse weight
      // gradient, and both take row indices: no gathered copy (the 784-wide epoch −0.1 ms).
      this.indexed = this.layers[0]?.sparse != null;
      if (!this.indexed) gather(this.x.ptr, this.data.block.ptr, this.rowIndex.ptr, bs, 4 * nF);
    } else {
      copyBatchRows(x, rows, nF, heap.view(this.x, bs * nF));
      this.indexed = false;
    }
    this.loaded = bs;
  }

  async step(x: Float32Array | null, targets: Float32Array, bs: number, masks: readonly (Float32Array | null)[]): Promise<number> {
    if (bs > this.rows) throw new Error(`A step of ${bs} rows exceeds the ${this.rows} this trainer was built for.`);
    const heap = this.heap;
    const nF = this.net.nInputs;
    if (x) {
      heap.view(this.x, bs * nF).set(x.subarray(0, bs * nF));
      this.indexed = false;
    } else if (this.loaded !== bs) throw new Error(`The step is for ${bs} rows but ${this.loaded} were loaded.`);
    // The batch as layer 0 reads it: x, or the training matrix through the row indices.
    const index = this.indexed ? (this.rowIndex as HeapBlock) : null;
    const batch = index ? (this.data as NonNullable<typeof this.data>).block : this.x;
    this.loaded = 0;
    if (this.stale) await this.pull();
    const nC = this.net.nOutputs;
    const n = this.layers.length;
    const gemm = this.simd?.gemm;
    if (!gemm) this.transposeWithOnes(this.x, this.xT, bs, nF);
    if (this.xTransposed) this.simd?.transpose(this.x.ptr, this.xT.ptr, bs, nF);
    // Forward. Views are taken after each product: a product may grow the heap and move it.
    // inputs[i]: what layer i read (the batch, or the layer below's output after dropout).
    const inputs: HeapBlock[] = [batch];
    for (let i = 0; i < n; i++) {
      const l = this.layers[i] as LayerBuffers;
      const input = inputs[i] as HeapBlock;
      if (gemm) {
        this.forward(l, input, l.z, bs, i === 0 ? index : null);
        if (l.act !== 'relu' && l.act !== 'linear') activateInPlace(heap.view(l.z, bs * l.nOut), l.act);
      } else {
        heap.matmul(input, l.kernel, l.z, bs, l.nIn, l.nOut, l.bias, l.act === 'tanh' ? 'linear' : l.act);
        if (l.act === 'tanh') activateInPlace(heap.view(l.z, bs * l.nOut), 'tanh');
      }
      const count = bs * l.nOut;
      const mask = masks[i];
      if (mask && l.h !== l.z) {
        const a = heap.view(l.z, count);
        const h = heap.view(l.h, count);
        for (let k = 0; k < count; k++) h[k] = (a[k] as number) * (mask[k] as number);
      }
      inputs.push(mask ? l.h : l.z);
      if (l.hT) this.transposeWithOnes(inputs[i + 1] as HeapBlock, l.hT, bs, l.nOut);
    }
    const top = this.layers[n - 1] as LayerBuffers;
    let loss: number;
    if (this.xent) {
      heap.view(this.xent.y, bs * nC).set(targets.subarray(0, bs * nC));
      loss = this.softmaxXent(top.z, top.d, this.xent, bs);
    } else if (this.task.id === 'classification' && heap.hasSoftmax) {
      // The softmax by the backend's vectorised kernel, into d; the loss and d = (p − y)/bs from it in place.
      heap.softmax(top.z, top.d, bs, nC);
      const d = heap.view(top.d, bs * nC);
      loss = softmaxCrossEntropy(d, heap.view(top.z, bs * nC), targets, bs, nC, d);
    } else loss = lossAndGradient(this.task, heap.view(top.z, bs * nC), targets, bs, nC, heap.view(top.d, bs * nC));
    // Backward, straight into the flat gradient: [dW; db] = [hᵀ; 1ᵀ]·d, d below = (d·Wᵀ) ⊙ mask ⊙ act′.
    for (let i = n - 1; i >= 0; i--) {
      const l = this.layers[i] as LayerBuffers;
      if (gemm) {
        // dW = hᵀ·d (h read down its columns), then db = 1ᵀ·d into the row after it.
        if (l.gKernelT) {
          gemm(l.d.ptr, 1, l.nOut, (inputs[i] as HeapBlock).ptr, l.nIn, l.gKernelT.ptr, l.nIn, l.nOut, bs, l.nIn, 0, 0);
          (this.simd as HeapKernels).transpose(l.gKernelT.ptr, l.gKernelBias.ptr, l.nOut, l.nIn);
        } else if (l.sparse && this.simd) {
          const sp = l.sparse;
          this.simd.sparseGradT((inputs[i] as HeapBlock).ptr, l.nIn, l.d.ptr, l.nOut, bs, sp.entries.ptr, sp.counts.ptr, sp.gT.ptr, i === 0 && index ? index.ptr : 0);
          this.simd.transpose(sp.gT.ptr, l.gKernelBias.ptr, l.nOut, l.nIn);
        } else if (i === 0 && this.xTransposed) gemm(this.xT.ptr, bs, 1, l.d.ptr, l.nOut, l.gKernelBias.ptr, l.nOut, l.nIn, bs, l.nOut, 0, 0);
        else gemm((inputs[i] as HeapBlock).ptr, 1, l.nIn, l.d.ptr, l.nOut, l.gKernelBias.ptr, l.nOut, l.nIn, bs, l.nOut, 0, 0);
        gemm(this.one.ptr, 0, 0, l.d.ptr, l.nOut, l.gKernelBias.ptr + 4 * l.nIn * l.nOut, l.nOut, 1, bs, l.nOut, 0, 0);
      } else heap.matmul(i === 0 ? this.xT : (this.layers[i - 1]?.hT as HeapBlock), l.d, l.gKernelBias, l.nIn + 1, bs, l.nOut);
      if (i === 0) break;
      const below = this.layers[i - 1] as LayerBuffers;
      if (gemm) gemm(l.d.ptr, l.nOut, 1, (l.kernelT as HeapBlock).ptr, l.nIn, this.dH.ptr, l.nIn, bs, l.nOut, l.nIn, 0, 0);
      else heap.matmul(l.d, l.kernelT as HeapBlock, this.dH, bs, l.nOut, l.nIn);
      const count = bs * l.nIn;
      const mask = masks[i - 1] ?? null;
      if (this.simd && below.act === 'relu' && !mask) this.simd.reluGrad(this.dH.ptr, below.z.ptr, below.d.ptr, count);
      else activationBackward(heap.view(this.dH, count), heap.view(below.z, count), mask, below.act, heap.view(below.d, count), count);
    }
    const w = heap.view(this.w);
    const g = heap.view(this.g);
    loss += penalise(w, g, this.kernels, this.l1, this.l2);
    if (this.simd && this.moments) {
      const c = this.optimizer.adamStep();
      this.simd.adam(this.w.ptr, this.g.ptr, this.moments.m.ptr, this.moments.v.ptr, this.size, c.alpha, c.c, c.beta1, c.beta2);
    } else this.optimizer.step(w, g);
    if (this.held) this.applyHeld(w);
    this.writeTransposes();
    this.dirty = true;
    return loss * bs;
  }

  /** The held masks as bits over the flat weights for the kernel (−1 keep, 0 prune), and the masks they were made from. */
  private maskBits: { block: HeapBlock; from: readonly Uint8Array[] | null } | null = null;

  override holdMasks(masks: HeldMasks): boolean {
    const held = super.holdMasks(masks);
    // Allocated here, not in a step: an allocation may grow the heap, which would detach the step's views.
    if (held && this.simd) this.maskBits ??= { block: this.heap.alloc(this.size), from: null };
    return held;
  }

  /** weight ← weight ⊙ mask after a step: one bitwise AND over the flat weights by the kernel (the bits rebuilt when a schedule installs new masks), else the JS loop. */
  private applyHeld(w: Float32Array): void {
    const held = this.held as NonNullable<typeof this.held>;
    const bits = this.maskBits;
    if (!bits || !this.simd) return applyMasks(w, held.masks, held.offsets);
    const masks = held.masks.masks;
    if (bits.from !== masks) {
      const view = this.heap.ints(bits.block, this.size).fill(-1);
      masks.forEach((m, j) => {
        const o = held.offsets[j] as number;
        for (let k = 0; k < m.length; k++) if (m[k] === 0) view[o + k] = 0;
      });
      bits.from = masks;
    }
    this.simd.andMask(this.w.ptr, bits.block.ptr, this.size);
  }

  private xentBuffers(rows: number): XentBuffers {
    return { y: this.heap.alloc(rows * this.net.nOutputs), sums: this.heap.alloc(rows), margins: this.heap.alloc(rows) };
  }

  /** Softmax cross-entropy of logits z against the targets in b.y, by the kernel: the gradient into grad, the mean loss returned. */
  private softmaxXent(z: HeapBlock, grad: HeapBlock, b: XentBuffers, rows: number): number {
    (this.simd as HeapKernels).softmaxXent(z.ptr, b.y.ptr, grad.ptr, rows, this.net.nOutputs, 1 / rows, b.sums.ptr, b.margins.ptr);
    return softmaxLoss(this.heap.view(b.sums, rows), this.heap.view(b.margins, rows), rows);
  }

  /** Per evaluated row set (the held-out rows, a monitored split): its rows in the heap, each layer's output, its encoded targets (and in the heap, for the softmax kernel). */
  private readonly evalBuffers = new Map<Rows, { x: HeapBlock; z: HeapBlock[]; targets: Float32Array; grad: Float32Array | null; xent: (XentBuffers & { grad: HeapBlock }) | null }>();

  private buffersFor(rows: Rows) {
    let b = this.evalBuffers.get(rows);
    if (!b) {
      const nC = this.net.nOutputs;
      const x = this.heap.alloc(rows.n * this.net.nInputs);
      const z = this.layers.map((l) => this.heap.alloc(rows.n * l.nOut));
      const targets = new Float32Array(rows.n * nC);
      this.task.encodeTargets(rows, Int32Array.from({ length: rows.n }, (_, i) => i), rows.n, nC, targets);
      this.heap.view(x).set(rows.x.subarray(0, rows.n * this.net.nInputs));
      const xent = this.xent ? { ...this.xentBuffers(rows.n), grad: this.heap.alloc(rows.n * nC) } : null;
      if (xent) this.heap.view(xent.y).set(targets);
      b = { x, z, targets, grad: xent ? null : new Float32Array(rows.n * nC), xent };
      this.evalBuffers.set(rows, b);
    }
    return b;
  }

  /** The forward pass over all of `rows` in the heap (no dropout), then the task's loss and metric in JS. */
  async evaluate(rows: Rows): Promise<Evaluation> {
    if (this.stale) await this.pull();
    const b = this.buffersFor(rows);
    const heap = this.heap;
    let input = b.x;
    this.layers.forEach((l, i) => {
      const out = b.z[i] as HeapBlock;
      if (this.simd) {
        this.forward(l, input, out, rows.n);
        if (l.act !== 'relu' && l.act !== 'linear') activateInPlace(heap.view(out), l.act);
      } else {
        heap.matmul(input, l.kernel, out, rows.n, l.nIn, l.nOut, l.bias, l.act === 'tanh' ? 'linear' : l.act);
        if (l.act === 'tanh') activateInPlace(heap.view(out), 'tanh');
      }
      input = out;
    });
    const nC = this.net.nOutputs;
    const fromKernel = b.xent ? this.softmaxXent(input, b.xent.grad, b.xent, rows.n) : null;
    const outputs = heap.view(input, rows.n * nC).slice();
    const lossValue = fromKernel ?? lossAndGradient(this.task, outputs, b.targets, rows.n, nC, b.grad ?? new Float32Array(rows.n * nC));
    const { value, predictions, extra } = this.task.score(outputs, rows, nC);
    return { loss: lossValue, accuracy: value, predictions, ...(extra ? { extra } : {}) };
  }

  dispose(): void {
    this.heap.dispose();
  }
}
