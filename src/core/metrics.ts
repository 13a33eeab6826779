/** Fraction of predictions equal to the labels. */
export function accuracy(pred: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (pred.length !== labels.length) throw new Error('accuracy: length mismatch');
  if (pred.length === 0) return Number.NaN;
  let hit = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) hit++;
  return hit / pred.length;
}

/** Row-wise argmax of a row-major matrix. */
export function argmaxRows(values: ArrayLike<number>, nCols: number): Int32Array {
  const n = values.length / nCols;
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    let bestV = -Infinity;
    for (let c = 0; c < nCols; c++) {
      const v = values[r * nCols + c] ?? -Infinity;
      if (v > bestV) {
        bestV = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Population standard deviation (ddof = 0), as numpy's np.std and sklearn's cv_results_ std_test_score. */
export function std(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
}
