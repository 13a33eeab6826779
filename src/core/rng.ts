/**
 * Seeded pseudo-random numbers for everything random in the engine.
 *
 * Generator: Mulberry32 (Tommy Ettinger, public domain) — a 32-bit state,
 * small and fast, good enough for shuffles, fold assignment, initialisation
 * seeds and dropout masks. Child streams are derived with the SplitMix32
 * finaliser so that, e.g., fold 3 gets the same stream whatever order the
 * folds run in. The core never draws unseeded randomness.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** In-place Fisher–Yates shuffle (numpy's order: i from n-1 down to 1). */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T;
}

/** SplitMix32-style mixing of a seed with further integers into a new 32-bit seed. */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = seed >>> 0;
  for (const p of path) {
    h = (h + 0x9e3779b9 + (p >>> 0)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => nextUint32() / 4294967296;
  const int = (n: number): number => Math.floor(next() * n);
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  const shuffle = <T extends { length: number; [i: number]: unknown }>(a: T): T => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = int(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  };
  return { next, nextUint32, int, normal, shuffle };
}
