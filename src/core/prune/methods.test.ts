import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { magnitudeGlobal } from './methods/magnitudeGlobal';
import { magnitudeLayer } from './methods/magnitudeLayer';
import { nmSparsity } from './methods/nm';
import { randomUnstructured } from './methods/random';
import { PRUNE_METHOD_IDS, PRUNE_METHODS } from './registry';
import type { Mask, PruneContext, PruneSemantics, PrunableTensor } from './types';
import { TORCH_SEMANTICS } from './types';

const tensor = (name: string, shape: number[], values: number[]): PrunableTensor => ({ name, shape, values: Float32Array.from(values) });
const ones = (t: PrunableTensor): Mask => new Uint8Array(t.values.length).fill(1);
const zerosAt = (m: Mask | undefined) => (m ? [...m.keys()].filter((i) => m[i] === 0) : []);
const nZeros = (m: Mask | undefined) => zerosAt(m).length;
const ctx = (amount: number, semantics: PruneSemantics = TORCH_SEMANTICS, seed = 1, nm = { n: 2, m: 4 }): PruneContext => ({
  amount,
  semantics,
  rng: createRng(seed),
  nm,
});
/** Zeroes the pruned values, as MaskSet does to the variables between pruning calls. */
const applied = (t: PrunableTensor, m: Mask): PrunableTensor => ({ ...t, values: t.values.map((v, i) => (m[i] ? v : 0)) });

// |w| ranks (flat index: |w|): 4:.05 1:.1 10:.2 2:.3 3:.3 6:.3 9:.3 5:.6 8:.7 0:.8 7:.9 11:1.0
const W = tensor('w', [3, 4], [0.8, -0.1, 0.3, -0.3, 0.05, 0.6, -0.3, 0.9, -0.7, 0.3, 0.2, -1.0]);

describe('registry', () => {
  it('lists every method under its own id; only N:M and per-layer targets fix their own sparsity', () => {
    expect(PRUNE_METHOD_IDS).toEqual(['magnitude-layer', 'magnitude-global', 'random', 'nm', 'layer-targets']);
    for (const id of PRUNE_METHOD_IDS) expect(PRUNE_METHODS[id].id).toBe(id);
    expect(PRUNE_METHOD_IDS.filter((id) => !PRUNE_METHODS[id].targetsSparsity)).toEqual(['nm', 'layer-targets']);
    expect(PRUNE_METHODS.nm.fixedLevel?.({ nm: { n: 2, m: 4 } })).toBe(0.5);
    expect(PRUNE_METHODS['layer-targets'].fixedLevel?.({ nm: { n: 2, m: 4 }, layerTargets: { a: 0.5, b: 0.9 } })).toBe(0.7);
  });
});

