import { describe, expect, it } from 'vitest';
import { CsvError, MAX_CLASSES, looksContinuous, parseCsvTable, tableRows, tableToDataset } from './csv';
import { summarize, targetWarning } from './dataset';
import { assertValidDataset } from './dataset';

const load = (text: string, target: string) => tableToDataset(parseCsvTable(text), target, 'test.csv');

/** Runs f, expecting a CsvError, and returns its message. */
function csvError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    expect((e as Error).name).toBe('CsvError');
    return (e as Error).message;
  }
  throw new Error('expected a CsvError, nothing was thrown');
}

describe('parseCsvTable', () => {
  it('detects a header row above numeric data', () => {
    const t = parseCsvTable('width,height,label\n1,2,a\n3,4,b\n');
    expect(t.hasHeader).toBe(true);
    expect(t.columns).toEqual(['width', 'height', 'label']);
    expect(tableRows(t)).toEqual([
      ['1', '2', 'a'],
      ['3', '4', 'b'],
    ]);
  });

  it('treats an all-numeric first row as data and names the columns', () => {
    const t = parseCsvTable('1,2,0\n3,4,1\n5,6,1\n');
    expect(t.hasHeader).toBe(false);
    expect(t.columns).toEqual(['column 1', 'column 2', 'column 3']);
    expect(tableRows(t)).toHaveLength(3);
    expect(tableRows(t)[0]).toEqual(['1', '2', '0']);
  });

  it('keeps a first row whose only text cell sits over more text (a string target) as data', () => {
    const t = parseCsvTable('1.5,2,setosa\n3,4,virginica\n');
    expect(t.hasHeader).toBe(false);
    expect(tableRows(t)).toHaveLength(2);
  });

  it('treats an all-text first row as a header even over text targets', () => {
    const t = parseCsvTable('a,species\n1,setosa\n2,virginica\n');
    expect(t.hasHeader).toBe(true);
    expect(t.columns).toEqual(['a', 'species']);
  });

  it('names blank header cells by position', () => {
    const t = parseCsvTable(',x,label\n1,2,a\n3,4,b\n');
    expect(t.columns).toEqual(['column 1', 'x', 'label']);
  });

  it('handles quoted fields containing commas, CRLF line ends, a BOM and blank lines', () => {
    const t = parseCsvTable('\uFEFF"width, cm",label\r\n1.5,"x, y"\r\n\r\n2,z\r\n');
    expect(t.hasHeader).toBe(true);
    expect(t.columns).toEqual(['width, cm', 'label']);
    expect(tableRows(t)).toEqual([
      ['1.5', 'x, y'],
      ['2', 'z'],
    ]);
  });

  it('trims whitespace around cells', () => {
    const t = parseCsvTable(' a , b \n 1 , x \n 2 , y \n');
    expect(t.columns).toEqual(['a', 'b']);
    expect(tableRows(t)[1]).toEqual(['2', 'y']);
  });

  it('rejects an empty file', () => {
    expect(csvError(() => parseCsvTable(''))).toBe('The file is empty.');
    expect(csvError(() => parseCsvTable('  \n \n'))).toBe('The file is empty.');
  });

  it('rejects a single column', () => {
    expect(csvError(() => parseCsvTable('a\n1\n2\n'))).toMatch(/at least two columns/);
  });

  it('rejects a ragged row and names its line', () => {
    expect(csvError(() => parseCsvTable('a,b,c\n1,2,3\n4,5\n6,7,8\n'))).toBe('Row 3 has 2 fields, but the header has 3.');
    expect(csvError(() => parseCsvTable('1,2,3\n4,5,6\n7,8,9\n1,2,3,4\n'))).toBe('Row 4 has 4 fields, but the first row has 3.');
  });

  it('rejects duplicate column names', () => {
    expect(csvError(() => parseCsvTable('a,a,label\n1,2,x\n3,4,y\n'))).toBe('Two columns share the name "a".');
  });

  it('rejects files with fewer than two data rows', () => {
    expect(csvError(() => parseCsvTable('a,label\n1,x\n'))).toMatch(/fewer than two data rows/);
  });
});

