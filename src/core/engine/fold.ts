import type { Split } from '../cv/splits';
import type { Dataset } from '../data/dataset';
import { fitStandardizer, gatherRows, type Standardizer } from '../data/standardize';
import type { ModelIo } from '../model/describe';
import { learningTaskOf, type LearningTaskId, type SpecBase } from '../spec/sections';
import { outputsOf } from '../task/learning';
import type { Rows } from './train/loop';

/** The model's inputs and outputs for this dataset under the task (classification: one output per class). */
export const ioOf = (ds: Dataset, task: LearningTaskId = 'classification'): ModelIo => ({
  nInputs: ds.nFeatures,
  nOutputs: outputsOf(task, { nFeatures: ds.nFeatures, nClasses: ds.classNames.length }),
  imageShape: ds.imageShape,
});

/** Labels of the given rows; a row without a label is an error, never class 0. */
export function labelsOf(ds: Dataset, idx: Int32Array): Int32Array {
  const y = new Int32Array(idx.length);
  idx.forEach((r, i) => {
    const label = ds.y[r];
    if (label === undefined) throw new Error(`Row ${r} is outside the dataset "${ds.name}" (${ds.nRows} rows).`);
    y[i] = label;
  });
  return y;
}

/** The fold's training and test rows, standardised with a scaler fitted on the training rows only. */
export function prepareFold(spec: Pick<SpecBase, 'preprocessing' | 'learningTask'>, ds: Dataset, split: Split): { trainRows: Rows; testRows: Rows; scaler: Standardizer | undefined } {
  const scaler = spec.preprocessing.standardize ? fitStandardizer(ds.x, ds.nFeatures, split.train) : undefined;
  // Regression: the target standardised on the training rows (always: MSE on raw units would make
  // the learning rate depend on the target's scale); R² does not change, MAE and MSE are scaled back.
  const tScale = learningTaskOf(spec) === 'regression' ? targetScale(ds, split.train) : undefined;
  const rows = (idx: Int32Array): Rows => {
    const r: Rows = { x: gatherRows(ds.x, ds.nFeatures, idx, scaler), y: labelsOf(ds, idx), n: idx.length };
    if (tScale && ds.values) {
      const v = ds.values;
      r.t = Float32Array.from(idx, (i) => ((v[i] as number) - tScale.mean) / tScale.std);
      r.tScale = tScale;
    }
    return r;
  };
  return { trainRows: rows(split.train), testRows: rows(split.test), scaler };
}

/** Mean and population std of the target over the given rows (StandardScaler's: a scale of 1 when constant). */
export function targetScale(ds: Dataset, idx: Int32Array): { mean: number; std: number } {
  if (!ds.values) throw new Error(`Regression needs a numeric target; "${ds.name}" has none.`);
  const { mean, scale } = fitStandardizer(ds.values, 1, idx);
  return { mean: mean[0] ?? 0, std: scale[0] ?? 1 };
}
