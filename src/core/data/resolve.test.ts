import { describe, expect, it } from 'vitest';
import { asSequences, resolveDataset } from './resolve';
import type { Dataset } from './dataset';

const csv: Dataset = { name: 'six.csv', featureNames: ['a', 'b', 'c', 'd', 'e', 'f'], classNames: ['x', 'y'], nRows: 2, nFeatures: 6, x: new Float64Array(12), y: new Int32Array([0, 1]) };

describe('a CSV declared as sequences', () => {
  it('reads its columns as steps of equal width (steps × width × 1), and refuses a number of steps that does not divide them', async () => {
    expect(asSequences(csv, 3).imageShape).toEqual([3, 2, 1]);
    expect(asSequences(csv, 6).imageShape).toEqual([6, 1, 1]);
    expect(() => asSequences(csv, 4)).toThrow('The CSV has 6 feature columns, which do not split into 4 steps of equal width: choose a number of steps that divides 6.');
    const spec = { kind: 'csv' as const, name: 'six.csv', targetColumn: 't', rows: 2, sequenceSteps: 2 };
    expect((await resolveDataset(spec, 1, { readBuiltinFile: async () => '', uploaded: csv })).imageShape).toEqual([2, 3, 1]);
    const { sequenceSteps: _, ...plain } = spec;
    expect((await resolveDataset(plain, 1, { readBuiltinFile: async () => '', uploaded: csv })).imageShape).toBeUndefined();
  });
});

describe('a built-in dataset', () => {
  it('is parsed once per text: the next run gets the same object (its hosts already hold it); another text is parsed again', async () => {
    const spec = { kind: 'builtin' as const, name: 'iris' as const };
    let text = '2,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n7,3.2,4.7,1.4,1\n';
    const sources = { readBuiltinFile: async () => text };
    const first = await resolveDataset(spec, 1, sources);
    expect(first.nRows).toBe(2);
    expect(await resolveDataset(spec, 1, sources)).toBe(first);
    text = text.replace(/^2,/, '3,') + '6.3,3.3,6,2.5,2\n';
    const other = await resolveDataset(spec, 1, sources);
    expect(other).not.toBe(first);
    expect(other.nRows).toBe(3);
  });
});
