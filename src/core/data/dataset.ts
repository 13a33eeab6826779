/**
 * A dataset held as plain typed arrays (no tensors), so it can cross worker boundaries. Its target
 * is classes (`y`, indices into `classNames`), a number per row (`values`, for regression), or
 * both when a numeric column has few distinct values. A target with too many distinct values for
 * classes has no classNames (and `y` all 0).
 */
export interface Dataset {
  /** Display name, e.g. "Breast cancer (Wisconsin)" or the uploaded file's name. */
  name: string;
  featureNames: string[];
  classNames: string[];
  nRows: number;
  nFeatures: number;
  /** Row-major features, nRows × nFeatures. */
  x: Float64Array;
  /** Class index per row, 0 … classNames.length − 1. */
  y: Int32Array;
  /** The target as a number per row, when every target value is numeric (regression). */
  values?: Float64Array;
  /** The target column's name, e.g. "progression". */
  targetName?: string;
  /** Height, width, channels when rows are images (digits: 8×8×1). */
  imageShape?: readonly [number, number, number];
}

export interface ClassCount {
  name: string;
  count: number;
}

/** A numeric target's spread, shown for regression. */
export interface TargetStats {
  name: string;
  min: number;
  max: number;
  mean: number;
  std: number;
  distinct: number;
  /** Every value is a whole number (could be class labels). */
  integer: boolean;
}

export interface DatasetSummary {
  name: string;
  rows: number;
  features: number;
  classes: ClassCount[];
  /** The target column's name (uploaded CSVs and plain-CSV built-ins). */
  targetName?: string;
  /** Present when the target is numeric. */
  target?: TargetStats;
}

export function classCounts(y: Int32Array, nClasses: number): number[] {
  const counts = new Array<number>(nClasses).fill(0);
  for (const c of y) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

export function summarize(ds: Dataset): DatasetSummary {
  const counts = classCounts(ds.y, ds.classNames.length);
  return {
    name: ds.name,
    rows: ds.nRows,
    features: ds.nFeatures,
    classes: ds.classNames.map((name, i) => ({ name, count: counts[i] ?? 0 })),
    ...(ds.targetName ? { targetName: ds.targetName } : {}),
    ...(ds.values ? { target: targetStats(ds.values, ds.targetName ?? 'target') } : {}),
  };
}

export function targetStats(values: Float64Array, name: string): TargetStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { name, min, max, mean, std: Math.sqrt(ss / values.length), distinct: new Set(values).size, integer: values.every(Number.isInteger) };
}

/** Throws when the arrays disagree with the declared shape or labels are out of range. */
export function assertValidDataset(ds: Dataset): void {
  if (ds.x.length !== ds.nRows * ds.nFeatures) {
    throw new Error(`Dataset "${ds.name}": ${ds.x.length} feature values, expected ${ds.nRows} × ${ds.nFeatures}.`);
  }
  if (ds.y.length !== ds.nRows) throw new Error(`Dataset "${ds.name}": ${ds.y.length} labels for ${ds.nRows} rows.`);
  if (ds.featureNames.length !== ds.nFeatures) throw new Error(`Dataset "${ds.name}": feature names do not match the feature count.`);
  if (ds.values && ds.values.length !== ds.nRows) throw new Error(`Dataset "${ds.name}": ${ds.values.length} target values for ${ds.nRows} rows.`);
  if (ds.classNames.length === 0) {
    if (!ds.values) throw new Error(`Dataset "${ds.name}" has neither classes nor numeric target values.`);
    return;
  }
  for (const c of ds.y) {
    if (c < 0 || c >= ds.classNames.length) throw new Error(`Dataset "${ds.name}": label ${c} is out of range.`);
  }
}

/** The dataset restricted to the named features, in the dataset's own column order. */
export function keepFeatures(ds: Dataset, names: readonly string[] | undefined): Dataset {
  if (!names) return ds;
  const idx = ds.featureNames.map((n, i) => (names.includes(n) ? i : -1)).filter((i) => i >= 0);
  const missing = names.filter((n) => !ds.featureNames.includes(n));
  if (missing.length) throw new Error(`The dataset has no feature named ${missing.map((m) => `"${m}"`).join(', ')}.`);
  const x = new Float64Array(ds.nRows * idx.length);
  for (let r = 0; r < ds.nRows; r++) idx.forEach((c, j) => (x[r * idx.length + j] = ds.x[r * ds.nFeatures + c] ?? 0));
  const out: Dataset = { ...ds, featureNames: idx.map((i) => ds.featureNames[i] ?? ''), nFeatures: idx.length, x };
  // A subset of pixels is no longer an image.
  delete out.imageShape;
  return out;
}

/**
 * A warning when the target column looks like an identifier rather than something to predict:
 * every row its own class, or at least half as many classes as rows (most classes of one or two
 * rows cannot be learned or stratified). Null when the target looks fine.
 */
export function targetWarning(summary: Pick<DatasetSummary, 'rows' | 'classes'> & { targetName?: string | undefined }): string | null {
  const k = summary.classes.length;
  if (k < 2 || k * 2 < summary.rows) return null;
  const name = summary.targetName ? `“${summary.targetName}”` : 'The target column';
  const how = k === summary.rows ? 'a different value in every row' : `${k} distinct values in ${summary.rows} rows`;
  return `${name} has ${how}: it looks like an identifier, not something to predict (most classes would have one or two rows). Choose another target column.`;
}
