import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './rng';

// Reference values computed with an independent Python implementation of Mulberry32
// (Tommy Ettinger's reference algorithm, 32-bit arithmetic with explicit masking):
//   s = (s + 0x6d2b79f5) & M; t = imul(t ^ t>>15, t|1); t ^= t + imul(t ^ t>>7, t|61); out = t ^ t>>14
// mulberry32(1)() / 2^32 = 0.6270739405881613 is also the widely published first value.
const MULBERRY32 = {
  0: [1144304738, 1416247, 958946056, 627933444, 2007157716],
  1: [2693262067, 11749833, 2265367787, 4213581821, 4159151403],
  42: [2581720956, 1925393290, 3661312704, 2876485805, 750819978],
} as const;

const draw = (seed: number, n: number, f: (r: ReturnType<typeof createRng>) => number): number[] => {
  const r = createRng(seed);
  return Array.from({ length: n }, () => f(r));
};

describe('createRng (Mulberry32)', () => {
  it.each([0, 1, 42] as const)('matches the reference Mulberry32 stream for seed %i', (seed) => {
    expect(draw(seed, 5, (r) => r.nextUint32())).toEqual(MULBERRY32[seed]);
  });

  it('next() is nextUint32() / 2^32', () => {
    expect(createRng(1).next()).toBe(0.6270739405881613);
    expect(draw(0, 5, (r) => r.next())).toEqual(MULBERRY32[0].map((u) => u / 4294967296));
  });

  it('same seed gives the same sequence; different seeds differ', () => {
    const a = draw(12345, 100, (r) => r.next());
    const b = draw(12345, 100, (r) => r.next());
    const c = draw(12346, 100, (r) => r.next());
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    // Not just a shifted copy: hardly any values coincide.
    expect(c.filter((v) => a.includes(v)).length).toBeLessThan(3);
  });

  it('seeds are taken modulo 2^32', () => {
    expect(draw(-1, 3, (r) => r.nextUint32())).toEqual(draw(0xffffffff, 3, (r) => r.nextUint32()));
    expect(draw(2 ** 32 + 42, 3, (r) => r.nextUint32())).toEqual([...MULBERRY32[42].slice(0, 3)]);
  });

  it('next() stays in [0, 1)', () => {
    const xs = draw(7, 20000, (r) => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    // Fills the range: a broken scale (e.g. / 2^31) would fail one of these.
    expect(Math.min(...xs)).toBeLessThan(0.001);
    expect(Math.max(...xs)).toBeGreaterThan(0.999);
  });

  it('int(n) matches floor(next() * n) of the reference stream', () => {
    // Python: [floor(u / 2^32 * 6) for u in mulberry32(123)][:10]
    expect(draw(123, 10, (r) => r.int(6))).toEqual([4, 1, 2, 1, 2, 5, 5, 5, 4, 2]);
  });

  it('int(n) is in range and roughly uniform (chi-square)', () => {
    const k = 10;
    const n = 10000;
    const counts = new Array<number>(k).fill(0);
    const r = createRng(2024);
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const v = r.int(k);
      if (!Number.isInteger(v) || v < 0 || v >= k) outOfRange++;
      else counts[v] = (counts[v] ?? 0) + 1;
    }
    expect(outOfRange).toBe(0);
    const expected = n / k;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: the 99.9th percentile is 27.9.
    expect(chi2).toBeLessThan(30);
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('normal() has mean ≈ 0 and sd ≈ 1', () => {
    const xs = draw(99, 20000, (r) => r.normal());
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    // Standard error of the mean is 1/sqrt(20000) ≈ 0.007.
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    // Tails: about 4.55% beyond ±2 sd for a normal, 0% for a uniform.
    const tail = xs.filter((x) => Math.abs(x) > 2).length / xs.length;
    expect(tail).toBeGreaterThan(0.035);
    expect(tail).toBeLessThan(0.056);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('shuffle is an in-place permutation in numpy order (i from n−1 down to 1)', () => {
    const a = Array.from({ length: 10 }, (_, i) => i);
    const out = createRng(7).shuffle(a);
    expect(out).toBe(a);
    // Python: Fisher–Yates over the reference stream, j = floor(next() * (i + 1)).
    expect(a).toEqual([6, 5, 8, 1, 2, 3, 4, 7, 9, 0]);
    // Seeds whose last step (i = 1) swaps, and ones where it does not.
    const six = (seed: number) => createRng(seed).shuffle([0, 1, 2, 3, 4, 5]);
    expect(six(4)).toEqual([4, 2, 3, 0, 1, 5]);
    expect(six(5)).toEqual([2, 5, 1, 0, 3, 4]);
    expect(six(10)).toEqual([1, 0, 5, 2, 4, 3]);
    expect(six(1)).toEqual([4, 1, 5, 2, 0, 3]);

    const big = Int32Array.from({ length: 1000 }, (_, i) => i);
    createRng(3).shuffle(big);
    expect([...big].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...big]).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('shuffle handles empty and single-element arrays', () => {
    expect(createRng(1).shuffle([])).toEqual([]);
    expect(createRng(1).shuffle(['x'])).toEqual(['x']);
  });
});

describe('deriveSeed', () => {
  it('is deterministic and returns unsigned 32-bit integers', () => {
    expect(deriveSeed(42, 3)).toBe(deriveSeed(42, 3));
    for (const s of [deriveSeed(0, 0), deriveSeed(42, 1, 7), deriveSeed(0xffffffff, 0xffffffff)]) {
      expect(Number.isInteger(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(0xffffffff);
    }
  });

  it('matches the SplitMix32-style finaliser computed independently in Python', () => {
    expect(deriveSeed(42, 3)).toBe(4041424810);
    expect(deriveSeed(42, 1, 0)).toBe(244740863);
    expect(deriveSeed(0, 0)).toBe(2462723854);
    // An empty path leaves the seed unchanged.
    expect(deriveSeed(7)).toBe(7);
  });

  it('is path-sensitive: order, length, values and the base seed all matter', () => {
    const all = [
      deriveSeed(42, 1, 2),
      deriveSeed(42, 2, 1),
      deriveSeed(42, 1),
      deriveSeed(42, 1, 2, 0),
      deriveSeed(43, 1, 2),
      deriveSeed(42, 1, 3),
      deriveSeed(42),
    ];
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives independent-looking child streams for consecutive folds', () => {
    const first = Array.from({ length: 20 }, (_, f) => createRng(deriveSeed(1, 1, f)).nextUint32());
    expect(new Set(first).size).toBe(20);
  });
});
