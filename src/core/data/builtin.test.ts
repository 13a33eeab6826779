import { describe, expect, it } from 'vitest';
import { loadBuiltinSync, nodeSources, reference } from '../testing/node';
import { BUILTIN_DATASETS, BUILTIN_NAMES, parseBuiltin, type BuiltinName } from './builtin';
import { assertValidDataset, classCounts, summarize, type Dataset } from './dataset';
import { resolveDataset } from './resolve';
import { makeSynthetic } from './synthetic';

interface LoaderRef {
  shape: [number, number];
  class_counts: number[];
  feature_sum: number;
  feature_names: string[];
  target_names: string[];
}
const ref = (name: 'iris' | 'breast_cancer') => reference.datasets[name] as unknown as LoaderRef;

const load = (name: BuiltinName): Dataset => loadBuiltinSync(name, BUILTIN_DATASETS[name].file);
const featureSum = (ds: Dataset): number => ds.x.reduce((a, b) => a + b, 0);

// Expected figures from /work/shared/datasets/README.md and sklearn's load_* (digits counts: sklearn.datasets.load_digits).
const EXPECTED: Record<BuiltinName, { rows: number; features: number; counts: number[]; sum: number; classNames: string[] }> = {
  iris: { rows: 150, features: 4, counts: [50, 50, 50], sum: 2078.7, classNames: ['setosa', 'versicolor', 'virginica'] },
  wine: { rows: 178, features: 13, counts: [59, 71, 48], sum: 159975.296, classNames: ['class_0', 'class_1', 'class_2'] },
  breast_cancer: { rows: 569, features: 30, counts: [212, 357], sum: 1056474.459636, classNames: ['malignant', 'benign'] },
  digits: {
    rows: 1797,
    features: 64,
    counts: [178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
    sum: 561718,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  // sklearn.datasets.load_diabetes(scaled=False): a continuous target, no classes.
  diabetes: { rows: 442, features: 10, counts: [], sum: 276404.2336, classNames: [] },
};

describe('built-in datasets', () => {
  it('lists the five datasets', () => {
    expect([...BUILTIN_NAMES].sort()).toEqual(['breast_cancer', 'diabetes', 'digits', 'iris', 'wine']);
  });

  it("diabetes: a continuous target, as scikit-learn's load_diabetes gives it (sum 67,243; 214 distinct values)", () => {
    const ds = load('diabetes');
    expect(ds.targetName).toBe('progression');
    expect(ds.values?.reduce((a, b) => a + b, 0)).toBe(67243);
    expect(summarize(ds).target).toMatchObject({ name: 'progression', min: 25, max: 346, distinct: 214 });
  });

  it.each(BUILTIN_NAMES)('%s: shape, classes, class counts and feature sum', (name) => {
    const ds = load(name);
    const e = EXPECTED[name];
    expect(() => assertValidDataset(ds)).not.toThrow();
    expect(ds.nRows).toBe(e.rows);
    expect(ds.nFeatures).toBe(e.features);
    expect(ds.x.length).toBe(e.rows * e.features);
    expect(ds.y.length).toBe(e.rows);
    expect(ds.classNames).toEqual(e.classNames);
    if (e.classNames.length) expect(classCounts(ds.y, ds.classNames.length)).toEqual(e.counts);
    expect(Math.abs(featureSum(ds) - e.sum) / e.sum).toBeLessThan(1e-6);
    expect(ds.x.every(Number.isFinite)).toBe(true);
    expect(ds.featureNames).toHaveLength(e.features);
  });

  it.each(['iris', 'breast_cancer'] as const)('%s agrees with the scikit-learn reference', (name) => {
    const ds = load(name);
    const r = ref(name);
    expect([ds.nRows, ds.nFeatures]).toEqual(r.shape);
    expect(classCounts(ds.y, ds.classNames.length)).toEqual(r.class_counts);
    expect(Math.abs(featureSum(ds) - r.feature_sum) / r.feature_sum).toBeLessThan(1e-6);
    expect(ds.featureNames).toEqual(r.feature_names);
    expect(ds.classNames).toEqual(r.target_names);
  });

  it('iris: first row is the well-known 5.1, 3.5, 1.4, 0.2 setosa', () => {
    const ds = load('iris');
    expect([...ds.x.subarray(0, 4)]).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(ds.y[0]).toBe(0);
  });

  it('digits: 8×8×1 images with pixel values 0…16', () => {
    const ds = load('digits');
    expect(ds.imageShape).toEqual([8, 8, 1]);
    expect(Math.min(...ds.x)).toBe(0);
    expect(Math.max(...ds.x)).toBe(16);
    expect(ds.featureNames[9]).toBe('pixel_1_1');
    // Tabular datasets carry no image shape.
    expect(load('iris').imageShape).toBeUndefined();
  });

  it('summarize names each class with its count', () => {
    const s = summarize(load('breast_cancer'));
    expect(s).toMatchObject({ rows: 569, features: 30 });
    expect(s.classes).toEqual([
      { name: 'malignant', count: 212 },
      { name: 'benign', count: 357 },
    ]);
  });

  it('parseBuiltin rejects a truncated file', () => {
    const text = '3,4,a,b\n1,2,3,4,0\n5,6,7,8,1\n';
    expect(() => parseBuiltin('iris', text)).toThrow(/damaged.*3 rows.*has 2/);
  });

  it('parseBuiltin rejects a row with the wrong field count', () => {
    const text = '2,4,a,b\n1,2,3,4,0\n5,6,7,1\n';
    expect(() => parseBuiltin('iris', text)).toThrow(/row 2 has 4 fields/);
  });

  it('assertValidDataset catches out-of-range labels and shape mismatches', () => {
    const ds = load('iris');
    expect(() => assertValidDataset({ ...ds, y: Int32Array.from(ds.y, (v) => (v === 2 ? 3 : v)) })).toThrow(/label 3 is out of range/);
    expect(() => assertValidDataset({ ...ds, nRows: 149 })).toThrow(/expected 149 × 4/);
    expect(() => assertValidDataset({ ...ds, featureNames: ['a'] })).toThrow(/feature names/);
  });
});

describe('resolveDataset', () => {
  it('reads built-in datasets through the sources', async () => {
    const ds = await resolveDataset({ kind: 'builtin', name: 'wine' }, 0, nodeSources);
    expect(ds.nRows).toBe(178);
    expect(ds.nFeatures).toBe(13);
    expect(ds.featureNames[12]).toBe('proline');
    const files: string[] = [];
    await resolveDataset({ kind: 'builtin', name: 'iris' }, 0, {
      readBuiltinFile: (f) => {
        files.push(f);
        return nodeSources.readBuiltinFile(f);
      },
    });
    expect(files).toEqual(['iris.csv']);
  });

  it('generates synthetic datasets, seeded by the spec seed', async () => {
    const spec = { kind: 'synthetic', name: 'circles', samples: 101, noise: 0.1 } as const;
    const a = await resolveDataset(spec, 5, nodeSources);
    const b = await resolveDataset(spec, 5, nodeSources);
    const c = await resolveDataset(spec, 6, nodeSources);
    expect(a.nRows).toBe(101);
    expect(a.nFeatures).toBe(2);
    expect(classCounts(a.y, 2)).toEqual([51, 50]);
    expect([...a.x]).toEqual([...b.x]);
    expect([...a.x]).not.toEqual([...c.x]);
    // The data stream is derived from the seed, not the seed itself (so it differs from the init/shuffle streams).
    expect([...a.x]).not.toEqual([...makeSynthetic('circles', { samples: 101, noise: 0.1, seed: 5 }).x]);
  });

  it('returns the uploaded dataset for csv specs and explains when it is missing', async () => {
    const spec = { kind: 'csv', name: 'mine.csv', targetColumn: 'label', rows: 150 } as const;
    await expect(resolveDataset(spec, 0, nodeSources)).rejects.toThrow(/mine\.csv.*upload it again/);
    const uploaded = load('iris');
    await expect(resolveDataset(spec, 0, { ...nodeSources, uploaded })).resolves.toBe(uploaded);
  });
});
