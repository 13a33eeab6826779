import { describe, expect, it } from 'vitest';
import { classCounts, assertValidDataset } from './dataset';
import { makeSynthetic, SEQUENCE_STEPS, SYNTHETIC_NAMES } from './synthetic';

const points = (x: Float64Array): [number, number][] => Array.from({ length: x.length / 2 }, (_, i) => [x[2 * i] ?? NaN, x[2 * i + 1] ?? NaN]);

describe('makeSynthetic', () => {
  it.each(SYNTHETIC_NAMES)('%s: sizes and balanced classes (even and odd n)', (name) => {
    for (const [n, counts] of [
      [200, [100, 100]],
      [101, [51, 50]],
      [4, [2, 2]],
    ] as const) {
      const ds = makeSynthetic(name, { samples: n, noise: 0.2, seed: 1 });
      expect(() => assertValidDataset(ds)).not.toThrow();
      expect(ds.nRows).toBe(n);
      const width = name === 'sequences' ? SEQUENCE_STEPS : 2;
      expect(ds.nFeatures).toBe(width);
      expect(ds.x).toHaveLength(width * n);
      expect(ds.featureNames).toEqual(name === 'sequences' ? Array.from({ length: width }, (_, t) => `t${t + 1}`) : ['x1', 'x2']);
      expect(ds.classNames).toHaveLength(2);
      expect(classCounts(ds.y, 2)).toEqual([...counts]);
      expect(ds.x.every(Number.isFinite)).toBe(true);
    }
  });

  it.each(SYNTHETIC_NAMES)('%s: deterministic per seed, different seeds differ', (name) => {
    const a = makeSynthetic(name, { samples: 100, noise: 0.3, seed: 11 });
    const b = makeSynthetic(name, { samples: 100, noise: 0.3, seed: 11 });
    const c = makeSynthetic(name, { samples: 100, noise: 0.3, seed: 12 });
    expect([...a.x]).toEqual([...b.x]);
    expect([...a.y]).toEqual([...b.y]);
    expect([...a.x]).not.toEqual([...c.x]);
  });

  it('sequences at noise 0: one peak (+1) and one dip (−1) at least 3 steps apart, in the order the class says', () => {
    const ds = makeSynthetic('sequences', { samples: 60, noise: 0, seed: 4 });
    expect(ds.imageShape).toEqual([SEQUENCE_STEPS, 1, 1]);
    for (let r = 0; r < ds.nRows; r++) {
      const row = Array.from(ds.x.subarray(r * SEQUENCE_STEPS, (r + 1) * SEQUENCE_STEPS));
      const peak = row.indexOf(Math.max(...row));
      const dip = row.indexOf(Math.min(...row));
      expect(Math.abs(peak - dip)).toBeGreaterThanOrEqual(3);
      expect(Math.max(...row)).toBeCloseTo(1, 1);
      expect(Math.min(...row)).toBeCloseTo(-1, 1);
      expect(ds.y[r]).toBe(peak < dip ? 0 : 1);
    }
  });

  it('circles at noise 0: outer ring radius exactly 1 (class 0), inner 0.5 (class 1)', () => {
    const ds = makeSynthetic('circles', { samples: 300, noise: 0, seed: 3 });
    points(ds.x).forEach(([px, py], i) => {
      expect(Math.hypot(px, py)).toBeCloseTo(ds.y[i] === 0 ? 1 : 0.5, 12);
    });
    // Angles cover the whole circle.
    const angles = points(ds.x).map(([px, py]) => Math.atan2(py, px));
    expect(Math.min(...angles)).toBeLessThan(-3);
    expect(Math.max(...angles)).toBeGreaterThan(3);
  });

  it('circles with noise are no longer on the rings', () => {
    const ds = makeSynthetic('circles', { samples: 100, noise: 0.1, seed: 3 });
    const off = points(ds.x).filter(([px, py], i) => Math.abs(Math.hypot(px, py) - (ds.y[i] === 0 ? 1 : 0.5)) > 1e-6);
    expect(off.length).toBeGreaterThan(90);
  });

  it('xor at noise 0: class 0 in quadrants of equal signs, class 1 of opposite signs, |coords| in [0.3, 5]', () => {
    const ds = makeSynthetic('xor', { samples: 400, noise: 0, seed: 9 });
    const quadrants = new Set<string>();
    points(ds.x).forEach(([px, py], i) => {
      expect(Math.sign(px) * Math.sign(py)).toBe(ds.y[i] === 0 ? 1 : -1);
      for (const v of [px, py]) {
        expect(Math.abs(v)).toBeGreaterThanOrEqual(0.3);
        expect(Math.abs(v)).toBeLessThanOrEqual(5);
      }
      quadrants.add(`${Math.sign(px)},${Math.sign(py)}`);
    });
    expect(quadrants.size).toBe(4);
  });

  it('spirals at noise 0 follow r = 5·i/n on two interleaved arms', () => {
    const n = 100;
    const ds = makeSynthetic('spirals', { samples: n, noise: 0, seed: 1 });
    const pts = points(ds.x);
    for (let i = 0; i < n / 2; i++) {
      const [ax, ay] = pts[i] ?? [NaN, NaN];
      const [bx, by] = pts[i + n / 2] ?? [NaN, NaN];
      expect(Math.hypot(ax, ay)).toBeCloseTo((i / (n / 2)) * 5, 10);
      // The second arm is the first rotated by π.
      expect(bx).toBeCloseTo(-ax, 10);
      expect(by).toBeCloseTo(-ay, 10);
    }
  });

  it('gaussians: class means near (2, 2) and (−2, −2)', () => {
    const ds = makeSynthetic('gaussians', { samples: 2000, noise: 0, seed: 4 });
    const sums = [
      [0, 0],
      [0, 0],
    ];
    points(ds.x).forEach(([px, py], i) => {
      const s = sums[ds.y[i] ?? 0] ?? [0, 0];
      s[0] = (s[0] ?? 0) + px;
      s[1] = (s[1] ?? 0) + py;
    });
    const m = sums.map((s) => s.map((v) => v / 1000));
    for (const v of m[0] ?? []) expect(v).toBeCloseTo(2, 1);
    for (const v of m[1] ?? []) expect(v).toBeCloseTo(-2, 1);
  });

  it('rejects too few samples and out-of-range noise', () => {
    expect(() => makeSynthetic('xor', { samples: 3, noise: 0, seed: 0 })).toThrow(/at least 4 samples/);
    expect(() => makeSynthetic('xor', { samples: 10.5, noise: 0, seed: 0 })).toThrow(/at least 4 samples/);
    expect(() => makeSynthetic('xor', { samples: 10, noise: 1.5, seed: 0 })).toThrow(/Noise/);
    expect(() => makeSynthetic('xor', { samples: 10, noise: Number.NaN, seed: 0 })).toThrow(/Noise/);
  });
});
