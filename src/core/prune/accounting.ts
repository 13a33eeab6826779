import { gzipSync } from 'fflate';

/** One dense layer's weights as plain arrays, with the masks that apply to them (absent → unpruned). */
export interface LayerWeights {
  name: string;
  /** Kernel shape: [in, out] for dense layers, [k, k, in channels, filters] for convolutions. */
  shape: readonly number[];
  /** Output positions computed per sample: 1 for a dense layer, H·W for a convolution. */
  positions?: number;
  kernel: Float32Array;
  bias: Float32Array;
}

export interface LayerAccount {
  name: string;
  shape: readonly number[];
  params: number;
  nonzero: number;
  /** Zero fraction of the kernel. */
  kernelSparsity: number;
  denseFlops: number;
  sparseFlops: number;
}

export interface ModelAccount {
  layers: LayerAccount[];
  totalParams: number;
  nonzeroParams: number;
  /** Zero fraction over all parameters (kernels and biases). */
  sparsity: number;
  /** total / nonzero, as ShrinkBench reports compression. */
  compressionRatio: number;
  /** Per-sample inference FLOPs: 2 per multiply-add plus one per bias add; activations and pooling not counted. */
  denseFlops: number;
  sparseFlops: number;
  /** denseFlops / sparseFlops: the speedup a kernel that skips zeros could reach at best. */
  theoreticalSpeedup: number;
  /** gzip of the float32 weights as stored densely. */
  denseBytes: number;
  /** gzip of a sparse encoding: per tensor a 1-bit-per-entry mask, then the nonzero float32 values. */
  sparseBytes: number;
}

const nnz = (a: Float32Array): number => a.reduce((n, v) => (v !== 0 ? n + 1 : n), 0);

/** The sparse encoding whose gzip size is reported: bitmap of nonzeros + their float32 values, per tensor. */
export function encodeSparse(tensors: readonly Float32Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const t of tensors) {
    const bits = new Uint8Array(Math.ceil(t.length / 8));
    const values = new Float32Array(nnz(t));
    let j = 0;
    t.forEach((v, i) => {
      if (v !== 0) {
        bits[i >> 3] = (bits[i >> 3] ?? 0) | (1 << (i & 7));
        values[j++] = v;
      }
    });
    parts.push(bits, new Uint8Array(values.buffer));
  }
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function accountModel(layers: readonly LayerWeights[]): ModelAccount {
  const accounts = layers.map((l): LayerAccount => {
    const kernelNnz = nnz(l.kernel);
    const positions = l.positions ?? 1;
    return {
      name: l.name,
      shape: l.shape,
      params: l.kernel.length + l.bias.length,
      nonzero: kernelNnz + nnz(l.bias),
      kernelSparsity: 1 - kernelNnz / l.kernel.length,
      // Per output position: a multiply-add per kernel weight into it, plus the bias add.
      denseFlops: positions * (2 * l.kernel.length + l.bias.length),
      sparseFlops: positions * (2 * kernelNnz + l.bias.length),
    };
  });
  const sum = (f: (a: LayerAccount) => number) => accounts.reduce((s, a) => s + f(a), 0);
  const totalParams = sum((a) => a.params);
  const nonzeroParams = sum((a) => a.nonzero);
  const denseFlops = sum((a) => a.denseFlops);
  const sparseFlops = sum((a) => a.sparseFlops);
  const tensors = layers.flatMap((l) => [l.kernel, l.bias]);
  const dense = concat(tensors.map((t) => new Uint8Array(t.buffer, t.byteOffset, t.byteLength)));
  return {
    layers: accounts,
    totalParams,
    nonzeroParams,
    sparsity: 1 - nonzeroParams / totalParams,
    compressionRatio: totalParams / Math.max(1, nonzeroParams),
    denseFlops,
    sparseFlops,
    theoreticalSpeedup: denseFlops / Math.max(1, sparseFlops),
    denseBytes: gzipSync(dense, { level: 9, mtime: 0 }).length,
    sparseBytes: gzipSync(encodeSparse(tensors), { level: 9, mtime: 0 }).length,
  };
}