describe('magnitude, layer-wise (torch l1_unstructured)', () => {
  it('prunes exactly round(amount·n) of the smallest |w|, ties broken by lower flat index', () => {
    expect(zerosAt(magnitudeLayer.prune([W], [ones(W)], ctx(0.25))[0])).toEqual([1, 4, 10]); // 3
    expect(zerosAt(magnitudeLayer.prune([W], [ones(W)], ctx(0.3))[0])).toEqual([1, 2, 4, 10]); // round(3.6) = 4
    // 6: the four |0.3| ties (2, 3, 6, 9) are taken in index order, so 9 survives.
    expect(zerosAt(magnitudeLayer.prune([W], [ones(W)], ctx(0.5))[0])).toEqual([1, 2, 3, 4, 6, 10]);
  });

  it('is deterministic and treats absent masks as unpruned', () => {
    const a = magnitudeLayer.prune([W], [], ctx(0.5));
    const b = magnitudeLayer.prune([W], [ones(W)], ctx(0.5));
    expect(a).toEqual(b);
  });

  it('gives every tensor the same sparsity, each on its own ranking', () => {
    const big = tensor('big', [2, 2], [5, 6, 7, 8]);
    const small = tensor('small', [2, 2], [0.01, 0.02, 0.03, 0.04]);
    const [mb, ms] = magnitudeLayer.prune([big, small], [ones(big), ones(small)], ctx(0.5));
    expect(zerosAt(mb)).toEqual([0, 1]);
    expect(zerosAt(ms)).toEqual([0, 1]);
  });

  // 100 distinct magnitudes: |w_i| = ((37·i mod 100) + 1) / 100, signs alternate.
  const rank = (i: number) => (i * 37) % 100;
  const H = tensor('h', [10, 10], Array.from({ length: 100 }, (_, i) => ((rank(i) + 1) / 100) * (i % 2 ? -1 : 1)));
  const smallest = (k: number) => Array.from({ length: 100 }, (_, i) => i).filter((i) => rank(i) < k);

  it("'remaining': 0.2 then 0.2 prunes 20 then 16 more → 36 % (torch iterative pruning)", () => {
    const m1 = magnitudeLayer.prune([H], [ones(H)], ctx(0.2));
    expect(zerosAt(m1[0])).toEqual(smallest(20));
    const m2 = magnitudeLayer.prune([H], m1, ctx(0.2));
    expect(zerosAt(m2[0])).toEqual(smallest(36));
    // Same when the pruned weights have been zeroed in between, as in training.
    const m1Mask = m1[0] ?? ones(H);
    expect(magnitudeLayer.prune([applied(H, m1Mask)], m1, ctx(0.2))).toEqual(m2);
  });

  it("'total': 0.2 then 0.2 stays at 20 %; 0.2 then 0.5 reaches 50 % (tfmot)", () => {
    const total: PruneSemantics = { ties: 'exact-k', amountOf: 'total' };
    const m1 = magnitudeLayer.prune([H], [ones(H)], ctx(0.2, total));
    const m2 = magnitudeLayer.prune([H], m1, ctx(0.2, total));
    expect(zerosAt(m2[0])).toEqual(smallest(20));
    expect(zerosAt(magnitudeLayer.prune([H], m2, ctx(0.5, total))[0])).toEqual(smallest(50));
  });
});

describe('magnitude, global (torch global_unstructured)', () => {
  // Pooled |w| order: B0 .05, A0 .1, B2 .15, A2 .25, A4 .3, B3 .6, A5 .7, A3 .8, A1 .9, B1 1.0, then all of C.
  const A = tensor('A', [2, 3], [-0.1, 0.9, 0.25, -0.8, 0.3, 0.7]);
  const B = tensor('B', [2, 2], [0.05, -1.0, 0.15, 0.6]);
  const C = tensor('C', [3, 2], [2, 3, -4, 5, 6, 7]);
  const fresh = () => [ones(A), ones(B), ones(C)];

  it('prunes round(a·N_total) of the globally smallest |w|; layers end at different sparsities', () => {
    const m = magnitudeGlobal.prune([A, B, C], fresh(), ctx(0.25)); // 4 of 16
    expect(m.map(zerosAt)).toEqual([[0, 2], [0, 2], []]);
    expect(m.map(nZeros).reduce((a, b) => a + b)).toBe(4);
    const h = magnitudeGlobal.prune([A, B, C], fresh(), ctx(0.5)); // 8 of 16
    expect(h.map(zerosAt)).toEqual([[0, 2, 3, 4, 5], [0, 2, 3], []]);
    // Masks come back one per tensor, each its own length.
    expect(h.map((x) => x.length)).toEqual([6, 4, 6]);
  });

  it('differs from layer-wise pruning on the same weights', () => {
    const layer = magnitudeLayer.prune([A, B, C], fresh(), ctx(0.5));
    expect(layer.map(nZeros)).toEqual([3, 2, 3]);
  });

  it("iterates with 'remaining': 0.25 then 0.25 → 4 then round(0.25·12) = 3 more", () => {
    const m1 = magnitudeGlobal.prune([A, B, C], fresh(), ctx(0.25));
    const m2 = magnitudeGlobal.prune([A, B, C], m1, ctx(0.25));
    expect(m2.map(zerosAt)).toEqual([[0, 2, 4, 5], [0, 2, 3], []]);
  });

  it('breaks cross-tensor ties by position in tensor order', () => {
    const p = tensor('p', [2], [0.5, 0.5]);
    const q = tensor('q', [2], [0.5, 0.5]);
    expect(magnitudeGlobal.prune([p, q], [ones(p), ones(q)], ctx(0.75)).map(zerosAt)).toEqual([[0, 1], [0]]);
  });
});

