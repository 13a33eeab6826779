import { checkColumns, linearClassifier, prepareLinearFit, type Estimator, type FittedClassifier } from './estimator';
import { lbfgs, type LbfgsResult } from './lbfgs';
import type { LabeledTable } from './table';

/**
 * L2-regularised logistic regression with scikit-learn 1.2's LogisticRegression(penalty='l2',
 * solver='lbfgs', fit_intercept=True) objective:
 *
 *   Σᵢ logloss(xᵢ, yᵢ) + ½·(1/C)·‖W‖²      (intercepts not penalised)
 *
 * Two classes: one coefficient vector and the sigmoid (multi_class='auto' → 'ovr' for binary),
 * class `classes[1]` is the positive one. More classes: the multinomial softmax with K coefficient
 * vectors (over-parametrised, made unique by the penalty). Minimised by L-BFGS in Float64 to a
 * gradient far tighter than scikit-learn's tol=1e-4, so both land on the same optimum.
 */
export interface LogRegOptions {
  /** Inverse regularisation strength (sklearn C). */
  C: number;
  maxIter: number;
  /** Stop when max |∇objective| ≤ tol (sum-of-losses scale, as sklearn's gtol). */
  tol: number;
  /** Optional starting parameters in the layout of `LogisticModel.params`. */
  init?: Float64Array;
}

export const DEFAULT_LOGREG: LogRegOptions = { C: 1, maxIter: 2000, tol: 1e-8 };

export interface LogisticModel extends FittedClassifier {
  /** K′ × F row-major, K′ = 1 for two classes, else the number of classes. */
  readonly coef: Float64Array;
  /** K′ intercepts. */
  readonly intercept: Float64Array;
  /** Flat parameters [coef…, intercept…] (usable as `init` of a later fit). */
  readonly params: Float64Array;
  /** Objective at the solution, its max |gradient|, and how the optimiser stopped. */
  readonly objective: number;
  readonly gradMax: number;
  readonly iterations: number;
  readonly stop: LbfgsResult['stop'];
  /** Per-class scores x·Wᵀ + b, nRows × K′. */
  decisionFunction(x: Float64Array, nRows: number): Float64Array;
}

const log1pExp = (t: number): number => (t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t)));
const sigmoid = (t: number): number => {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
};

/** Binary objective: params [w (F), b]; yPos[i] ∈ {0, 1}. */
export function binaryObjective(x: Float64Array, nRows: number, nFeatures: number, yPos: Int32Array, C: number) {
  const F = nFeatures;
  return (params: Float64Array, grad: Float64Array): number => {
    const lambda = 1 / C;
    let f = 0;
    for (let j = 0; j < F; j++) {
      const w = params[j] ?? 0;
      f += 0.5 * lambda * w * w;
      grad[j] = lambda * w;
    }
    const b = params[F] ?? 0;
    let gb = 0;
    for (let i = 0; i < nRows; i++) {
      const base = i * F;
      let z = b;
      for (let j = 0; j < F; j++) z += (params[j] ?? 0) * (x[base + j] ?? 0);
      const yi = yPos[i] ?? 0;
      f += yi === 1 ? log1pExp(-z) : log1pExp(z);
      const r = sigmoid(z) - yi;
      if (r !== 0) for (let j = 0; j < F; j++) grad[j] = (grad[j] ?? 0) + r * (x[base + j] ?? 0);
      gb += r;
    }
    grad[F] = gb;
    return f;
  };
}

/** Multinomial objective: params [W (K × F row-major), b (K)]; yEnc[i] ∈ 0 … K−1. */
export function multinomialObjective(x: Float64Array, nRows: number, nFeatures: number, yEnc: Int32Array, K: number, C: number) {
  const F = nFeatures;
  const z = new Float64Array(K);
  const expz = new Float64Array(K);
  return (params: Float64Array, grad: Float64Array): number => {
    const lambda = 1 / C;
    let f = 0;
    for (let j = 0; j < K * F; j++) {
      const w = params[j] ?? 0;
      f += 0.5 * lambda * w * w;
      grad[j] = lambda * w;
    }
    for (let k = 0; k < K; k++) grad[K * F + k] = 0;
    for (let i = 0; i < nRows; i++) {
      const base = i * F;
      let m = -Infinity;
      for (let k = 0; k < K; k++) {
        let s = params[K * F + k] ?? 0;
        const wBase = k * F;
        for (let j = 0; j < F; j++) s += (params[wBase + j] ?? 0) * (x[base + j] ?? 0);
        z[k] = s;
        if (s > m) m = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp((z[k] ?? 0) - m);
        expz[k] = e;
        sum += e;
      }
      const yi = yEnc[i] ?? 0;
      f += m + Math.log(sum) - (z[yi] ?? 0);
      for (let k = 0; k < K; k++) {
        const r = (expz[k] ?? 0) / sum - (k === yi ? 1 : 0);
        const wBase = k * F;
        for (let j = 0; j < F; j++) grad[wBase + j] = (grad[wBase + j] ?? 0) + r * (x[base + j] ?? 0);
        grad[K * F + k] = (grad[K * F + k] ?? 0) + r;
      }
    }
    return f;
  };
}

function decision(coef: Float64Array, intercept: Float64Array, F: number, x: Float64Array, nRows: number): Float64Array {
  const K = intercept.length;
  const out = new Float64Array(nRows * K);
  for (let r = 0; r < nRows; r++) {
    for (let k = 0; k < K; k++) {
      let s = intercept[k] ?? 0;
      for (let j = 0; j < F; j++) s += (coef[k * F + j] ?? 0) * (x[r * F + j] ?? 0);
      out[r * K + k] = s;
    }
  }
  return out;
}

/** Fits the model on a row-major nRows × nFeatures matrix and labels 0 … nClasses − 1. */
export function fitLogisticRegression(
  x: Float64Array, nRows: number, nFeatures: number, y: Int32Array, nClasses: number, options: Partial<LogRegOptions> = {},
): LogisticModel {
  const opts = { ...DEFAULT_LOGREG, ...options };
  const { classes, encoded, kRows } = prepareLinearFit('Logistic regression', x, nRows, nFeatures, y, nClasses, opts.C);
  const F = nFeatures;
  const nParams = kRows * F + kRows;
  const fn = kRows === 1 ? binaryObjective(x, nRows, F, encoded, opts.C) : multinomialObjective(x, nRows, F, encoded, kRows, opts.C);
  const init = opts.init && opts.init.length === nParams ? opts.init : new Float64Array(nParams);
  const res = lbfgs(fn, init, { gtol: opts.tol, maxIter: opts.maxIter, memory: 10 });
  const params = res.x;
  const coef = params.slice(0, kRows * F);
  const intercept = params.slice(kRows * F);
  const base = linearClassifier(coef, intercept, classes, F);
  return {
    ...base,
    params,
    objective: res.f,
    gradMax: res.gradMax,
    iterations: res.iterations,
    stop: res.stop,
    decisionFunction(xs, n) {
      checkColumns(base, xs, n);
      return decision(coef, intercept, F, xs, n);
    },
  };
}

/** LogisticRegression as a pluggable Estimator (each fit starts from zero, as sklearn does). */
export function logisticRegression(options: Partial<Omit<LogRegOptions, 'init'>> = {}): Estimator {
  return {
    name: `LogisticRegression(C=${options.C ?? DEFAULT_LOGREG.C})`,
    fit: (d: LabeledTable) => fitLogisticRegression(d.x, d.nRows, d.nFeatures, d.y, d.nClasses, options),
  };
}
