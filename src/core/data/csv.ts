import Papa from 'papaparse';
import type { Dataset } from './dataset';

/** A specific, user-facing problem with an uploaded CSV file. */
export class CsvError extends Error {
  override name = 'CsvError';
}

/**
 * A parsed CSV file, held by column (a 100 MB file would be ~9× its size as a table of strings):
 * each column's numbers, the first cell that is not one, and its distinct cells while they are
 * few enough to be classes.
 */
export interface CsvTable {
  /** Column names: the file's header row, or "column 1" … when it has none. */
  columns: string[];
  hasHeader: boolean;
  nRows: number;
  data: CsvColumn[];
}

export interface CsvColumn {
  /** Number(cell) per row (NaN where the cell is not a number). */
  values: Float64Array;
  /** The first cell (by data row) that is not a number, empty ones included. */
  bad: { row: number; cell: string } | null;
  /** The first data row whose cell is empty (−1: none). */
  firstEmpty: number;
  /** Distinct cells in order of appearance, and each row's index into them; null once there are more than MAX_CLASSES + 1. */
  labels: string[] | null;
  codes: Int32Array | null;
}

export const MAX_CLASSES = 100;
const isNumeric = (s: string): boolean => s.trim() !== '' && Number.isFinite(Number(s));

/** "-0,256" → "-0.256" (a number written with a decimal comma); anything else as it is. */
const commaDecimal = (cell: string): string => (/^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/.test(cell) ? cell.replace(',', '.') : cell);

const grow = <T extends Float64Array | Int32Array>(a: T, need: number, make: (n: number) => T): T => {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2));
  b.set(a);
  return b;
};

/**
 * Builds a CsvTable from rows as they are parsed (papaparse's chunks): the first two rows decide
 * the header, every row must be as wide as the first, cells are trimmed, and a semicolon-separated
 * file reads decimal commas. The rules are those of a whole-file parse, whatever the chunking.
 */
export class CsvTableBuilder {
  private head: string[][] = [];
  private width = 0;
  private hasHeader = false;
  private columns: string[] = [];
  private data: (CsvColumn & { index: Map<string, number> | null })[] = [];
  private n = 0;
  private decided = false;

  constructor(private readonly decimalComma: boolean) {}

  /** Adds parsed rows (raw cells). */
  add(rows: readonly string[][]): void {
    for (const raw of rows) {
      const row = raw.map((c) => (this.decimalComma ? commaDecimal(c.trim()) : c.trim()));
      if (!this.decided) {
        if (this.head.length === 0 && row[0] !== undefined) row[0] = row[0].replace(/^\uFEFF/, '').trim();
        this.head.push(row);
        if (this.head.length === 2) this.decide();
        continue;
      }
      this.push(row);
    }
  }

  /** The table, once every row is in. */
  finish(): CsvTable {
    if (!this.decided) {
      if (this.head.length === 0) throw new CsvError('The file is empty.');
      this.decide();
    }
    if (this.n < 2) throw new CsvError('The file has fewer than two data rows.');
    const data = this.data.map(({ index: _index, ...c }) => ({ ...c, values: c.values.slice(0, this.n), codes: c.codes ? c.codes.slice(0, this.n) : null }));
    return { columns: this.columns, hasHeader: this.hasHeader, nRows: this.n, data };
  }

  private decide(): void {
    this.decided = true;
    const [first, second] = this.head as [string[], string[] | undefined];
    if (first.length < 2) throw new CsvError('A dataset needs at least two columns: one or more features and a target.');
    this.hasHeader = first.every((c) => !isNumeric(c)) || (second !== undefined && first.some((c, i) => !isNumeric(c) && isNumeric(second[i] ?? '')));
    this.width = first.length;
    this.columns = this.hasHeader ? first.map((c, i) => (c === '' ? `column ${i + 1}` : c)) : first.map((_, i) => `column ${i + 1}`);
    const dup = this.columns.find((c, i) => this.columns.indexOf(c) !== i);
    if (dup !== undefined) throw new CsvError(`Two columns share the name "${dup}".`);
    this.data = this.columns.map(() => ({ values: new Float64Array(1024), bad: null, firstEmpty: -1, labels: [], codes: new Int32Array(1024), index: new Map() }));
    for (const row of this.hasHeader ? this.head.slice(1) : this.head) this.push(row);
    this.head = [];
  }

  private push(row: string[]): void {
    if (row.length !== this.width) {
      const line = this.n + 1 + (this.hasHeader ? 1 : 0);
      throw new CsvError(`Row ${line} has ${row.length} fields, but the ${this.hasHeader ? 'header' : 'first row'} has ${this.width}.`);
    }
    const r = this.n++;
    for (let c = 0; c < this.width; c++) {
      const col = this.data[c] as CsvColumn & { index: Map<string, number> | null };
      const cell = row[c] as string;
      col.values = grow(col.values, r + 1, (n) => new Float64Array(n));
      const v = cell === '' ? Number.NaN : Number(cell);
      col.values[r] = v;
      if (!Number.isFinite(v)) {
        col.bad ??= { row: r, cell };
        if (cell === '' && col.firstEmpty < 0) col.firstEmpty = r;
      }
      if (col.index && col.labels) {
        let code = col.index.get(cell);
        if (code === undefined) {
          code = col.labels.length;
          if (code > MAX_CLASSES) {
            // More distinct cells than classes can be: this column is never a classification target.
            col.index = null;
            col.labels = null;
            col.codes = null;
            continue;
          }
          col.index.set(cell, code);
          col.labels.push(cell);
        }
        col.codes = grow(col.codes as Int32Array, r + 1, (n) => new Int32Array(n));
        col.codes[r] = code;
      }
    }
  }
}

