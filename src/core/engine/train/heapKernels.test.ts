import { beforeAll, describe, expect, it } from 'vitest';
// Turns relaxed SIMD on where Node has it behind a flag (Node 20), as the CLI does: both flavours are tested.
import '../../../cli/backend';
import { createRng } from '../../rng';
import { testHeap } from '../../testing/heap';
import { kernelFlavour, kernelsOn, withKernels, type HeapKernels, type KernelFlavour } from './heapKernels';

// The kernels on a memory of their own (the fused step gives them the WASM backend's), in each flavour.
const { memory, heap, fill } = testHeap(createRng(3));
let kernels: HeapKernels;

/** A [m×k], B [k×n] (or Bt [n×k]) and the bias [n] filled at random, 64 bytes apart; C [m×n] set to 7s (and 8 floats past it, to see what is written). */
function operands(m: number, k: number, n: number) {
  const a = 64;
  const b = a + 4 * m * k + 64;
  const c = b + 4 * k * n + 64;
  const bias = c + 4 * m * n + 64;
  fill(a, m * k);
  fill(b, k * n);
  fill(bias, n);
  heap().fill(7, c / 4, c / 4 + m * n + 8);
  return { a, b, c, bias };
}

const f32 = (bits: number) => new Float32Array(Int32Array.of(bits).buffer)[0] as number;
const bitsOf = (x: number) => new Int32Array(Float32Array.of(x).buffer)[0] as number;

/** a·b + c rounded once to float32 (a, b, c float32): the product is exact in float64, the sum's error found exactly (TwoSum), a tie broken by it. */
function fmaF32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const t = s - p;
  const err = p - (s - t) + (c - t);
  const r = Math.fround(s);
  if (err === 0 || r === s) return r;
  // s lies between r and its neighbour toward s; only a tie (s exactly halfway) can round the wrong way.
  const other = f32(bitsOf(r) + ((s > r) === (r >= 0) ? 1 : -1));
  if (s - r !== other - s) return r;
  return err > 0 ? Math.max(r, other) : Math.min(r, other);
}

it('the engine here compiles the fma flavour (relaxed SIMD), which the kernels then use by default, and a WASM backend’s description says so', () => {
  expect(kernelFlavour()).toBe('fma');
  expect(withKernels({ name: 'wasm', requested: 'auto', reason: 'r' })).toEqual({ name: 'wasm', requested: 'auto', reason: 'r', kernels: 'fma' });
  expect(withKernels({ name: 'cpu', requested: 'cpu', reason: 'r' })).not.toHaveProperty('kernels');
});

it('fmaF32, the tests’ float32 fused multiply-add, rounds once: (1 + 2⁻¹²)² − (1 + 2⁻¹¹) is 2⁻²⁴, a tie broken by the sum’s error', () => {
  const a = 1 + 2 ** -12;
  expect(fmaF32(a, a, -(1 + 2 ** -11))).toBe(2 ** -24);
  expect(Math.fround(Math.fround(a * a) - (1 + 2 ** -11))).toBe(0);
  expect(fmaF32(3, 5, 7)).toBe(22);
  // c + 2⁻¹⁴ − 2⁻⁶⁰ (c = 2¹⁰ + 2⁻¹³, odd): float64 rounds the sum to the midpoint c + 2⁻¹⁴, which
  // rounds to even (c + 2⁻¹²); the exact sum is below it, so c. Negated, the same.
  const [x, y, c] = [1 + 2 ** -23, 2 ** -14 * (1 - 2 ** -23), 2 ** 10 + 2 ** -13];
  expect(Math.fround(x * y + c)).toBe(2 ** 10 + 2 ** -12);
  expect(fmaF32(x, y, c)).toBe(c);
  expect(fmaF32(-x, y, -c)).toBe(-c);
  // A true tie (no error) rounds to even.
  expect(fmaF32(1, 1, 2 ** -24)).toBe(1);
});

