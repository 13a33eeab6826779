import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../testing/node';
import { WasmHeap } from './wasmHeap';

beforeAll(async () => {
  await useBackend('wasm');
});

describe('WasmHeap: the WASM backend’s product on heap buffers', () => {
  it('multiplies like tf.matMul, row-major, and sees changes made in place', async () => {
    const heap = WasmHeap.open();
    expect(heap).not.toBeNull();
    if (!heap) return;
    try {
      // [[1, 2, 3], [4, 5, 6]] · [[1, 0], [0, 1], [1, 1]] = [[4, 5], [10, 11]] (by hand).
      const a = heap.alloc(6);
      const b = heap.alloc(6);
      const out = heap.alloc(4);
      heap.view(a).set([1, 2, 3, 4, 5, 6]);
      heap.view(b).set([1, 0, 0, 1, 1, 1]);
      heap.matmul(a, b, out, 2, 3, 2);
      expect(Array.from(heap.view(out))).toEqual([4, 5, 10, 11]);
      // The weights change in place every training step: the next product must use the new ones.
      heap.view(b)[0] = 2;
      heap.matmul(a, b, out, 2, 3, 2);
      expect(Array.from(heap.view(out))).toEqual([5, 5, 14, 11]);
      // A product over fewer rows than the buffers hold (the last, shorter batch of an epoch).
      heap.view(out).fill(-1);
      heap.matmul(a, b, out, 1, 3, 2);
      expect(Array.from(heap.view(out))).toEqual([5, 5, -1, -1]);
      // An alias reads the same memory under its own id.
      const tail = heap.alias(a, 3, 3);
      heap.matmul(tail, b, out, 1, 3, 2);
      expect(Array.from(heap.view(out)).slice(0, 2)).toEqual([14, 11]);
      expect(() => heap.matmul(a, b, out, 3, 3, 2)).toThrow(/does not fit/);
      // Against tf.matMul on random sizes like a training step's.
      const [m, k, n] = [37, 19, 23];
      const x = heap.alloc(m * k);
      const y = heap.alloc(k * n);
      const z = heap.alloc(m * n);
      heap.view(x).set(Float32Array.from({ length: m * k }, (_, i) => Math.sin(i)));
      heap.view(y).set(Float32Array.from({ length: k * n }, (_, i) => Math.cos(i)));
      heap.matmul(x, y, z, m, k, n);
      const ref = tf.tidy(() => tf.matMul(tf.tensor2d(heap.view(x).slice(), [m, k]), tf.tensor2d(heap.view(y).slice(), [k, n])));
      const want = (await ref.data()) as Float32Array;
      ref.dispose();
      const got = heap.view(z);
      expect(Math.max(...Array.from(want, (v, i) => Math.abs(v - (got[i] as number))))).toBeLessThan(1e-5);
    } finally {
      heap.dispose();
    }
  });

  it('is not offered on another backend', async () => {
    await useBackend('cpu');
    try {
      expect(WasmHeap.open()).toBeNull();
    } finally {
      await useBackend('wasm');
    }
  });
});

describe('WasmHeap: fused bias and activation, transpose', () => {
  it('applies bias then relu / sigmoid / elu, and transposes', () => {
    const heap = WasmHeap.open();
    if (!heap) throw new Error('no heap');
    try {
      // [1, −2] · I₂ + [0.5, 1] = [1.5, −1]; relu → [1.5, 0]; sigmoid → [σ(1.5), σ(−1)]; elu → [1.5, e⁻¹ − 1].
      const a = heap.alloc(2);
      const eye = heap.alloc(4);
      const bias = heap.alloc(2);
      const out = heap.alloc(2);
      heap.view(a).set([1, -2]);
      heap.view(eye).set([1, 0, 0, 1]);
      heap.view(bias).set([0.5, 1]);
      heap.matmul(a, eye, out, 1, 2, 2, bias, 'relu');
      expect(Array.from(heap.view(out))).toEqual([1.5, 0]);
      heap.matmul(a, eye, out, 1, 2, 2, bias, 'sigmoid');
      expect(Array.from(heap.view(out))).toEqual([expect.closeTo(1 / (1 + Math.exp(-1.5)), 6), expect.closeTo(1 / (1 + Math.exp(1)), 6)]);
      // The bias changes in place, like the weights.
      heap.view(bias).set([0, 0]);
      heap.matmul(a, eye, out, 1, 2, 2, bias, 'elu');
      expect(Array.from(heap.view(out))).toEqual([1, expect.closeTo(Math.exp(-2) - 1, 6)]);
      const m = heap.alloc(6);
      const t = heap.alloc(6);
      heap.view(m).set([1, 2, 3, 4, 5, 6]);
      heap.transpose(m, t, 2, 3);
      expect(Array.from(heap.view(t))).toEqual([1, 4, 2, 5, 3, 6]);
      heap.transpose(m, t, 1, 3);
      expect(Array.from(heap.view(t)).slice(0, 3)).toEqual([1, 2, 3]);
    } finally {
      heap.dispose();
    }
  });
});

