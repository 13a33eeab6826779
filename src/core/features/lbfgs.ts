/**
 * Limited-memory BFGS (Nocedal & Wright, "Numerical Optimization", 2nd ed., Alg. 7.4/7.5) with a
 * strong-Wolfe line search (Alg. 3.5 + zoom, Alg. 3.6, cubic interpolation with safeguards).
 * Plain Float64 arrays, deterministic, no allocation inside the inner loops beyond a few buffers.
 */

/** Returns f(w) and writes ∇f(w) into `grad`. */
export type Objective = (w: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when max |∇f| ≤ gtol (scipy's L-BFGS-B `gtol`, the projected-gradient test). */
  gtol: number;
  maxIter: number;
  /** Number of correction pairs kept (scipy's default is 10). */
  memory: number;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  /** max |∇f| at x. */
  gradMax: number;
  iterations: number;
  evaluations: number;
  /** 'gtol': gradient test met; 'stalled': no further decrease possible in floating point; 'maxIter'. */
  stop: 'gtol' | 'stalled' | 'maxIter';
}

export const DEFAULT_LBFGS: LbfgsOptions = { gtol: 1e-8, maxIter: 2000, memory: 10 };

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
};

const maxAbs = (a: Float64Array): number => {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
};

/** Minimiser of the cubic through (a, fa, da), (b, fb, db); NaN when it does not exist. */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return Number.NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}

interface Point {
  a: number;
  f: number;
  d: number;
}

/**
 * Strong-Wolfe line search along `dir` from `x` (value f0, directional derivative d0 < 0). On
 * success the accepted point and its gradient are left in `xOut`, `gOut` and its step and value returned.
 */
function lineSearch(
  fn: Objective, x: Float64Array, f0: number, dir: Float64Array, d0: number, a1: number,
  xOut: Float64Array, gOut: Float64Array, counter: { evals: number },
): { a: number; f: number } | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const n = x.length;
  const xLo = new Float64Array(n);
  const gLo = new Float64Array(n);
  const evalAt = (a: number): Point => {
    for (let i = 0; i < n; i++) xOut[i] = (x[i] ?? 0) + a * (dir[i] ?? 0);
    const f = fn(xOut, gOut);
    counter.evals++;
    return { a, f, d: dot(gOut, dir) };
  };
  const keepLo = (): void => {
    xLo.set(xOut);
    gLo.set(gOut);
  };
  const restoreLo = (): void => {
    xOut.set(xLo);
    gOut.set(gLo);
  };
  const armijo = (p: Point): boolean => p.f <= f0 + c1 * p.a * d0;
  const curvature = (p: Point): boolean => Math.abs(p.d) <= -c2 * d0;

  const zoom = (lo0: Point, hi0: Point, loHasState: boolean): { a: number; f: number } | null => {
    let lo = lo0;
    let hi = hi0;
    let hasLo = loHasState;
    for (let it = 0; it < 30; it++) {
      const width = hi.a - lo.a;
      if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo.a))) break;
      let a = cubicMin(lo.a, lo.f, lo.d, hi.a, hi.f, hi.d);
      const left = Math.min(lo.a, hi.a);
      const right = Math.max(lo.a, hi.a);
      const margin = 0.1 * (right - left);
      if (!Number.isFinite(a) || a < left + margin || a > right - margin) a = lo.a + 0.5 * width;
      const p = evalAt(a);
      if (!Number.isFinite(p.f) || !armijo(p) || p.f >= lo.f) {
        hi = p;
      } else {
        if (curvature(p)) return { a: p.a, f: p.f };
        if (p.d * (hi.a - lo.a) >= 0) hi = lo;
        lo = p;
        keepLo();
        hasLo = true;
      }
    }
    // Interval exhausted: accept the best sufficient-decrease point if there is one.
    if (hasLo && lo.a > 0 && lo.f < f0) {
      restoreLo();
      return { a: lo.a, f: lo.f };
    }
    return null;
  };

  let prev: Point = { a: 0, f: f0, d: d0 };
  let prevHasState = false;
  let a = a1;
  for (let it = 0; it < 40; it++) {
    const p = evalAt(a);
    if (!Number.isFinite(p.f) || !armijo(p) || (it > 0 && p.f >= prev.f)) return zoom(prev, p, prevHasState);
    if (curvature(p)) return { a: p.a, f: p.f };
    if (p.d >= 0) {
      keepLo();
      return zoom(p, prev, true);
    }
    keepLo();
    prev = p;
    prevHasState = true;
    a *= 2;
  }
  restoreLo();
  return prevHasState ? { a: prev.a, f: prev.f } : null;
}

/**
 * Fallback once function values stop resolving progress (near the optimum f changes by less than
 * its rounding error): a bracketing secant search on the directional derivative alone, accepting
 * Hager & Zhang's approximate Wolfe conditions σ·d0 ≤ φ′(a) ≤ (2c1 − 1)·d0. Meant for convex
 * objectives, where φ′ increases along the line.
 */
