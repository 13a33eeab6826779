import { createRng, deriveSeed } from '../rng';
import { linearClassifier, prepareLinearFit, type Estimator, type FittedClassifier } from './estimator';
import type { LabeledTable } from './table';

/**
 * Linear SVM with scikit-learn LinearSVC semantics (liblinear's primal problem):
 *
 *   min ½‖w‖² + C·Σᵢ ℓ(yᵢ·(w·xᵢ + w_b·B))     ℓ = max(0, 1 − m) ('hinge') or max(0, 1 − m)² ('squared_hinge')
 *
 * where the intercept is the weight of a constant feature B = interceptScaling appended to every
 * row, so, as in liblinear, it IS regularised. Two classes: one vector, classes[1] positive.
 * More classes: one-vs-rest, one vector per class, prediction by the largest decision value.
 *
 * Solver: dual coordinate descent (Hsieh et al., ICML 2008 — liblinear's dual solver) without
 * shrinking; coordinates are visited in a fresh permutation per epoch drawn from the seed, so a
 * fit is deterministic. Stops when the spread of projected gradients over an epoch is ≤ tol, or
 * after maxIter epochs (sklearn: tol 1e-4, max_iter 1000).
 */
export type SvmLoss = 'hinge' | 'squared_hinge';

export interface LinearSvmOptions {
  C: number;
  loss: SvmLoss;
  tol: number;
  maxIter: number;
  interceptScaling: number;
  seed: number;
}

export const DEFAULT_LINEAR_SVM: LinearSvmOptions = { C: 1, loss: 'squared_hinge', tol: 1e-4, maxIter: 1000, interceptScaling: 1, seed: 0 };

export interface LinearSvmModel extends FittedClassifier {
  /** K′ × F, K′ = 1 for two classes. */
  readonly coef: Float64Array;
  readonly intercept: Float64Array;
  /** Epochs used per binary problem, and whether each met the tolerance. */
  readonly epochs: number[];
  readonly converged: boolean[];
}

interface BinaryFit {
  w: Float64Array;
  bias: number;
  epochs: number;
  converged: boolean;
}

/** One binary problem; sign[i] = ±1. */
function solveBinary(x: Float64Array, nRows: number, F: number, sign: Int8Array, opts: LinearSvmOptions, seed: number): BinaryFit {
  const B = opts.interceptScaling;
  const upper = opts.loss === 'hinge' ? opts.C : Infinity;
  const diag = opts.loss === 'hinge' ? 0 : 0.5 / opts.C;
  const qii = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    let s = B * B + diag;
    for (let j = 0; j < F; j++) s += (x[i * F + j] ?? 0) ** 2;
    qii[i] = s;
  }
  const w = new Float64Array(F);
  let wb = 0;
  const alpha = new Float64Array(nRows);
  const order = Int32Array.from({ length: nRows }, (_, i) => i);
  const rng = createRng(seed);
  let epochs = 0;
  let converged = false;
  while (epochs < opts.maxIter) {
    epochs++;
    rng.shuffle(order);
    let pgMax = -Infinity;
    let pgMin = Infinity;
    for (const i of order) {
      const yi = sign[i] ?? 1;
      const base = i * F;
      let m = wb * B;
      for (let j = 0; j < F; j++) m += (w[j] ?? 0) * (x[base + j] ?? 0);
      const a = alpha[i] ?? 0;
      const G = yi * m - 1 + diag * a;
      let pg = G;
      if (a === 0) pg = Math.min(G, 0);
      else if (a === upper) pg = Math.max(G, 0);
      pgMax = Math.max(pgMax, pg);
      pgMin = Math.min(pgMin, pg);
      if (Math.abs(pg) > 1e-12) {
        const next = Math.min(Math.max(a - G / (qii[i] ?? 1), 0), upper);
        const delta = (next - a) * yi;
        alpha[i] = next;
        for (let j = 0; j < F; j++) w[j] = (w[j] ?? 0) + delta * (x[base + j] ?? 0);
        wb += delta * B;
      }
    }
    if (pgMax - pgMin <= opts.tol) {
      converged = true;
      break;
    }
  }
  return { w, bias: wb * B, epochs, converged };
}

export function fitLinearSvm(
  x: Float64Array, nRows: number, nFeatures: number, y: Int32Array, nClasses: number, options: Partial<LinearSvmOptions> = {},
): LinearSvmModel {
  const opts = { ...DEFAULT_LINEAR_SVM, ...options };
  const { classes, encoded, kRows } = prepareLinearFit('Linear SVM', x, nRows, nFeatures, y, nClasses, opts.C);
  const F = nFeatures;
  const coef = new Float64Array(kRows * F);
  const intercept = new Float64Array(kRows);
  const epochs: number[] = [];
  const converged: boolean[] = [];
  for (let k = 0; k < kRows; k++) {
    const positive = kRows === 1 ? 1 : k;
    const sign = Int8Array.from(encoded, (c) => (c === positive ? 1 : -1));
    const fit = solveBinary(x, nRows, F, sign, opts, deriveSeed(opts.seed, k));
    coef.set(fit.w, k * F);
    intercept[k] = fit.bias;
    epochs.push(fit.epochs);
    converged.push(fit.converged);
  }
  return { ...linearClassifier(coef, intercept, classes, F), epochs, converged };
}

export function linearSvm(options: Partial<LinearSvmOptions> = {}): Estimator {
  const o = { ...DEFAULT_LINEAR_SVM, ...options };
  return {
    name: `LinearSVC(C=${o.C}, loss=${o.loss})`,
    fit: (d: LabeledTable) => fitLinearSvm(d.x, d.nRows, d.nFeatures, d.y, d.nClasses, options),
  };
}