describe('WasmHeap: kernels called through their raw exports', () => {
  it('calls them directly on this backend, and gives what the cwrap path gives, shapes of many sizes reused', () => {
    const direct = WasmHeap.open();
    const wrapped = WasmHeap.open();
    if (!direct || !wrapped) throw new Error('no heap');
    try {
      expect(direct.direct).toBe(true);
      // The same heap with its raw exports set aside: the cwrap path, the fallback when they are missing.
      Object.assign(wrapped, { rawProduct: null, rawTranspose: null });
      expect(wrapped.direct).toBe(false);
      for (const [m, k, n] of [[5, 3, 4], [7, 3, 4], [5, 3, 4], [2, 9, 1]] as const) {
        const results = [direct, wrapped].map((heap) => {
          const a = heap.alloc(m * k);
          const b = heap.alloc(k * n);
          const bias = heap.alloc(n);
          const out = heap.alloc(m * n);
          const t = heap.alloc(m * k);
          heap.view(a).set(Array.from({ length: m * k }, (_, i) => Math.sin(i + 1)));
          heap.view(b).set(Array.from({ length: k * n }, (_, i) => Math.cos(i)));
          heap.view(bias).set(Array.from({ length: n }, (_, i) => i / 10));
          heap.matmul(a, b, out, m, k, n, bias, 'relu');
          heap.transpose(a, t, m, k);
          return [Array.from(heap.view(out)), Array.from(heap.view(t))];
        });
        expect(results[0]).toEqual(results[1]);
        // Transposed by hand: t[j][i] = a[i][j] (here the last row i = m − 1, column j = 1).
        const at = (results[0] as number[][])[1] as number[];
        expect(at[1 * m + (m - 1)]).toBeCloseTo(Math.sin((m - 1) * k + 1 + 1), 6);
      }
    } finally {
      direct.dispose();
      wrapped.dispose();
    }
  });
  it('softmax by the backend’s kernel, row by row', () => {
    const heap = WasmHeap.open();
    expect(heap?.hasSoftmax).toBe(true);
    if (!heap) return;
    try {
      const x = heap.alloc(6);
      const out = heap.alloc(6);
      // Rows [0, ln 3, 0] → [1/5, 3/5, 1/5] and [100, 100, 100] → thirds (by hand).
      heap.view(x).set([0, Math.log(3), 0, 100, 100, 100]);
      heap.softmax(x, out, 2, 3);
      expect(Array.from(heap.view(out))).toEqual([0.2, 0.6, 0.2, 1 / 3, 1 / 3, 1 / 3].map((v) => expect.closeTo(v, 6)));
    } finally {
      heap.dispose();
    }
  });
  it('builds the SIMD kernels over the backend’s own memory; their product equals XNNPACK’s on the same heap blocks', () => {
    const heap = WasmHeap.open();
    const kernels = heap?.kernels();
    // On this backend the fused step must not fall back silently to XNNPACK's path.
    expect(kernels).not.toBeNull();
    if (!heap || !kernels) return;
    try {
      const [m, k, n] = [13, 30, 21];
      const a = heap.alloc(m * k);
      const b = heap.alloc(k * n);
      const bias = heap.alloc(n);
      const viaXnn = heap.alloc(m * n);
      const viaKernel = heap.alloc(m * n);
      heap.view(a).forEach((_, i, v) => (v[i] = Math.sin(i)));
      heap.view(b).forEach((_, i, v) => (v[i] = Math.cos(3 * i)));
      heap.view(bias).forEach((_, i, v) => (v[i] = i / n - 0.5));
      heap.matmul(a, b, viaXnn, m, k, n, bias, 'relu');
      kernels.gemm(a.ptr, k, 1, b.ptr, n, viaKernel.ptr, n, m, k, n, bias.ptr, 1);
      const want = Array.from(heap.view(viaXnn));
      expect(want.some((v) => v > 0) && want.some((v) => v === 0)).toBe(true);
      expect(Array.from(heap.view(viaKernel))).toEqual(want.map((v) => expect.closeTo(v, 5)));
    } finally {
      heap.dispose();
    }
  });
});