describe('keep-ties (tfmot) against exact-k (torch)', () => {
  // tfmot keeps round(10·0.5) = 5 largest → threshold 0.5 (the 5th largest) and keeps every |w| ≥ 0.5.
  const T = tensor('t', [2, 5], [0.1, 0.5, -0.5, 0.5, 0.5, -0.5, 0.5, 0.9, 1.0, 0.2]);
  const keepTies: PruneSemantics = { ties: 'keep-ties', amountOf: 'total' };
  const exactK: PruneSemantics = { ties: 'exact-k', amountOf: 'total' };

  it('layer-wise: keep-ties falls short of the target and keeps all entries at the threshold', () => {
    const kt = magnitudeLayer.prune([T], [ones(T)], ctx(0.5, keepTies))[0];
    expect(zerosAt(kt)).toEqual([0, 9]);
    expect(nZeros(kt) / 10).toBeLessThanOrEqual(0.5);
    for (const [i, v] of T.values.entries()) if (Math.abs(v) === 0.5) expect(kt?.[i]).toBe(1);
    const ek = magnitudeLayer.prune([T], [ones(T)], ctx(0.5, exactK))[0];
    expect(zerosAt(ek)).toEqual([0, 1, 2, 3, 9]);
    expect(nZeros(ek) / 10).toBe(0.5);
  });

  it('global: the same rule over the pooled weights', () => {
    const U = tensor('u', [2], [0.5, 2]);
    const kt = magnitudeGlobal.prune([T, U], [ones(T), ones(U)], ctx(0.5, keepTies)); // k = 6 of 12
    expect(kt.map(zerosAt)).toEqual([[0, 9], []]);
    const ek = magnitudeGlobal.prune([T, U], [ones(T), ones(U)], ctx(0.5, exactK));
    expect(ek.map(zerosAt)).toEqual([[0, 1, 2, 3, 4, 9], []]);
  });

  it('keep-ties without ties hits the target exactly', () => {
    const kt = magnitudeLayer.prune([W], [ones(W)], ctx(0.25, keepTies))[0];
    expect(zerosAt(kt)).toEqual([1, 4, 10]);
  });
});

describe('already-pruned entries stay pruned', () => {
  // Prune the three largest |w| of W by hand: 11 (1.0), 7 (0.9), 0 (0.8).
  const prior = ones(W);
  prior[0] = prior[7] = prior[11] = 0;
  const methods = [magnitudeLayer, magnitudeGlobal, randomUnstructured, nmSparsity];

  it.each(methods.map((m) => [m.id, m] as const))('%s keeps them at 0, with or without their values zeroed', (_, method) => {
    for (const t of [W, applied(W, prior)]) {
      const out = method.prune([t], [prior], ctx(0.4, TORCH_SEMANTICS, 3, { n: 2, m: 4 }))[0];
      for (const i of [0, 7, 11]) expect(out?.[i]).toBe(0);
      if (method.targetsSparsity) expect(nZeros(out)).toBe(3 + 4); // 3 + round(0.4 · 9 alive)
    }
    expect([...prior]).toEqual([0, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0]); // input mask not mutated
  });

  it('magnitude pruning then ranks only the survivors', () => {
    const out = magnitudeLayer.prune([W], [prior], ctx(0.4))[0];
    expect(zerosAt(out)).toEqual([0, 1, 2, 4, 7, 10, 11]); // + 4, 1, 10, 2 (round(3.6) = 4)
  });
});

