import type { Split } from '../cv/splits';
import type { Dataset } from '../data/dataset';
import { fitStandardizer, gatherRows, type Standardizer } from '../data/standardize';
import type { ModelIo } from '../model/describe';
import type { SpecBase } from '../spec/sections';
import type { Rows } from './train/loop';

/** The model's inputs and outputs for this dataset (classification: one output per class). */
export const ioOf = (ds: Dataset): ModelIo => ({ nInputs: ds.nFeatures, nOutputs: ds.classNames.length, imageShape: ds.imageShape });

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
export function prepareFold(spec: Pick<SpecBase, 'preprocessing'>, ds: Dataset, split: Split): { trainRows: Rows; testRows: Rows; scaler: Standardizer | undefined } {
  const scaler = spec.preprocessing.standardize ? fitStandardizer(ds.x, ds.nFeatures, split.train) : undefined;
  const rows = (idx: Int32Array): Rows => ({ x: gatherRows(ds.x, ds.nFeatures, idx, scaler), y: labelsOf(ds, idx), n: idx.length });
  return { trainRows: rows(split.train), testRows: rows(split.test), scaler };
}
