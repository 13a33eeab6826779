import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { accountModel, encodeSparse, type LayerWeights } from './accounting';
import { randomUnstructured } from './methods/random';
import { TORCH_SEMANTICS } from './types';

const f32 = (a: number[]) => Float32Array.from(a);

// dense_1: [3, 2] kernel with 3 nonzeros, bias with 1; output: [2, 2] kernel with 2 nonzeros, bias with 2.
const net = (): LayerWeights[] => [
  { name: 'dense_1', shape: [3, 2], kernel: f32([1, 0, 2, 0, 0, 3]), bias: f32([0, 0.5]) },
  { name: 'output', shape: [2, 2], kernel: f32([0, 4, -5, 0]), bias: f32([1, -1]) },
];

describe('accountModel on a hand-made 2-layer net', () => {
  const a = accountModel(net());

  it('counts parameters and nonzeros over kernels and biases', () => {
    expect(a.totalParams).toBe(14); // 6 + 2 + 4 + 2
    expect(a.nonzeroParams).toBe(8); // 3 + 1 + 2 + 2
    expect(a.sparsity).toBeCloseTo(6 / 14, 12);
    expect(a.compressionRatio).toBeCloseTo(14 / 8, 12);
  });

  it('per layer: params, nonzeros, kernel sparsity and FLOPs', () => {
    expect(a.layers).toEqual([
      { name: 'dense_1', shape: [3, 2], params: 8, nonzero: 4, kernelSparsity: 0.5, denseFlops: 14, sparseFlops: 8 },
      { name: 'output', shape: [2, 2], params: 6, nonzero: 4, kernelSparsity: 0.5, denseFlops: 10, sparseFlops: 6 },
    ]);
  });

  it('FLOPs: dense Σ(2·in·out + out), sparse Σ(2·nnz(kernel) + out); speedup is their ratio', () => {
    expect(a.denseFlops).toBe(2 * 3 * 2 + 2 + (2 * 2 * 2 + 2)); // 24
    expect(a.sparseFlops).toBe(2 * 3 + 2 + (2 * 2 + 2)); // 14
    expect(a.theoreticalSpeedup).toBeCloseTo(24 / 14, 12);
  });

  it('a bias zero counts in sparsity but not in FLOPs', () => {
    const layers = net();
    const l0 = layers[0];
    if (!l0) throw new Error('no layer');
    l0.bias = f32([0, 0]);
    const b = accountModel(layers);
    expect(b.nonzeroParams).toBe(7);
    expect(b.sparseFlops).toBe(14);
  });

  it('treats −0 (a masked negative weight) as zero', () => {
    const layers = net();
    const l1 = layers[1];
    if (!l1) throw new Error('no layer');
    l1.kernel = f32([-0, 4, -5, -0]);
    expect(accountModel(layers).nonzeroParams).toBe(8);
    expect(encodeSparse([l1.kernel]).length).toBe(1 + 2 * 4);
  });

  it('a dense net has sparsity 0, ratio 1 and speedup 1', () => {
    const d = accountModel([{ name: 'output', shape: [2, 3], kernel: f32([1, 2, 3, 4, 5, 6]), bias: f32([1, 1, 1]) }]);
    expect(d.sparsity).toBe(0);
    expect(d.compressionRatio).toBe(1);
    expect(d.denseFlops).toBe(15);
    expect(d.theoreticalSpeedup).toBe(1);
  });

  it('byte sizes read only each array’s own view of its buffer', () => {
    const layers = net();
    // Same numbers when the arrays are views into a larger buffer filled with other values.
    const big = new Float32Array(100).fill(7);
    const views = layers.map((l, i) => {
      const k = big.subarray(10 + 20 * i, 10 + 20 * i + l.kernel.length);
      k.set(l.kernel);
      const b = big.subarray(20 + 20 * i, 20 + 20 * i + l.bias.length);
      b.set(l.bias);
      return { ...l, kernel: k, bias: b };
    });
    const v = accountModel(views);
    expect(v.denseBytes).toBe(a.denseBytes);
    expect(v.sparseBytes).toBe(a.sparseBytes);
  });
});

describe('encodeSparse', () => {
  it('is, per tensor, a ceil(n/8)-byte bitmap (LSB first) then the nonzero float32 values', () => {
    const tensors = net().flatMap((l) => [l.kernel, l.bias]);
    const enc = encodeSparse(tensors);
    // Σ(ceil(n/8) + 4·nnz): (1 + 12) + (1 + 4) + (1 + 8) + (1 + 8)
    expect(enc.length).toBe(36);
    const view = new DataView(enc.buffer, enc.byteOffset, enc.byteLength);
    expect(enc[0]).toBe(0b100101); // entries 0, 2, 5
    expect([1, 5, 9].map((o) => view.getFloat32(o, true))).toEqual([1, 2, 3]);
    expect(enc[13]).toBe(0b10);
    expect(view.getFloat32(14, true)).toBe(0.5);
    expect(enc[18]).toBe(0b110);
    expect([19, 23].map((o) => view.getFloat32(o, true))).toEqual([4, -5]);
    expect(enc[27]).toBe(0b11);
    expect([28, 32].map((o) => view.getFloat32(o, true))).toEqual([1, -1]);
  });

  it('spills the bitmap into a second byte past 8 entries', () => {
    const enc = encodeSparse([f32([0, 0, 0, 0, 0, 0, 0, 0, 2.5])]);
    expect(enc.length).toBe(2 + 4);
    expect([enc[0], enc[1]]).toEqual([0, 1]);
    expect(encodeSparse([new Float32Array(16)]).length).toBe(2);
  });
});

describe('compressed size of a 90 %-sparse matrix', () => {
  it('the sparse encoding is much smaller than the dense floats', () => {
    const rng = createRng(5);
    const t = { name: 'k', shape: [50, 40], values: Float32Array.from({ length: 2000 }, () => rng.normal()) };
    const mask = randomUnstructured.prune([t], [new Uint8Array(2000).fill(1)], { amount: 0.9, semantics: TORCH_SEMANTICS, rng, nm: { n: 2, m: 4 } })[0];
    const kernel = t.values.map((v, i) => (mask?.[i] ? v : 0));
    const bias = Float32Array.from({ length: 40 }, () => rng.normal());
    const sparse = accountModel([{ name: 'output', shape: [50, 40], kernel, bias }]);
    const dense = accountModel([{ name: 'output', shape: [50, 40], kernel: t.values, bias }]);
    expect(sparse.nonzeroParams).toBe(200 + 40);
    // gzip already squeezes the runs of zero floats, yet the bitmap encoding still beats it.
    expect(sparse.sparseBytes).toBeLessThan(sparse.denseBytes);
    // Raw encoding: 250 + 5 bytes of bitmap and 4·240 of values ≈ 1.2 kB, vs 8.2 kB of unpruned floats.
    expect(sparse.sparseBytes).toBeLessThan(0.2 * dense.denseBytes);
    expect(sparse.sparseBytes).toBeLessThan(250 + 5 + 4 * 240 + 64);
    // Random float32s are nearly incompressible: dense gzip stays close to 4 bytes per weight.
    expect(dense.denseBytes).toBeGreaterThan(0.8 * 4 * 2040);
    // With nothing pruned the bitmap is pure overhead.
    expect(dense.sparseBytes).toBeGreaterThanOrEqual(dense.denseBytes);
  });
});
