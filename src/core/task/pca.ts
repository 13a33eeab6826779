/**
 * Principal component analysis for the autoencoder's reference line: fitted on a fold's training
 * rows (already standardised or not, as the model sees them), then the reconstruction error of
 * the held-out rows from the top k components — what scikit-learn's
 * PCA(k).inverse_transform(PCA(k).transform(x)) gives. Tensor-free: the covariance's
 * eigenvectors by cyclic Jacobi rotations (exact to float64 for the widths used here).
 */

/** Widths above this are not decomposed (Jacobi is cubic in the width). */
export const PCA_MAX_FEATURES = 256;

export interface Pca {
  mean: Float64Array;
  /** Eigenvectors of the covariance as rows, largest eigenvalue first: components[c * d + f]. */
  components: Float64Array;
  /** Eigenvalues, largest first (population covariance). */
  variances: Float64Array;
  nFeatures: number;
}

export function fitPca(x: ArrayLike<number>, nRows: number, d: number): Pca {
  if (d > PCA_MAX_FEATURES) throw new Error(`PCA is computed for at most ${PCA_MAX_FEATURES} features; this data has ${d}.`);
  const mean = new Float64Array(d);
  for (let r = 0; r < nRows; r++) for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) + (x[r * d + f] as number);
  for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) / nRows;
  const a = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < d; f++) row[f] = (x[r * d + f] as number) - (mean[f] as number);
    for (let i = 0; i < d; i++) {
      const ri = row[i] as number;
      if (ri === 0) continue;
      for (let j = i; j < d; j++) a[i * d + j] = (a[i * d + j] as number) + ri * (row[j] as number);
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = (a[i * d + j] as number) / nRows;
      a[i * d + j] = v;
      a[j * d + i] = v;
    }
  }
  const { values, vectors } = jacobiEigen(a, d);
  const order = Array.from({ length: d }, (_, i) => i).sort((p, q) => (values[q] as number) - (values[p] as number) || p - q);
  const components = new Float64Array(d * d);
  const variances = new Float64Array(d);
  order.forEach((src, c) => {
    variances[c] = values[src] as number;
    for (let f = 0; f < d; f++) components[c * d + f] = vectors[f * d + src] as number;
  });
  return { mean, components, variances, nFeatures: d };
}

/** Mean squared error per value of the rows reconstructed from the top k components. */
export function pcaReconstructionError(p: Pca, x: ArrayLike<number>, nRows: number, k: number): number {
  const d = p.nFeatures;
  const kk = Math.max(0, Math.min(k, d));
  const centred = new Float64Array(d);
  const code = new Float64Array(kk);
  let ss = 0;
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < d; f++) centred[f] = (x[r * d + f] as number) - (p.mean[f] as number);
    for (let c = 0; c < kk; c++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (p.components[c * d + f] as number) * (centred[f] as number);
      code[c] = s;
    }
    for (let f = 0; f < d; f++) {
      let rec = 0;
      for (let c = 0; c < kk; c++) rec += (code[c] as number) * (p.components[c * d + f] as number);
      ss += ((centred[f] as number) - rec) ** 2;
    }
  }
  return ss / (nRows * d);
}

/** Eigen-decomposition of a symmetric d×d matrix (row-major, overwritten): eigenvalues and eigenvectors as columns. */
export function jacobiEigen(a: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < d; i++) {
      diag += (a[i * d + i] as number) ** 2;
      for (let j = i + 1; j < d; j++) off += (a[i * d + j] as number) ** 2;
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * d + p] as number;
        const aqq = a[q * d + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p] as number;
          const akq = a[k * d + q] as number;
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k] as number;
          const aqk = a[q * d + k] as number;
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p] as number;
          const vkq = v[k * d + q] as number;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => a[i * d + i] as number), vectors: v };
}