function derivativeLineSearch(
  fn: Objective, x: Float64Array, f0: number, dir: Float64Array, d0: number, a1: number,
  xOut: Float64Array, gOut: Float64Array, counter: { evals: number },
): { a: number; f: number } | null {
  const c1 = 1e-4;
  const c2 = 0.9;
  const fSlack = 1e-10 * Math.max(1, Math.abs(f0));
  const n = x.length;
  const evalAt = (a: number): { f: number; d: number } => {
    for (let i = 0; i < n; i++) xOut[i] = (x[i] ?? 0) + a * (dir[i] ?? 0);
    const f = fn(xOut, gOut);
    counter.evals++;
    return { f, d: dot(gOut, dir) };
  };
  const ok = (p: { f: number; d: number }): boolean => p.f <= f0 + fSlack && p.d >= c2 * d0 && p.d <= (2 * c1 - 1) * d0;
  let lo = 0;
  let dLo = d0;
  let hi = Number.NaN;
  let dHi = Number.NaN;
  let a = a1;
  for (let it = 0; it < 80; it++) {
    const p = evalAt(a);
    if (Number.isFinite(p.f) && ok(p)) return { a, f: p.f };
    if (!Number.isFinite(p.f) || p.d > 0) {
      hi = a;
      dHi = Number.isFinite(p.d) ? p.d : Number.NaN;
    } else {
      lo = a;
      dLo = p.d;
    }
    if (Number.isNaN(hi)) {
      a *= 2;
      continue;
    }
    // Secant step on φ′ inside the bracket, safeguarded towards bisection.
    let next = Number.isFinite(dHi) ? lo - (dLo * (hi - lo)) / (dHi - dLo) : Number.NaN;
    const margin = 0.05 * (hi - lo);
    if (!Number.isFinite(next) || next < lo + margin || next > hi - margin) next = 0.5 * (lo + hi);
    if (hi - lo <= 1e-16 * Math.max(1, hi)) break;
    a = next;
  }
  return null;
}

/** Minimises a smooth function from `x0` (not modified). */
export function lbfgs(fn: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const opts = { ...DEFAULT_LBFGS, ...options };
  const n = x0.length;
  const m = Math.max(1, opts.memory);
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  const counter = { evals: 1 };
  let f = fn(x, g);
  if (!Number.isFinite(f)) throw new Error('L-BFGS: the objective is not finite at the starting point.');
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const alpha = new Float64Array(m);
  const dir = new Float64Array(n);
  let gradMax = maxAbs(g);
  let iter = 0;
  let stop: LbfgsResult['stop'] = 'maxIter';
  let noisy = false;

  while (iter < opts.maxIter) {
    if (gradMax <= opts.gtol) {
      stop = 'gtol';
      break;
    }
    // Two-loop recursion: dir = −H·g.
    for (let i = 0; i < n; i++) dir[i] = -(g[i] ?? 0);
    const k = sHist.length;
    for (let j = k - 1; j >= 0; j--) {
      const s = sHist[j] as Float64Array;
      const y = yHist[j] as Float64Array;
      const aj = (rhoHist[j] ?? 0) * dot(s, dir);
      alpha[j] = aj;
      for (let i = 0; i < n; i++) dir[i] = (dir[i] ?? 0) - aj * (y[i] ?? 0);
    }
    if (k > 0) {
      const s = sHist[k - 1] as Float64Array;
      const y = yHist[k - 1] as Float64Array;
      const gamma = dot(s, y) / dot(y, y);
      for (let i = 0; i < n; i++) dir[i] = (dir[i] ?? 0) * gamma;
    }
    for (let j = 0; j < k; j++) {
      const s = sHist[j] as Float64Array;
      const y = yHist[j] as Float64Array;
      const b = (rhoHist[j] ?? 0) * dot(y, dir);
      const c = (alpha[j] ?? 0) - b;
      for (let i = 0; i < n; i++) dir[i] = (dir[i] ?? 0) + c * (s[i] ?? 0);
    }
    let d0 = dot(g, dir);
    if (!(d0 < 0)) {
      // Not a descent direction (should not happen with s·y > 0): restart from steepest descent.
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -(g[i] ?? 0);
      d0 = dot(g, dir);
    }
    // First step: scale so the initial move has unit length; afterwards the quasi-Newton step 1.
    const a1 = sHist.length === 0 ? Math.min(1, 1 / Math.sqrt(-d0)) : 1;
    // Once the last decrease is at the rounding level of f, values no longer guide the search.
    const ls = (noisy ? null : lineSearch(fn, x, f, dir, d0, a1, xNew, gNew, counter)) ?? derivativeLineSearch(fn, x, f, dir, d0, a1, xNew, gNew, counter);
    if (!ls) {
      if (sHist.length > 0) {
        // Retry once from steepest descent with a fresh memory before giving up.
        sHist.length = 0;
        yHist.length = 0;
        rhoHist.length = 0;
        continue;
      }
      stop = 'stalled';
      break;
    }
    iter++;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (xNew[i] ?? 0) - (x[i] ?? 0);
      y[i] = (gNew[i] ?? 0) - (g[i] ?? 0);
    }
    const sy = dot(s, y);
    const fOld = f;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    f = ls.f;
    noisy = fOld - f <= 1e-12 * Math.max(1, Math.abs(f));
    gradMax = maxAbs(g);
    if (sy > 1e-300 && sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (sHist.length === m) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
      sHist.push(s);
      yHist.push(y);
      rhoHist.push(1 / sy);
    }
    if (!(f <= fOld + 1e-10 * Math.max(1, Math.abs(fOld)))) {
      stop = 'stalled';
      break;
    }
  }
  if (stop === 'maxIter' && gradMax <= opts.gtol) stop = 'gtol';
  return { x, f, gradMax, iterations: iter, evaluations: counter.evals, stop };
}