describe('tableToDataset', () => {
  it('uses the chosen target column; the other columns are features in file order', () => {
    const ds = load('f1,target,f2\n1,0,10\n2,1,20\n3,0,30\n', 'target');
    expect(() => assertValidDataset(ds)).not.toThrow();
    expect(ds.name).toBe('test.csv');
    expect(ds.featureNames).toEqual(['f1', 'f2']);
    expect(ds.nRows).toBe(3);
    expect(ds.nFeatures).toBe(2);
    expect([...ds.x]).toEqual([1, 10, 2, 20, 3, 30]);
    expect([...ds.y]).toEqual([0, 1, 0]);

    // Same table, another target: f2 becomes the classes.
    const other = load('f1,target,f2\n1,0,10\n2,1,20\n3,0,30\n', 'f2');
    expect(other.featureNames).toEqual(['f1', 'target']);
    expect(other.classNames).toEqual(['10', '20', '30']);
    expect([...other.x]).toEqual([1, 0, 2, 1, 3, 0]);
  });

  it('maps string targets to alphabetically sorted classes', () => {
    const ds = load('x,species\n1,virginica\n2,setosa\n3,versicolor\n4,setosa\n', 'species');
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([...ds.y]).toEqual([2, 0, 1, 0]);
  });

  it('sorts numeric targets numerically, not as text', () => {
    const ds = load('x,y\n1,10\n2,2\n3,1\n4,-1\n5,2.5\n', 'y');
    expect(ds.classNames).toEqual(['-1', '1', '2', '2.5', '10']);
    expect([...ds.y]).toEqual([4, 2, 1, 0, 3]);
  });

  it('reads numbers in scientific notation and with signs', () => {
    const ds = load('a,b,label\n1e-3,-2.5,x\n+4,0.5E2,y\n', 'label');
    expect([...ds.x]).toEqual([0.001, -2.5, 4, 50]);
  });

  it('works on a header-less file with a positional target', () => {
    const ds = load('5.1,3.5,0\n4.9,3.0,1\n6.2,2.9,1\n', 'column 3');
    expect(ds.featureNames).toEqual(['column 1', 'column 2']);
    expect([...ds.y]).toEqual([0, 1, 1]);
    expect(ds.x[2]).toBeCloseTo(4.9, 12);
  });

  it('names the row and column of a non-numeric feature', () => {
    const msg = csvError(() => load('a,b,label\n1,2,x\n3,oops,y\n', 'label'));
    expect(msg).toBe('Row 3, column "b" is "oops", not a number. Feature columns must be numeric.');
  });

  it('names the row and column of an empty feature cell', () => {
    const msg = csvError(() => load('a,b,label\n1,,x\n3,4,y\n', 'label'));
    expect(msg).toBe('Row 2, column "b" is empty. Feature columns must be numeric.');
  });

  it('counts rows from the top of a header-less file', () => {
    const msg = csvError(() => load('1,2,0\n3,4,1\nNaN,5,1\n', 'column 3'));
    expect(msg).toMatch(/^Row 3, column "column 1" is "NaN"/);
  });

  it('rejects an empty target cell', () => {
    expect(csvError(() => load('a,label\n1,x\n2,\n3,y\n', 'label'))).toBe('Row 3 has an empty target ("label").');
  });

  it('rejects a single-class target', () => {
    expect(csvError(() => load('a,label\n1,x\n2,x\n3,x\n', 'label'))).toMatch(/"label" has only one value: there is nothing to learn/);
  });

  it(`rejects more than ${MAX_CLASSES} classes but accepts exactly ${MAX_CLASSES}`, () => {
    const make = (k: number) => 'a,label\n' + Array.from({ length: k }, (_, i) => `${i},c${i}`).join('\n');
    const msg = csvError(() => load(make(MAX_CLASSES + 1), 'label'));
    expect(msg).toMatch(new RegExp(`"label" has ${MAX_CLASSES + 1} distinct text values \\(at most ${MAX_CLASSES} classes\\)`));
    expect(load(make(MAX_CLASSES), 'label').classNames).toHaveLength(MAX_CLASSES);
  });

  it('keeps a numeric target as values; with too many distinct values, as values only (regression)', () => {
    const few = load('a,t\n1,0\n2,1\n3,1\n', 't');
    expect(few.classNames).toEqual(['0', '1']);
    expect(Array.from(few.values ?? [])).toEqual([0, 1, 1]);
    expect(looksContinuous(few)).toBe(false);
    const many = load('a,t\n' + Array.from({ length: MAX_CLASSES + 1 }, (_, i) => `${i},${i * 0.5}`).join('\n'), 't');
    expect(many.classNames).toEqual([]);
    expect(many.values?.[3]).toBe(1.5);
    expect(many.targetName).toBe('t');
    expect(looksContinuous(many)).toBe(true);
    expect(looksContinuous(load('a,t\n1,0.5\n2,1\n', 't'))).toBe(true);
    expect(looksContinuous(load('a,t\n1,x\n2,y\n', 't'))).toBe(false);
  });

  it('reads decimal commas when the delimiter is a semicolon (European exports), and only then', () => {
    const ds = load('a;b;label\n-0,256;1,5;x\n2;3,25e1;y\n', 'label');
    expect(Array.from(ds.x)).toEqual([-0.256, 1.5, 2, 32.5]);
    expect(ds.classNames).toEqual(['x', 'y']);
    // With commas as the delimiter, "1,5" is two fields, as before.
    expect(csvError(() => load('a,b,label\n1,5,x\n2,3\n', 'label'))).toMatch(/Row 3 has 2 fields/);
  });

  it('warns when the target looks like an identifier (every row, or most rows, its own class)', () => {
    const ids = load('a,id\n' + Array.from({ length: 60 }, (_, i) => `${i % 7},row${i}`).join('\n'), 'id');
    expect(targetWarning(summarize(ids))).toBe('“id” has a different value in every row: it looks like an identifier, not something to predict (most classes would have one or two rows). Choose another target column.');
    const fine = load('a,t\n' + Array.from({ length: 60 }, (_, i) => `${i},${i % 3}`).join('\n'), 't');
    expect(targetWarning(summarize(fine))).toBeNull();
  });

  it('rejects an unknown target column', () => {
    expect(csvError(() => load('a,label\n1,x\n2,y\n', 'nope'))).toBe('There is no column named "nope".');
  });
});
