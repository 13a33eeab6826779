import { fitStandardizer, type Standardizer } from '../data/standardize';
import type { Estimator, FittedClassifier } from './estimator';
import { allRows, gatherRows64, type LabeledTable, type Table } from './table';

/** Standardises every row of a table with the given scaler (a new Float64 matrix). */
export function applyStandardizer(t: Table, scaler: Standardizer): Float64Array {
  return gatherRows64(t.x, t.nFeatures, allRows(t.nRows), scaler);
}

/** Standardises all rows with StandardScaler statistics of all rows (the "global scaler"). */
export function standardizeAll<T extends Table>(t: T): T {
  return { ...t, x: applyStandardizer(t, fitStandardizer(t.x, t.nFeatures, allRows(t.nRows))) };
}

/**
 * Pipeline(StandardScaler(), estimator): each fit standardises with the statistics of its own
 * training rows; predictions standardise new rows with them. Importances are the inner model's
 * (on the standardised scale), as RFE with importance_getter pointing at the final step's coef_.
 */
export function standardized(inner: Estimator): Estimator {
  return {
    name: `StandardScaler → ${inner.name}`,
    fit(data: LabeledTable): FittedClassifier {
      const scaler = fitStandardizer(data.x, data.nFeatures, allRows(data.nRows));
      const model = inner.fit({ ...data, x: applyStandardizer(data, scaler) });
      const scale = (x: Float64Array, nRows: number): Float64Array => gatherRows64(x, data.nFeatures, allRows(nRows), scaler);
      return {
        nFeatures: model.nFeatures,
        classes: model.classes,
        predict: (x, nRows) => model.predict(scale(x, nRows), nRows),
        importance: () => model.importance(),
        score: (x, nRows, y) => model.score(scale(x, nRows), nRows, y),
      };
    },
  };
}
