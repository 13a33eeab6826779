/**
 * Standardisation with scikit-learn's StandardScaler semantics: mean and population
 * standard deviation per feature, a scale of 1 for constant features. It is fitted on
 * the training rows of a fold only and then applied to both sides (no leakage).
 */
export interface Standardizer {
  mean: Float64Array;
  scale: Float64Array;
}

export function fitStandardizer(x: Float64Array, nFeatures: number, rows: ArrayLike<number>): Standardizer {
  const mean = new Float64Array(nFeatures);
  const sq = new Float64Array(nFeatures);
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const base = (rows[i] ?? 0) * nFeatures;
    for (let f = 0; f < nFeatures; f++) mean[f] = (mean[f] ?? 0) + (x[base + f] ?? 0);
  }
  for (let f = 0; f < nFeatures; f++) mean[f] = (mean[f] ?? 0) / n;
  for (let i = 0; i < n; i++) {
    const base = (rows[i] ?? 0) * nFeatures;
    for (let f = 0; f < nFeatures; f++) {
      const d = (x[base + f] ?? 0) - (mean[f] ?? 0);
      sq[f] = (sq[f] ?? 0) + d * d;
    }
  }
  const scale = sq.map((s) => {
    const sd = Math.sqrt(s / n);
    return sd > 1e-12 ? sd : 1;
  });
  return { mean, scale };
}

/** Gathers `rows` of x into a new row-major Float32Array, standardised when a scaler is given. */
export function gatherRows(x: Float64Array, nFeatures: number, rows: ArrayLike<number>, scaler?: Standardizer): Float32Array {
  const out = new Float32Array(rows.length * nFeatures);
  for (let i = 0; i < rows.length; i++) {
    const src = (rows[i] ?? 0) * nFeatures;
    for (let f = 0; f < nFeatures; f++) {
      const v = x[src + f] ?? 0;
      out[i * nFeatures + f] = scaler ? (v - (scaler.mean[f] ?? 0)) / (scaler.scale[f] ?? 1) : v;
    }
  }
  return out;
}
