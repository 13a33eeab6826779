import { describe, expect, it } from 'vitest';
import { createRng } from '../../rng';
import { defaultSpec } from '../../spec/schema';
import { testHeap } from '../../testing/heap';
import { FlatOptimizer } from './flatOptimizer';
import { kernelsOn, type HeapKernels } from './heapKernels';
import { softmaxLoss } from './kernelSoftmax';

// The kernels without a multiply-add (softmax, gather, masks, relu's gradient, Adam): the same in both flavours.
const rng = createRng(5);
const { memory, heap, fill } = testHeap(rng);
const kernels = kernelsOn(memory) as HeapKernels;

describe('the heap kernels’ elementwise and loss kernels', () => {
  it('softmaxXent gives softmax cross-entropy’s gradient and loss as float64 arithmetic does (to ~1e-7), wide logits and many rows too', () => {
    for (const [rows, nC, spread] of [[7, 1, 3], [200, 2, 4], [13, 3, 30], [100, 10, 80], [1500, 10, 5]] as const) {
      const z = 64;
      const y = z + 4 * rows * nC + 64;
      const grad = y + 4 * rows * nC + 64;
      const sums = grad + 4 * rows * nC + 64;
      const margins = sums + 4 * rows + 64;
      const h = heap();
      for (let i = 0; i < rows * nC; i++) h[z / 4 + i] = (rng.next() * 2 - 1) * spread;
      h.fill(0, y / 4, y / 4 + rows * nC);
      for (let r = 0; r < rows; r++) h[y / 4 + r * nC + (r % nC)] = 1;
      kernels.softmaxXent(z, y, grad, rows, nC, 1 / rows, sums, margins);
      const loss = softmaxLoss(h.subarray(sums / 4, sums / 4 + rows), h.subarray(margins / 4, margins / 4 + rows), rows);
      let want = 0;
      let worst = 0;
      for (let r = 0; r < rows; r++) {
        const o = Array.from(h.subarray(z / 4 + r * nC, z / 4 + (r + 1) * nC));
        const max = Math.max(...o);
        const sum = o.reduce((a, v) => a + Math.exp(v - max), 0);
        want += Math.log(sum) + max - (o[r % nC] as number);
        o.forEach((v, c) => {
          const g = (Math.exp(v - max) / sum - (c === r % nC ? 1 : 0)) / rows;
          worst = Math.max(worst, Math.abs((h[grad / 4 + r * nC + c] as number) - g) * rows);
        });
      }
      want /= rows;
      expect(worst).toBeLessThan(3e-7);
      expect(Math.abs(loss - want)).toBeLessThan(1e-6 * Math.max(1, want));
    }
  });

  it('softmaxXent’s four-lane exp and gradient are the scalar ones, lane for lane: a logit in the vector part and the same logit in the row’s tail give the very same floats', () => {
    // Rows of 5 classes [a, b, c, d, a]: classes 0–3 go through the vector path, class 4 through the scalar one.
    const rows = 400;
    const nC = 5;
    const [z, y, grad, sums, margins] = [64, 64 + 4 * rows * nC + 64, 64 + 2 * (4 * rows * nC + 64), 64 + 3 * (4 * rows * nC + 64), 64 + 3 * (4 * rows * nC + 64) + 4 * rows + 64];
    const h = heap();
    const special = [0, -0, 1e-30, -86.9, -87, -87.5, -200, 88, 30];
    for (let r = 0; r < rows; r++) {
      const a = r < special.length ? (special[r] as number) : (rng.next() * 2 - 1) * 60;
      h.set([a, (rng.next() * 2 - 1) * 20, (rng.next() * 2 - 1) * 20, (rng.next() * 2 - 1) * 20, a], z / 4 + r * nC);
    }
    h.fill(0, y / 4, y / 4 + rows * nC);
    for (let r = 0; r < rows; r++) h[y / 4 + r * nC + 1 + (r % 3)] = 1;
    kernels.softmaxXent(z, y, grad, rows, nC, 1 / rows, sums, margins);
    const out = heap();
    const differ: string[] = [];
    for (let r = 0; r < rows; r++) {
      const [g0, g4] = [out[grad / 4 + r * nC] as number, out[grad / 4 + r * nC + 4] as number];
      if (!Object.is(g0, g4)) differ.push(`row ${r}: ${g0} ≠ ${g4}`);
    }
    expect(differ.slice(0, 3)).toEqual([]);
    expect(out.subarray(grad / 4, grad / 4 + rows * nC).every(Number.isFinite)).toBe(true);
  });

  it('softmaxXent on NaN or infinite logits (a diverging net) gives a NaN loss, not a WebAssembly trap', () => {
    const z = 64;
    const y = 128;
    const grad = 192;
    const sums = 256;
    const margins = 320;
    const h = heap();
    h.set([Number.NaN, 1, Number.POSITIVE_INFINITY, 2, 3, Number.NEGATIVE_INFINITY], z / 4);
    h.set([1, 0, 0, 1, 1, 0], y / 4);
    expect(() => kernels.softmaxXent(z, y, grad, 3, 2, 1 / 3, sums, margins)).not.toThrow();
    const loss = softmaxLoss(heap().subarray(sums / 4, sums / 4 + 3), heap().subarray(margins / 4, margins / 4 + 3), 3);
    expect(Number.isNaN(loss)).toBe(true);
    // The row (3, −∞) is still right: p = (1, 0) up to e^−87 (the clamp), its gradient ~0.
    for (const g of heap().subarray(grad / 4 + 4, grad / 4 + 6)) expect(Math.abs(g)).toBeLessThan(1e-30);
  });

  it('gatherRows copies the indexed rows in order (repeats and any row width), and nothing past the last', () => {
    for (const nF of [1, 3, 30, 33]) {
      const n = 9;
      const src = 64;
      const rows = src + 4 * n * nF + 64;
      const dst = rows + 64 + 64;
      const idx = [8, 0, 3, 3, 5];
      fill(src, n * nF);
      new Int32Array(memory.buffer, rows, idx.length).set(idx);
      heap().fill(7, dst / 4, dst / 4 + idx.length * nF + 4);
      kernels.gatherRows(dst, src, rows, idx.length, 4 * nF);
      const h = heap();
      const got = Array.from(h.subarray(dst / 4, dst / 4 + idx.length * nF));
      const want = idx.flatMap((r) => Array.from(h.subarray(src / 4 + r * nF, src / 4 + (r + 1) * nF)));
      expect(got).toEqual(want);
      expect(Array.from(h.subarray(dst / 4 + idx.length * nF, dst / 4 + idx.length * nF + 4))).toEqual([7, 7, 7, 7]);
    }
  });

  it('andMask keeps a weight (NaN too) where the mask is −1 and makes it +0 (never −0) where it is 0, tails included, nothing past count', () => {
    const w = 64;
    const mask = 1024;
    for (const count of [1, 3, 4, 7, 13]) {
      const h = heap();
      const values = Array.from({ length: count }, (_, k) => (k === 2 ? Number.NaN : (k % 2 ? -1 : 1) * (k + 0.5)));
      h.set([...values, 9], w / 4);
      const bits = Array.from({ length: count }, (_, k) => (k % 3 === 1 ? 0 : -1));
      new Int32Array(memory.buffer, mask, count).set(bits);
      kernels.andMask(w, mask, count);
      const got = Array.from(heap().subarray(w / 4, w / 4 + count + 1));
      expect(got.slice(0, count).every((v, k) => (bits[k] === 0 ? Object.is(v, 0) : Object.is(v, Math.fround(values[k] as number)))), `${count}: ${got}`).toBe(true);
      expect(got[count], 'nothing past count').toBe(9);
    }
  });

  it('reluGrad passes dh where the output is positive, 0 elsewhere (any count, tails included)', () => {
    for (const count of [1, 3, 4, 9, 64]) {
      fill(0, count);
      fill(1024, count);
      kernels.reluGrad(0, 1024, 2048, count);
      const h = heap();
      for (let i = 0; i < count; i++) expect(h[512 + i]).toBe((h[256 + i] as number) > 0 ? h[i] : 0);
    }
  });

  it('adam matches the JS update (FlatOptimizer, double-precision arithmetic) over several steps, in float32', () => {
    const count = 37;
    const t = { ...defaultSpec().training, optimizer: 'adam' as const, learningRate: 0.01 };
    const js = new FlatOptimizer(t, count);
    const kernelSide = new FlatOptimizer(t, count);
    const w = new Float32Array(count).map(() => rng.next() - 0.5);
    const [pw, pg, pm, pv] = [0, 1024, 2048, 3072];
    heap().set(w, pw / 4);
    heap().fill(0, pm / 4, pm / 4 + count);
    heap().fill(0, pv / 4, pv / 4 + count);
    for (let step = 0; step < 5; step++) {
      const g = new Float32Array(count).map(() => rng.next() - 0.5);
      js.step(w, g);
      heap().set(g, pg / 4);
      const c = kernelSide.adamStep();
      kernels.adam(pw, pg, pm, pv, count, c.alpha, c.c, c.beta1, c.beta2);
    }
    const got = Array.from(heap().subarray(pw / 4, pw / 4 + count));
    expect(got).toEqual(Array.from(w).map((x) => expect.closeTo(x, 6)));
  });
});
