import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { magnitudeLayer } from './methods/magnitudeLayer';
import { agpShouldPrune, agpSparsity, type AgpSchedule } from './schedule';
import type { Mask } from './types';

// Zhu & Gupta (2017) / tfmot PolynomialDecay: s_t = s_f + (s_i − s_f)(1 − (t − t0)/(n·Δt))^3.
const S: AgpSchedule = { initialSparsity: 0, finalSparsity: 0.9, beginStep: 0, endStep: 100, frequency: 10 };

describe('agpSparsity', () => {
  it('follows the cubic ramp: 0.7875 at the midpoint for 0 → 0.9', () => {
    expect(agpSparsity(S, 50)).toBeCloseTo(0.7875, 12); // 0.9 − 0.9 · 0.5³
    expect(agpSparsity(S, 25)).toBeCloseTo(0.5203125, 12); // 0.9 − 0.9 · 0.75³
    expect(agpSparsity(S, 75)).toBeCloseTo(0.8859375, 12); // 0.9 − 0.9 · 0.25³
  });

  it('starts at s_i at begin, reaches s_f at end, and is clamped outside', () => {
    expect(agpSparsity(S, 0)).toBe(0);
    expect(agpSparsity(S, 100)).toBeCloseTo(0.9, 12);
    expect(agpSparsity(S, -20)).toBe(0);
    expect(agpSparsity(S, 1000)).toBeCloseTo(0.9, 12);
  });

  it('measures progress from beginStep, and honours s_i and power', () => {
    const shifted = { ...S, beginStep: 100, endStep: 300 };
    expect(agpSparsity(shifted, 50)).toBe(0);
    expect(agpSparsity(shifted, 200)).toBeCloseTo(0.7875, 12);
    expect(agpSparsity({ ...S, initialSparsity: 0.5 }, 50)).toBeCloseTo(0.85, 12); // 0.9 − 0.4 · 0.125
    expect(agpSparsity({ ...S, power: 1 }, 50)).toBeCloseTo(0.45, 12);
  });

  it('never decreases along the schedule', () => {
    let prev = -1;
    for (let t = -5; t <= 110; t++) {
      const s = agpSparsity(S, t);
      expect(s).toBeGreaterThanOrEqual(prev);
      prev = s;
    }
  });

  it('with beginStep = endStep, the single pruning step reaches the final sparsity', () => {
    const one = { ...S, beginStep: 0, endStep: 0, frequency: 1 };
    expect(agpShouldPrune(one, 0)).toBe(true);
    expect(agpSparsity(one, 0)).toBeCloseTo(0.9, 12);
  });
});

describe('agpShouldPrune', () => {
  it('prunes inside [begin, end] on the frequency grid (tfmot)', () => {
    const s = { ...S, beginStep: 10, endStep: 50, frequency: 10 };
    const steps = Array.from({ length: 70 }, (_, t) => t).filter((t) => agpShouldPrune(s, t));
    expect(steps).toEqual([10, 20, 30, 40, 50]);
  });

  it('also prunes at the end step when it is off the grid, so the final sparsity is reached', () => {
    const s = { ...S, beginStep: 0, endStep: 25, frequency: 10 };
    const steps = Array.from({ length: 40 }, (_, t) => t).filter((t) => agpShouldPrune(s, t));
    expect(steps).toEqual([0, 10, 20, 25]);
  });

  it('frequency 1 prunes every step in range', () => {
    const s = { ...S, beginStep: 3, endStep: 6, frequency: 1 };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((t) => agpShouldPrune(s, t))).toEqual([false, false, false, true, true, true, true, false]);
  });
});

describe('AGP driving magnitude pruning', () => {
  it("reaches exactly s_f with 'total' semantics, growing monotonically", () => {
    const s = { ...S, frequency: 20 };
    const rng = createRng(9);
    const values = Float32Array.from({ length: 1000 }, () => rng.normal());
    const t = { name: 'w', shape: [40, 25], values };
    let mask: Mask = new Uint8Array(1000).fill(1);
    const zeros: number[] = [];
    for (let step = 0; step <= 120; step++) {
      if (!agpShouldPrune(s, step)) continue;
      const next = magnitudeLayer.prune([t], [mask], { amount: agpSparsity(s, step), semantics: { ties: 'exact-k', amountOf: 'total' }, rng, nm: { n: 2, m: 4 } })[0];
      if (!next) throw new Error('no mask');
      for (let i = 0; i < 1000; i++) if (mask[i] === 0) expect(next[i]).toBe(0);
      mask = next;
      zeros.push(mask.reduce((z, v) => z + (v === 0 ? 1 : 0), 0));
    }
    // round(1000 · 0.9 · (1 − (1 − p)³)) at p = 0, 0.2, 0.4, 0.6, 0.8, 1: 0, 439.2, 705.6, 842.4, 892.8, 900.
    expect(zeros).toEqual([0, 439, 706, 842, 893, 900]);
  });
});
