import type { Standardizer } from '../data/standardize';

/** A row-major Float64 feature matrix: nRows × nFeatures. */
export interface Table {
  x: Float64Array;
  nRows: number;
  nFeatures: number;
}

/** A feature matrix with a class label (0 … nClasses − 1) per row. */
export interface LabeledTable extends Table {
  y: Int32Array;
  nClasses: number;
}

export function assertTable(t: Table): void {
  if (!Number.isInteger(t.nRows) || !Number.isInteger(t.nFeatures) || t.nRows < 0 || t.nFeatures < 0) {
    throw new Error(`Invalid table shape ${t.nRows} × ${t.nFeatures}.`);
  }
  if (t.x.length !== t.nRows * t.nFeatures) {
    throw new Error(`Table has ${t.x.length} values, expected ${t.nRows} × ${t.nFeatures}.`);
  }
}

export function assertLabeled(t: LabeledTable): void {
  assertTable(t);
  if (t.y.length !== t.nRows) throw new Error(`Table has ${t.y.length} labels for ${t.nRows} rows.`);
  for (const c of t.y) {
    if (!(c >= 0 && c < t.nClasses)) throw new Error(`Label ${c} is outside 0 … ${t.nClasses - 1}.`);
  }
}

/** Copies the given columns (in the given order) of a row-major matrix. */
export function selectColumns(x: Float64Array, nRows: number, nFeatures: number, columns: ArrayLike<number>): Float64Array {
  const k = columns.length;
  const out = new Float64Array(nRows * k);
  for (let r = 0; r < nRows; r++) {
    const src = r * nFeatures;
    const dst = r * k;
    for (let j = 0; j < k; j++) out[dst + j] = x[src + (columns[j] ?? 0)] ?? 0;
  }
  return out;
}

/** Copies the given rows of a row-major matrix (Float64), standardised when a scaler is given. */
export function gatherRows64(x: Float64Array, nFeatures: number, rows: ArrayLike<number>, scaler?: Standardizer): Float64Array {
  const out = new Float64Array(rows.length * nFeatures);
  for (let i = 0; i < rows.length; i++) {
    const src = (rows[i] ?? 0) * nFeatures;
    const dst = i * nFeatures;
    for (let f = 0; f < nFeatures; f++) {
      const v = x[src + f] ?? 0;
      out[dst + f] = scaler ? (v - (scaler.mean[f] ?? 0)) / (scaler.scale[f] ?? 1) : v;
    }
  }
  return out;
}

/** The labeled rows `rows` of a table, optionally restricted to `columns`. */
export function subset(t: LabeledTable, rows: ArrayLike<number>, columns?: ArrayLike<number>): LabeledTable {
  const x = gatherRows64(t.x, t.nFeatures, rows);
  const y = Int32Array.from({ length: rows.length }, (_, i) => t.y[rows[i] ?? 0] ?? 0);
  if (!columns) return { x, nRows: rows.length, nFeatures: t.nFeatures, y, nClasses: t.nClasses };
  return { x: selectColumns(x, rows.length, t.nFeatures, columns), nRows: rows.length, nFeatures: columns.length, y, nClasses: t.nClasses };
}

export const allRows = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
