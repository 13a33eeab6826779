import { accuracy } from '../metrics';
import { encodeClasses } from './classes';
import type { LabeledTable, Table } from './table';

/**
 * A fitted linear-or-not classifier as feature selection needs it: predictions on new rows with
 * the same columns, a non-negative importance per column (for RFE) and an accuracy score.
 */
export interface FittedClassifier {
  readonly nFeatures: number;
  /** Original labels of the classes seen in training, ascending. */
  readonly classes: Int32Array;
  /** Predicted class label per row of a row-major nRows × nFeatures matrix. */
  predict(x: Float64Array, nRows: number): Int32Array;
  /** One non-negative number per feature; larger = more important. */
  importance(): Float64Array;
  /** Mean accuracy on the given rows (scikit-learn's ClassifierMixin.score). */
  score(x: Float64Array, nRows: number, y: Int32Array): number;
}

/** Something that fits a FittedClassifier; each call starts from scratch (scikit-learn's clone + fit). */
export interface Estimator {
  readonly name: string;
  fit(data: LabeledTable): FittedClassifier;
}

export function checkColumns(model: { nFeatures: number }, x: Float64Array, nRows: number): void {
  if (x.length !== nRows * model.nFeatures) {
    throw new Error(`The model expects ${model.nFeatures} features per row; got ${x.length} values for ${nRows} rows.`);
  }
}

export const accuracyScore = (model: Pick<FittedClassifier, 'predict'>, x: Float64Array, nRows: number, y: Int32Array): number =>
  accuracy(model.predict(x, nRows), y);

export const scoreTable = (model: FittedClassifier, t: Table & { y: Int32Array }): number => model.score(t.x, t.nRows, t.y);

/**
 * scikit-learn's RFE importance for a `coef_` of shape (K′, F): `(coef_ ** 2).sum(axis=0)`
 * (`_get_feature_importances(..., transform_func="square")`). Binary models have K′ = 1.
 */
export function squaredCoefImportance(coef: Float64Array, nRowsOfCoef: number, nFeatures: number): Float64Array {
  const out = new Float64Array(nFeatures);
  for (let k = 0; k < nRowsOfCoef; k++) {
    for (let f = 0; f < nFeatures; f++) {
      const w = coef[k * nFeatures + f] ?? 0;
      out[f] = (out[f] ?? 0) + w * w;
    }
  }
  return out;
}

/**
 * Linear decision: class labels from per-class scores x·Wᵀ + b. With one coefficient row (binary),
 * classes[1] when the score is > 0 (scikit-learn's LinearClassifierMixin.predict); otherwise the
 * first argmax.
 */
export function predictLinear(
  coef: Float64Array, intercept: Float64Array, classes: Int32Array, nFeatures: number, x: Float64Array, nRows: number,
): Int32Array {
  const kRows = intercept.length;
  const out = new Int32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const base = r * nFeatures;
    let best = 0;
    let bestV = -Infinity;
    for (let k = 0; k < kRows; k++) {
      let z = intercept[k] ?? 0;
      const wBase = k * nFeatures;
      for (let f = 0; f < nFeatures; f++) z += (coef[wBase + f] ?? 0) * (x[base + f] ?? 0);
      if (kRows === 1) {
        best = z > 0 ? 1 : 0;
      } else if (z > bestV) {
        bestV = z;
        best = k;
      }
    }
    out[r] = classes[best] ?? 0;
  }
  return out;
}

/**
 * The checks every linear fit starts with, and its class layout: one coefficient row for two
 * classes (scikit-learn's binary case), one per class otherwise.
 */
export function prepareLinearFit(name: string, x: Float64Array, nRows: number, nFeatures: number, y: Int32Array, nClasses: number, C: number) {
  if (x.length !== nRows * nFeatures || y.length !== nRows) throw new Error(`${name}: x, y and the shape disagree.`);
  if (!(C > 0)) throw new Error(`${name}: C must be positive.`);
  for (const c of y) if (!(c >= 0 && c < nClasses)) throw new Error(`${name}: label ${c} is outside 0 … ${nClasses - 1}.`);
  const { classes, encoded } = encodeClasses(y);
  if (classes.length < 2) throw new Error(`${name} needs samples of at least 2 classes in the data.`);
  return { classes, encoded, kRows: classes.length === 2 ? 1 : classes.length };
}

/** The FittedClassifier of a linear model (coef K′ × F, K′ intercepts): predictions, squared-coefficient importance, accuracy. */
export function linearClassifier(coef: Float64Array, intercept: Float64Array, classes: Int32Array, nFeatures: number): FittedClassifier & { coef: Float64Array; intercept: Float64Array } {
  const model = {
    nFeatures,
    classes,
    coef,
    intercept,
    predict(xs: Float64Array, n: number) {
      checkColumns(model, xs, n);
      return predictLinear(coef, intercept, classes, nFeatures, xs, n);
    },
    importance: () => squaredCoefImportance(coef, intercept.length, nFeatures),
    score: (xs: Float64Array, n: number, ys: Int32Array) => accuracyScore(model, xs, n, ys),
  };
  return model;
}