/**
 * Parses CSV text into a CsvTable (RFC 4180 quoting via papaparse). The first row is a header when
 * at least one of its cells is non-numeric while the row below has a number in that column (or
 * when every cell of it is non-numeric).
 */
export function parseCsvTable(text: string): CsvTable {
  if (text.trim() === '') throw new CsvError('The file is empty.');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) throw new CsvError(`Malformed CSV at row ${(fatal.row ?? 0) + 1}: ${fatal.message}.`);
  // A semicolon-separated file (a European export) writes decimals with a comma: -0,256 is -0.256.
  const builder = new CsvTableBuilder(parsed.meta.delimiter === ';');
  builder.add(parsed.data);
  return builder.finish();
}

/** The table's cells as text, row by row (numbers as JS prints them): for tests and small previews. */
export function tableRows(table: CsvTable): string[][] {
  return Array.from({ length: table.nRows }, (_, r) =>
    table.data.map((c) => (c.labels && c.codes ? (c.labels[c.codes[r] as number] as string) : Number.isFinite(c.values[r]) ? String(c.values[r]) : (c.bad?.row === r ? c.bad.cell : ''))),
  );
}

/**
 * Turns a parsed table into a dataset: every column but the target must be numeric;
 * the target's distinct values become the classes (numbers sorted numerically, text sorted
 * alphabetically, as sklearn's LabelEncoder does), at most MAX_CLASSES of them. A numeric
 * target is also kept as values (regression); one with more distinct values than that is
 * values only. Errors name the first offending row in file order.
 */
export function tableToDataset(table: CsvTable, targetColumn: string, name: string): Dataset {
  const t = table.columns.indexOf(targetColumn);
  const target = table.data[t];
  if (t < 0 || !target) throw new CsvError(`There is no column named "${targetColumn}".`);
  const featureIdx = table.columns.map((_, i) => i).filter((i) => i !== t);
  const hdr = table.hasHeader ? 1 : 0;
  // The first bad feature cell in file order (row, then column); an empty target before it wins.
  let worst: { row: number; col: number; cell: string } | null = null;
  for (const c of featureIdx) {
    const bad = table.data[c]?.bad;
    if (bad && (!worst || bad.row < worst.row)) worst = { row: bad.row, col: c, cell: bad.cell };
  }
  if (target.firstEmpty >= 0 && (!worst || target.firstEmpty < worst.row)) throw new CsvError(`Row ${target.firstEmpty + 1 + hdr} has an empty target ("${targetColumn}").`);
  if (worst) {
    const what = worst.cell === '' ? 'is empty' : `is "${worst.cell.slice(0, 40)}", not a number`;
    throw new CsvError(`Row ${worst.row + 1 + hdr}, column "${table.columns[worst.col]}" ${what}. Feature columns must be numeric.`);
  }
  const nRows = table.nRows;
  const nFeatures = featureIdx.length;
  const x = new Float64Array(nRows * nFeatures);
  featureIdx.forEach((c, f) => {
    const v = (table.data[c] as CsvColumn).values;
    for (let r = 0; r < nRows; r++) x[r * nFeatures + f] = v[r] as number;
  });
  const numeric = target.bad === null;
  const featureNames = featureIdx.map((i) => table.columns[i] ?? `column ${i + 1}`);
  const values = numeric ? target.values.slice() : undefined;
  const distinct = target.labels;
  if (!distinct || distinct.length > MAX_CLASSES) {
    if (!values) {
      throw new CsvError(`The target column "${targetColumn}" has ${distinct ? distinct.length : `more than ${MAX_CLASSES + 1}`} distinct text values (at most ${MAX_CLASSES} classes): choose a categorical target column.`);
    }
    // Too many values for classes: a continuous target, for regression only.
    return { name, featureNames, classNames: [], nRows, nFeatures, x, y: new Int32Array(nRows), values, targetName: targetColumn };
  }
  if (distinct.length < 2) throw new CsvError(`The target column "${targetColumn}" has only one value: there is nothing to learn.`);
  const sorted = [...distinct].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Int32Array(distinct.length);
  sorted.forEach((label, i) => (rank[distinct.indexOf(label)] = i));
  const codes = target.codes as Int32Array;
  const y = Int32Array.from({ length: nRows }, (_, r) => rank[codes[r] as number] as number);
  return { name, featureNames, classNames: sorted, nRows, nFeatures, x, y, ...(values ? { values } : {}), targetName: targetColumn };
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