describe.each(['mul-add', 'fma'] as const satisfies readonly KernelFlavour[])('the heap kernels (WebAssembly SIMD, built at run time), %s flavour', (flavour) => {
  /** One multiply-add of the flavour in float32: a·b rounded, then the sum rounded; or rounded once. */
  const madd = flavour === 'fma' ? fmaF32 : (a: number, b: number, c: number) => Math.fround(c + Math.fround(a * b));
  beforeAll(() => {
    kernels = kernelsOn(memory, flavour) as HeapKernels;
  });

  it('build', () => {
    expect(kernels).not.toBeNull();
  });

  it(flavour === 'fma' ? 'multiply-adds are fused: (1 + 2⁻¹²)² − (1 + 2⁻¹¹) gives 2⁻²⁴ (gemm, dotRows, sparseGradT)' : 'multiply-adds round twice: (1 + 2⁻¹²)² − (1 + 2⁻¹¹) gives 0 (gemm, dotRows, sparseGradT)', () => {
    // Row [1, 1 + 2⁻¹²] times column [−(1 + 2⁻¹¹), 1 + 2⁻¹²]: the second product is added to a nonzero sum.
    const want = flavour === 'fma' ? 2 ** -24 : 0;
    const a = 1 + 2 ** -12;
    const h = heap();
    h.set([1, a], 16);
    h.set([-(1 + 2 ** -11), a], 32);
    for (const n of [1, 16]) {
      // B [2, n] with the column repeated: scalar tiles (n = 1) and vector ones (16).
      h.fill(-(1 + 2 ** -11), 48, 48 + n);
      h.fill(a, 48 + n, 48 + 2 * n);
      kernels.gemm(64, 2, 1, 192, n, 512, n, 1, 2, n, 0, 0);
      expect(Array.from(heap().subarray(128, 128 + n)), `gemm, ${n} column(s)`).toEqual(new Array(n).fill(want));
    }
    // dotRows: k = 2 (the scalar tail) and k = 8 (the vector part: the two products in lane 0, four apart).
    for (const k of [2, 8]) {
      const step = k === 2 ? 1 : 4;
      h.fill(0, 16, 16 + 2 * k);
      [h[16], h[16 + step]] = [1, a];
      [h[16 + k], h[16 + k + step]] = [-(1 + 2 ** -11), a];
      kernels.dotRows(64, k, 64 + 4 * k, k, 512, 1, 1, k, 1, 0, 0);
      expect(heap()[128], `dotRows, k = ${k}`).toBe(want);
    }
    // sparseGradT: x [2 rows, nIn], d [2, 1] = [−(1 + 2⁻¹¹), a]: out[0, i] = d[0]·x[0, i] + d[1]·x[1, i] with x = [1; a].
    for (const nIn of [1, 4, 28]) {
      const x = 1024;
      h.fill(1, x / 4, x / 4 + nIn);
      h.fill(a, x / 4 + nIn, x / 4 + 2 * nIn);
      h.set([-(1 + 2 ** -11), a], 2048 / 4);
      kernels.sparseGradT(x, nIn, 2048, 1, 2, 3072, 5120, 6144, 0);
      expect(Array.from(heap().subarray(6144 / 4, 6144 / 4 + nIn)), `sparseGradT, ${nIn} column(s)`).toEqual(new Array(nIn).fill(want));
    }
  });

  it('gemm equals the product by definition: every edge tile, A read as is or transposed, bias, relu, nothing written past C', () => {
    let worst = 0;
    for (const [m, k, n] of [[1, 1, 1], [2, 3, 5], [3, 7, 17], [5, 4, 31], [7, 9, 33], [13, 30, 64], [31, 40, 20], [4, 0, 8]] as const) {
      for (const transposed of [false, true])
        for (const withBias of [false, true])
          for (const relu of [false, true]) {
            const { a, b, c, bias } = operands(m, k, n);
            const [sai, sap] = transposed ? [1, m] : [k, 1];
            kernels.gemm(a, sai, sap, b, n, c, n, m, k, n, withBias ? bias : 0, relu ? 1 : 0);
            const h = heap();
            for (let i = 0; i < m; i++)
              for (let j = 0; j < n; j++) {
                let s = withBias ? (h[bias / 4 + j] as number) : 0;
                for (let p = 0; p < k; p++) s += (h[a / 4 + i * sai + p * sap] as number) * (h[b / 4 + p * n + j] as number);
                if (relu) s = Math.max(s, 0);
                worst = Math.max(worst, Math.abs(s - (h[c / 4 + i * n + j] as number)));
              }
            expect(Array.from(h.subarray(c / 4 + m * n, c / 4 + m * n + 8))).toEqual(new Array(8).fill(7));
          }
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('transpose: every element moved (4×4 blocks and both edges), nothing written past the result', () => {
    for (const [rows, cols] of [[1, 1], [3, 3], [4, 4], [7, 5], [13, 30], [1, 784], [3, 9], [64, 785], [200, 784]] as const) {
      const src = 64;
      const dst = src + 4 * rows * cols + 64;
      const h = heap();
      for (let i = 0; i < rows * cols; i++) h[src / 4 + i] = i + 0.5;
      h.fill(-1, dst / 4, dst / 4 + rows * cols + 8);
      kernels.transpose(src, dst, rows, cols);
      const out = heap();
      const wrong: string[] = [];
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (out[dst / 4 + c * rows + r] !== r * cols + c + 0.5) wrong.push(`${rows}×${cols} (${r}, ${c})`);
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(Array.from(out.subarray(dst / 4 + rows * cols, dst / 4 + rows * cols + 8))).toEqual(new Array(8).fill(-1));
    }
  });

  it('gemm reading a transposed copy (Aᵀ made by transpose, then read by rows) gives the very same floats as reading A down its columns', () => {
    // A weight gradient Xᵀ·D: X [bs × nIn], D [bs × nOut], the result [nIn × nOut].
    for (const [bs, nIn, nOut] of [[13, 300, 20], [13, 301, 20], [1, 257, 7]] as const) {
    const a = 64;
    const b = a + 4 * bs * nIn + 64;
    const c = b + 4 * bs * nOut + 64;
    const t = c + 4 * nIn * nOut + 64;
    const c2 = t + 4 * nIn * bs + 64;
    fill(a, bs * nIn);
    fill(b, bs * nOut);
    kernels.gemm(a, 1, nIn, b, nOut, c, nOut, nIn, bs, nOut, 0, 0);
    kernels.transpose(a, t, bs, nIn);
    kernels.gemm(t, bs, 1, b, nOut, c2, nOut, nIn, bs, nOut, 0, 0);
    const h = heap();
    expect(Array.from(h.subarray(c2 / 4, c2 / 4 + nIn * nOut))).toEqual(Array.from(h.subarray(c / 4, c / 4 + nIn * nOut)));
    }
  });

  it('sparseGradT: dᵀ·x over d’s nonzeros only, bit for bit the sums of Xᵀ·d (and of float32 arithmetic done by hand), at every edge', () => {
    // [bs, nIn, nOut]: 28-, 4- and 1-column edges, a single row, odd counts, a 784-wide batch in
    // four blocks of 50 rows, three blocks of 43 (129 rows), a last block shorter than the others (65: 33 + 32)
    // and an empty batch (its sums are +0).
    for (const [bs, nIn, nOut] of [[13, 301, 20], [1, 784, 7], [5, 259, 4], [3, 9, 5], [7, 1, 3], [200, 785, 64], [129, 61, 9], [65, 33, 5], [0, 33, 5]] as const) {
      const x = 64;
      const d = x + 4 * bs * nIn + 64;
      const entries = d + 4 * bs * nOut + 64;
      const counts = entries + 8 * bs * nOut + 64;
      const gT = counts + 4 * nOut + 64;
      const g = gT + 4 * nOut * nIn + 64;
      const ref = g + 4 * nIn * nOut + 64;
      fill(x, bs * nIn);
      fill(d, bs * nOut);
      let h = heap();
      // Relu's zeros: about half of d; unit 0 all zeros (a dead unit), the last unit none.
      for (let b = 0; b < bs; b++)
        for (let j = 0; j < nOut; j++) {
          const i = d / 4 + b * nOut + j;
          if (j === 0 || (j < nOut - 1 && (h[i] as number) < 0)) h[i] = 0;
        }
      h.fill(7, gT / 4, gT / 4 + nOut * nIn + 8);
      kernels.sparseGradT(x, nIn, d, nOut, bs, entries, counts, gT, 0);
      h = heap();
      expect(Array.from(h.subarray(gT / 4 + nOut * nIn, gT / 4 + nOut * nIn + 8)), `${bs}×${nIn}×${nOut}: nothing past the result`).toEqual(new Array(8).fill(7));
      expect(h[counts / 4], 'a dead unit has no entries').toBe(0);
      expect(h.subarray(gT / 4, gT / 4 + nIn).every((v) => Object.is(v, 0)), 'a dead unit’s gradient is +0').toBe(true);
      kernels.transpose(gT, g, nOut, nIn);
      kernels.gemm(x, 1, nIn, d, nOut, ref, nOut, nIn, bs, nOut, 0, 0);
      h = heap();
      const got = Array.from(h.subarray(g / 4, g / 4 + nIn * nOut));
      expect(got, `${bs}×${nIn}×${nOut}: the same floats as Xᵀ·d`).toEqual(Array.from(h.subarray(ref / 4, ref / 4 + nIn * nOut)));
      // By hand: each multiply-add in float32 as the flavour rounds it, rows in order, zeros skipped.
      const wrong: string[] = [];
      for (let i = 0; i < nIn; i++)
        for (let j = 0; j < nOut; j++) {
          let acc = 0;
          for (let b = 0; b < bs; b++) {
            const dv = h[d / 4 + b * nOut + j] as number;
            if (dv !== 0) acc = madd(dv, h[x / 4 + b * nIn + i] as number, acc);
          }
          if (!Object.is(acc, got[i * nOut + j])) wrong.push(`${bs}×${nIn}×${nOut} (${i}, ${j}): ${acc} ≠ ${got[i * nOut + j]}`);
        }
      expect(wrong.slice(0, 3)).toEqual([]);
    }
  });

  it('indexed rows (gemmRows, sparseGradT with rows): the very floats of the same products on a gathered copy of those rows', () => {
    // A 23-row "training matrix" of 300 columns; a batch of 13 of its rows, repeats and an odd count
    // included; then a batch of 150 (three blocks of sparseGradT's rows), every row 6 or 7 times.
    for (const order of [[5, 0, 22, 7, 7, 13, 1, 19, 2, 11, 4, 16, 9], Array.from({ length: 150 }, (_, i) => (i * 17) % 23)]) {
      const [n, nIn, nOut] = [23, 300, 20];
      const bs = order.length;
      const data = 64;
      const rows = data + 4 * n * nIn + 64;
      const x = rows + 4 * bs + 64;
      const w = x + 4 * bs * nIn + 64;
      const bias = w + 4 * nIn * nOut + 64;
      const [c1, c2] = [bias + 4 * nOut + 64, bias + 4 * nOut + 64 + 4 * bs * nOut + 64];
      const d = c2 + 4 * bs * nOut + 64;
      const entries = d + 4 * bs * nOut + 64;
      const counts = entries + 8 * bs * nOut + 64;
      const [g1, g2] = [counts + 4 * nOut + 64, counts + 4 * nOut + 64 + 4 * nOut * nIn + 64];
      fill(data, n * nIn);
      fill(w, nIn * nOut);
      fill(bias, nOut);
      fill(d, bs * nOut);
      let h = heap();
      for (let i = 0; i < bs * nOut; i++) if ((h[d / 4 + i] as number) < 0) h[d / 4 + i] = 0;
      new Int32Array(memory.buffer, rows, bs).set(order);
      kernels.gatherRows(x, data, rows, bs, 4 * nIn);
      kernels.gemm(x, nIn, 1, w, nOut, c1, nOut, bs, nIn, nOut, bias, 1);
      kernels.gemmRows(data, nIn, 1, w, nOut, c2, nOut, bs, nIn, nOut, bias, 1, rows);
      kernels.sparseGradT(x, nIn, d, nOut, bs, entries, counts, g1, 0);
      kernels.sparseGradT(data, nIn, d, nOut, bs, entries, counts, g2, rows);
      h = heap();
      expect(Array.from(h.subarray(c2 / 4, c2 / 4 + bs * nOut))).toEqual(Array.from(h.subarray(c1 / 4, c1 / 4 + bs * nOut)));
      expect(Array.from(h.subarray(g2 / 4, g2 / 4 + nIn * nOut))).toEqual(Array.from(h.subarray(g1 / 4, g1 / 4 + nIn * nOut)));
      // And they are the products of those rows: one entry by definition.
      const third = order[2] as number;
      let want = h[bias / 4 + 3] as number;
      for (let p = 0; p < nIn; p++) want += (h[data / 4 + third * nIn + p] as number) * (h[w / 4 + p * nOut + 3] as number);
      expect(Math.abs(Math.max(want, 0) - (h[c2 / 4 + 2 * nOut + 3] as number))).toBeLessThan(1e-5);
    }
  });

  it('sparseGradT keeps a NaN in d (a diverging net stays visible)', () => {
    const [bs, nIn, nOut] = [4, 30, 6];
    const [x, d, entries, counts, gT] = [64, 1024, 2048, 4096, 5120];
    fill(x, bs * nIn);
    heap().fill(0, d / 4, d / 4 + bs * nOut);
    heap()[d / 4 + 2 * nOut + 3] = Number.NaN;
    kernels.sparseGradT(x, nIn, d, nOut, bs, entries, counts, gT, 0);
    const h = heap();
    expect(h.subarray(gT / 4 + 3 * nIn, gT / 4 + 4 * nIn).every(Number.isNaN)).toBe(true);
    expect(h.subarray(gT / 4, gT / 4 + 3 * nIn).every((v) => v === 0)).toBe(true);
  });

  it('gemm with zero strides reads one value for the whole row: 1ᵀ·D, the column sums (the bias gradient)', () => {
    const h = heap();
    h[16] = 1;
    // D = [[1, 2, 3], [4, 5, 6]] → column sums [5, 7, 9] (by hand).
    h.set([1, 2, 3, 4, 5, 6], 32);
    kernels.gemm(64, 0, 0, 128, 3, 256, 3, 1, 2, 3, 0, 0);
    expect(Array.from(heap().subarray(64, 67))).toEqual([5, 7, 9]);
  });

  it('gemm’s relu keeps a NaN (a diverging net stays visible) and zeroes negatives', () => {
    const a = 64;
    const b = 256;
    const c = 512;
    const h = heap();
    h.set([Number.NaN, -1, 2], a / 4);
    h.fill(1, b / 4, b / 4 + 16);
    kernels.gemm(a, 1, 0, b, 16, c, 16, 3, 1, 16, 0, 1);
    const out = heap();
    expect(Number.isNaN(out[c / 4] as number)).toBe(true);
    expect(Array.from(out.subarray(c / 4 + 16, c / 4 + 18))).toEqual([0, 0]);
    expect(out[c / 4 + 32]).toBe(2);
  });

  it('dotRows equals A·Btᵀ by definition: every k (vector part and tail), 1 to 3 columns, bias, relu, nothing written past C', () => {
    let worst = 0;
    for (const [m, k, n] of [[1, 1, 1], [3, 4, 2], [5, 7, 3], [13, 32, 2], [7, 0, 1], [9, 30, 3]] as const) {
      for (const withBias of [false, true])
        for (const relu of [false, true]) {
          const { a, b: bt, c, bias } = operands(m, k, n);
          kernels.dotRows(a, k, bt, k, c, n, m, k, n, withBias ? bias : 0, relu ? 1 : 0);
          const h = heap();
          for (let i = 0; i < m; i++)
            for (let j = 0; j < n; j++) {
              let want = withBias ? (h[bias / 4 + j] as number) : 0;
              for (let p = 0; p < k; p++) want += (h[a / 4 + i * k + p] as number) * (h[bt / 4 + j * k + p] as number);
              if (relu) want = Math.max(want, 0);
              worst = Math.max(worst, Math.abs((h[c / 4 + i * n + j] as number) - want));
            }
          expect(Array.from(h.subarray(c / 4 + m * n, c / 4 + m * n + 8))).toEqual(new Array(8).fill(7));
        }
    }
    expect(worst).toBeLessThan(1e-5);
  });
});