describe('random (torch random_unstructured)', () => {
  const X = tensor('x', [4, 5], Array.from({ length: 20 }, (_, i) => i + 1));
  const Y = tensor('y', [10], Array.from({ length: 10 }, (_, i) => -(i + 1)));

  it('prunes exactly round(amount·n) per layer', () => {
    const [mx, my] = randomUnstructured.prune([X, Y], [ones(X), ones(Y)], ctx(0.3, TORCH_SEMANTICS, 7));
    expect(nZeros(mx)).toBe(6);
    expect(nZeros(my)).toBe(3);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const run = (seed: number) => randomUnstructured.prune([X, Y], [ones(X), ones(Y)], ctx(0.5, TORCH_SEMANTICS, seed));
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it('ignores the magnitudes: it does not pick the smallest |w|', () => {
    const seeds = [1, 2, 3, 4, 5];
    const same = seeds.filter((s) => {
      const m = randomUnstructured.prune([X], [ones(X)], ctx(0.5, TORCH_SEMANTICS, s))[0];
      return zerosAt(m).join() === zerosAt(magnitudeLayer.prune([X], [ones(X)], ctx(0.5))[0]).join();
    });
    expect(same).toEqual([]);
  });

  it('picks every position with probability ≈ amount (uniform)', () => {
    const counts = new Array<number>(10).fill(0);
    const rng = createRng(2024);
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const m = randomUnstructured.prune([Y], [ones(Y)], { amount: 0.3, semantics: TORCH_SEMANTICS, rng, nm: { n: 2, m: 4 } })[0];
      zerosAt(m).forEach((i) => (counts[i] = (counts[i] ?? 0) + 1));
    }
    // Binomial(4000, 0.3): sd ≈ 29, so ±0.03 · 4000 = ±120 is > 4 sd.
    for (const c of counts) expect(Math.abs(c / trials - 0.3)).toBeLessThan(0.03);
  });
});

describe('N:M semi-structured', () => {
  // Kernel [in = 8, out = 3], row-major: entry (r, c) at r·3 + c. Groups are 4 consecutive inputs per output column.
  const K = [
    [0.9, -0.1, 0.4],
    [-0.2, 0.8, -0.5],
    [0.7, 0.3, 0.1],
    [0.1, -0.6, 0.6],
    [0.3, 0.2, -0.9],
    [-0.8, 0.1, 0.2],
    [0.4, -0.7, 0.3],
    [0.5, 0.9, -0.1],
  ];
  const kernel = (rows: number) => tensor('k', [rows, 3], K.slice(0, rows).flat());
  const nm = (rows: number, n: number, m: number) => {
    const t = kernel(rows);
    const out = nmSparsity.prune([t], [ones(t)], ctx(0, TORCH_SEMANTICS, 1, { n, m }))[0] ?? new Uint8Array();
    return Array.from({ length: rows }, (_, r) => [...out.subarray(r * 3, r * 3 + 3)]);
  };
  /** Survivors in each group of m rows (partial last group included), per column. */
  const keptPerGroup = (mask: number[][], m: number) =>
    [0, 1, 2].map((c) => Array.from({ length: Math.ceil(mask.length / m) }, (_, g) => mask.slice(g * m, g * m + m).reduce((s, row) => s + (row[c] ?? 0), 0)));

  it('2:4 keeps the 2 largest |w| of every 4 consecutive inputs per output column', () => {
    const mask = nm(8, 2, 4);
    expect(mask).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 1],
      [1, 1, 0],
    ]);
    expect(keptPerGroup(mask, 4)).toEqual([
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
  });

  it('1:4 keeps exactly the largest of each group', () => {
    const mask = nm(8, 1, 4);
    expect(mask).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
      [0, 0, 1],
      [0, 0, 1],
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 0],
    ]);
  });

  it('a trailing partial group keeps at most N', () => {
    // in = 6: groups rows 0–3 and 4–5.
    expect(nm(6, 2, 4).slice(4)).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(nm(6, 1, 4).slice(4)).toEqual([
      [0, 1, 1],
      [1, 0, 0],
    ]);
    // in = 7: the last group is rows 4–6; 2:4 keeps its 2 largest.
    expect(nm(7, 2, 4).slice(4)).toEqual([
      [0, 1, 1],
      [1, 0, 0],
      [1, 1, 1],
    ]);
    expect(keptPerGroup(nm(7, 1, 4), 4)).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  it('fixes sparsity at 1 − N/M whatever the amount', () => {
    const t = kernel(8);
    for (const amount of [0, 0.3, 0.9]) {
      expect(nZeros(nmSparsity.prune([t], [ones(t)], ctx(amount))[0]) / 24).toBe(0.5);
      expect(nZeros(nmSparsity.prune([t], [ones(t)], ctx(amount, TORCH_SEMANTICS, 1, { n: 1, m: 4 }))[0]) / 24).toBe(0.75);
    }
  });

  it('groups a 1-D tensor (a bias) by consecutive entries', () => {
    const b = tensor('b', [6], [0.1, 0.4, 0.3, 0.2, 0.5, 0.6]);
    expect([...(nmSparsity.prune([b], [ones(b)], ctx(0))[0] ?? [])]).toEqual([0, 1, 1, 0, 1, 1]);
  });

  it.each([
    [0, 4],
    [4, 4],
    [5, 4],
    [1.5, 4],
    [2, 4.5],
  ])('throws on invalid %s:%s', (n, m) => {
    const t = kernel(8);
    expect(() => nmSparsity.prune([t], [ones(t)], ctx(0, TORCH_SEMANTICS, 1, { n, m }))).toThrow(/N:M/);
  });
});

