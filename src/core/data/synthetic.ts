import { createRng, type Rng } from '../rng';
import type { Dataset } from './dataset';

/** Seeded 2-D toy problems in the spirit of TensorFlow Playground and sklearn.datasets.make_*, and one sequence task. */
export const SYNTHETIC_NAMES = ['spirals', 'xor', 'circles', 'gaussians', 'sequences'] as const;
export type SyntheticName = (typeof SYNTHETIC_NAMES)[number];

export const SYNTHETIC_TITLES: Record<SyntheticName, string> = {
  spirals: 'Two spirals',
  xor: 'XOR (four quadrants)',
  circles: 'Circles (inner vs outer ring)',
  gaussians: 'Two Gaussian blobs',
  sequences: 'Sequences: peak before dip? (20 steps)',
};

/** Steps of the synthetic sequence task. */
export const SEQUENCE_STEPS = 20;

export interface SyntheticOptions {
  /** Total points; split as evenly as possible between the two classes. */
  samples: number;
  /** 0 … 1: standard deviation of the Gaussian noise added to each coordinate, relative to the data's scale. */
  noise: number;
  seed: number;
}

type Point = [number, number];
type Generator = (i: number, n: number, label: number, rng: Rng, noise: number) => Point;

const generators: Record<Exclude<SyntheticName, 'sequences'>, Generator> = {
  spirals: (i, n, label, rng, noise) => {
    const r = (i / n) * 5;
    const t = (1.75 * i * 2 * Math.PI) / n + label * Math.PI;
    return [r * Math.sin(t) + rng.normal() * noise, r * Math.cos(t) + rng.normal() * noise];
  },
  xor: (_i, _n, label, rng, noise) => {
    // Sample a point in the quadrants of this class: label 0 → same signs, label 1 → opposite signs.
    const sx = rng.next() < 0.5 ? -1 : 1;
    const sy = label === 0 ? sx : -sx;
    const pad = 0.3;
    const px = sx * (pad + rng.next() * (5 - pad));
    const py = sy * (pad + rng.next() * (5 - pad));
    return [px + rng.normal() * noise * 5, py + rng.normal() * noise * 5];
  },
  circles: (_i, _n, label, rng, noise) => {
    // sklearn.make_circles(factor=0.5): outer ring radius 1 (class 0), inner radius 0.5 (class 1).
    const angle = rng.next() * 2 * Math.PI;
    const radius = label === 0 ? 1 : 0.5;
    return [radius * Math.cos(angle) + rng.normal() * noise, radius * Math.sin(angle) + rng.normal() * noise];
  },
  gaussians: (_i, _n, label, rng, noise) => {
    const c = label === 0 ? 2 : -2;
    const sd = 0.5 + noise * 3;
    return [c + rng.normal() * sd, c + rng.normal() * sd];
  },
};

export function makeSynthetic(name: SyntheticName, opts: SyntheticOptions): Dataset {
  if (!Number.isInteger(opts.samples) || opts.samples < 4) throw new Error('A synthetic dataset needs at least 4 samples.');
  if (!(opts.noise >= 0 && opts.noise <= 1)) throw new Error('Noise must be between 0 and 1.');
  if (name === 'sequences') return makeSequences(opts);
  const rng = createRng(opts.seed);
  const n = opts.samples;
  const perClass = [Math.ceil(n / 2), Math.floor(n / 2)];
  const x = new Float64Array(n * 2);
  const y = new Int32Array(n);
  let row = 0;
  for (let label = 0; label < 2; label++) {
    const count = perClass[label] ?? 0;
    for (let i = 0; i < count; i++) {
      const [px, py] = generators[name](i, count, label, rng, opts.noise);
      x[row * 2] = px;
      x[row * 2 + 1] = py;
      y[row] = label;
      row++;
    }
  }
  return {
    name: `${SYNTHETIC_TITLES[name]} (n=${n}, noise=${opts.noise})`,
    featureNames: ['x1', 'x2'],
    classNames: ['class 0', 'class 1'],
    nRows: n,
    nFeatures: 2,
    x,
    y,
  };
}

/**
 * A seeded sequence task where order is the whole question: each row is a 20-step signal with one
 * Gaussian peak (+1) and one dip (−1) at random, distinct positions at least 3 steps apart, plus
 * Gaussian noise of standard deviation `noise`. Class 0: the peak comes first; class 1: the dip does.
 * Both classes have the same values in a different order. Read as 20 steps of 1 value (imageShape 20×1×1).
 */
function makeSequences(opts: SyntheticOptions): Dataset {
  const rng = createRng(opts.seed);
  const n = opts.samples;
  const T = SEQUENCE_STEPS;
  const x = new Float64Array(n * T);
  const y = new Int32Array(n);
  const perClass = [Math.ceil(n / 2), Math.floor(n / 2)];
  const pulse = (t: number, at: number) => Math.exp(-((t - at) ** 2) / 2);
  let row = 0;
  for (let label = 0; label < 2; label++) {
    for (let i = 0; i < (perClass[label] ?? 0); i++) {
      let a = 0;
      let b = 0;
      do {
        a = 1 + Math.floor(rng.next() * (T - 2));
        b = 1 + Math.floor(rng.next() * (T - 2));
      } while (Math.abs(a - b) < 3);
      const [first, second] = a < b ? [a, b] : [b, a];
      const [peak, dip] = label === 0 ? [first, second] : [second, first];
      for (let t = 0; t < T; t++) x[row * T + t] = pulse(t, peak) - pulse(t, dip) + rng.normal() * opts.noise;
      y[row] = label;
      row++;
    }
  }
  return {
    name: `${SYNTHETIC_TITLES.sequences} (n=${n}, noise=${opts.noise})`,
    featureNames: Array.from({ length: T }, (_, t) => `t${t + 1}`),
    classNames: ['peak first', 'dip first'],
    nRows: n,
    nFeatures: T,
    imageShape: [T, 1, 1],
    x,
    y,
  };
}
