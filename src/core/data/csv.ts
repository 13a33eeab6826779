import Papa from 'papaparse';
import type { Dataset } from './dataset';

/** A specific, user-facing problem with an uploaded CSV file. */
export class CsvError extends Error {
  override name = 'CsvError';
}

export interface CsvTable {
  /** Column names: the file's header row, or "column 1" … when it has none. */
  columns: string[];
  hasHeader: boolean;
  rows: string[][];
}

export const MAX_CLASSES = 100;
const isNumeric = (s: string): boolean => s.trim() !== '' && Number.isFinite(Number(s));

/** "-0,256" → "-0.256" (a number written with a decimal comma); anything else as it is. */
const commaDecimal = (cell: string): string => (/^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/.test(cell) ? cell.replace(',', '.') : cell);

/**
 * Parses CSV text into a rectangular table of strings (RFC 4180 quoting via papaparse).
 * The first row is a header when at least one of its cells is non-numeric while the
 * row below has a number in that column (or when every cell of it is non-numeric).
 */
export function parseCsvTable(text: string): CsvTable {
  if (text.trim() === '') throw new CsvError('The file is empty.');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new CsvError(`Malformed CSV at row ${(fatal.row ?? 0) + 1}: ${fatal.message}.`);
  // A semicolon-separated file (a European export) writes decimals with a comma: -0,256 is -0.256.
  const decimalComma = parsed.meta.delimiter === ';';
  const all = parsed.data.map((r) => r.map((c) => (decimalComma ? commaDecimal(c.trim()) : c.trim())));
  const first = all[0];
  if (!first || first.length < 2) throw new CsvError('A dataset needs at least two columns: one or more features and a target.');
  const second = all[1];
  const hasHeader =
    first.every((c) => !isNumeric(c)) || (second !== undefined && first.some((c, i) => !isNumeric(c) && isNumeric(second[i] ?? '')));
  const rows = hasHeader ? all.slice(1) : all;
  const width = first.length;
  rows.forEach((r, i) => {
    if (r.length !== width) {
      const line = i + 1 + (hasHeader ? 1 : 0);
      throw new CsvError(`Row ${line} has ${r.length} fields, but the ${hasHeader ? 'header' : 'first row'} has ${width}.`);
    }
  });
  if (rows.length < 2) throw new CsvError('The file has fewer than two data rows.');
  const columns = hasHeader ? first.map((c, i) => (c === '' ? `column ${i + 1}` : c)) : first.map((_, i) => `column ${i + 1}`);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) throw new CsvError(`Two columns share the name "${dup}".`);
  return { columns, hasHeader, rows };
}

/**
 * Turns a parsed table into a dataset: every column but the target must be numeric;
 * the target's distinct values become the classes (numbers sorted numerically, text sorted
 * alphabetically, as sklearn's LabelEncoder does), at most MAX_CLASSES of them. A numeric
 * target is also kept as values (regression); one with more distinct values than that is
 * values only.
 */
export function tableToDataset(table: CsvTable, targetColumn: string, name: string): Dataset {
  const t = table.columns.indexOf(targetColumn);
  if (t < 0) throw new CsvError(`There is no column named "${targetColumn}".`);
  const featureIdx = table.columns.map((_, i) => i).filter((i) => i !== t);
  const nRows = table.rows.length;
  const nFeatures = featureIdx.length;
  const x = new Float64Array(nRows * nFeatures);
  const rawTargets: string[] = [];
  table.rows.forEach((row, r) => {
    featureIdx.forEach((c, f) => {
      const cell = row[c] ?? '';
      if (!isNumeric(cell)) {
        const line = r + 1 + (table.hasHeader ? 1 : 0);
        const what = cell === '' ? 'is empty' : `is "${cell.slice(0, 40)}", not a number`;
        throw new CsvError(`Row ${line}, column "${table.columns[c]}" ${what}. Feature columns must be numeric.`);
      }
      x[r * nFeatures + f] = Number(cell);
    });
    const target = row[t] ?? '';
    if (target === '') throw new CsvError(`Row ${r + 1 + (table.hasHeader ? 1 : 0)} has an empty target ("${targetColumn}").`);
    rawTargets.push(target);
  });
  const distinct = [...new Set(rawTargets)];
  const numeric = distinct.every(isNumeric);
  distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (distinct.length < 2) throw new CsvError(`The target column "${targetColumn}" has only one value: there is nothing to learn.`);
  const featureNames = featureIdx.map((i) => table.columns[i] ?? `column ${i + 1}`);
  const values = numeric ? Float64Array.from(rawTargets, Number) : undefined;
  if (distinct.length > MAX_CLASSES) {
    if (!values) {
      throw new CsvError(`The target column "${targetColumn}" has ${distinct.length} distinct text values (at most ${MAX_CLASSES} classes): choose a categorical target column.`);
    }
    // Too many values for classes: a continuous target, for regression only.
    return { name, featureNames, classNames: [], nRows, nFeatures, x, y: new Int32Array(nRows), values, targetName: targetColumn };
  }
  const index = new Map(distinct.map((v, i) => [v, i]));
  const y = Int32Array.from(rawTargets, (v) => index.get(v) ?? 0);
  return { name, featureNames, classNames: distinct, nRows, nFeatures, x, y, ...(values ? { values } : {}), targetName: targetColumn };
}

/**
 * Whether a numeric target looks continuous, so regression is the better reading: more than 20
 * distinct values, or any that is not a whole number. (Many classes of a few rows each would
 * follow from classifying it.)
 */
export function looksContinuous(ds: Pick<Dataset, 'values'>): boolean {
  const v = ds.values;
  if (!v) return false;
  return new Set(v).size > 20 || v.some((x) => !Number.isInteger(x));
}
