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