describe('per-layer targets (from a sensitivity analysis)', () => {
  it('prunes each named tensor to its own target and leaves the others alone', () => {
    const a = { name: 'a', shape: [2, 5], values: Float32Array.from([0.1, -0.9, 0.2, 0.8, -0.3, 0.7, 0.4, -0.6, 0.5, 0.05]) };
    const b = { name: 'b', shape: [4], values: Float32Array.from([1, 2, 3, 4]) };
    const c = { name: 'c', shape: [2], values: Float32Array.from([1, 2]) };
    const [ma, mb, mc] = PRUNE_METHODS['layer-targets'].prune([a, b, c], [ones(a), ones(b), ones(c)], { ...ctx(0), layerTargets: { a: 0.4, b: 0.5 } });
    expect(zerosAt(ma ?? new Uint8Array())).toEqual([0, 2, 4, 9]); // the 4 smallest |w| of 10
    expect(zerosAt(mb ?? new Uint8Array())).toEqual([0, 1]);
    expect(zerosAt(mc ?? new Uint8Array())).toEqual([]);
  });
});

describe('N:M on a conv kernel [k, k, in, out]', () => {
  it('groups along the k·k·in inputs of each filter', () => {
    // [1, 1, 4, 2]: each filter (column) has 4 inputs → one group of 4, keep the 2 largest.
    const t = { name: 'conv', shape: [1, 1, 4, 2], values: Float32Array.from([0.1, 5, 0.2, 6, 0.3, 7, 0.4, 8]) };
    const [m] = PRUNE_METHODS.nm.prune([t], [ones(t)], ctx(0));
    // Column 0 holds 0.1, 0.2, 0.3, 0.4 (indices 0, 2, 4, 6) → keeps 0.3, 0.4; column 1 keeps 7, 8.
    expect(zerosAt(m ?? new Uint8Array())).toEqual([0, 1, 2, 3]);
  });
});
