import { describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS } from '../data/builtin';
import { classCounts } from '../data/dataset';
import { loadBuiltinSync, reference } from '../testing/node';
import { CvError, holdout, kFold, stratifiedKFold, type Split } from './splits';

interface FoldRef {
  test_class_counts: number[];
  test_size: number;
  first_test_indices: number[];
}
const foldRef = (name: string) => reference.datasets[name]?.stratified_kfold5_noshuffle as FoldRef[];
const kfoldSizes = (name: string) => reference.datasets[name]?.kfold5_noshuffle_test_sizes as number[];

const iris = loadBuiltinSync('iris', BUILTIN_DATASETS.iris.file);
const cancer = loadBuiltinSync('breast_cancer', BUILTIN_DATASETS.breast_cancer.file);
const datasets = { iris, breast_cancer: cancer } as const;

const testCounts = (y: Int32Array, s: Split, nClasses: number) => classCounts(Int32Array.from(s.test, (i) => y[i] ?? -1), nClasses);

/** train ∪ test = 0…n−1, disjoint, each sorted ascending; the test sets of all folds partition 0…n−1 too. */
function expectPartition(splits: Split[], n: number, kfold = true): void {
  const seenInTest = new Array<number>(n).fill(0);
  for (const s of splits) {
    const all = [...s.train, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
    expect([...s.train]).toEqual([...s.train].sort((a, b) => a - b));
    expect([...s.test]).toEqual([...s.test].sort((a, b) => a - b));
    expect(s.test.length).toBeGreaterThan(0);
    expect(s.train.length).toBeGreaterThan(0);
    for (const i of s.test) seenInTest[i] = (seenInTest[i] ?? 0) + 1;
  }
  if (kfold) expect(seenInTest.every((c) => c === 1)).toBe(true);
}

describe('stratifiedKFold', () => {
  it.each(['iris', 'breast_cancer'] as const)('%s, unshuffled: reproduces scikit-learn StratifiedKFold(5) exactly', (name) => {
    const ds = datasets[name];
    const splits = stratifiedKFold(ds.y, 5, false, 0);
    const ref = foldRef(name);
    expect(splits).toHaveLength(5);
    splits.forEach((s, f) => {
      const r = ref[f];
      expect(r).toBeDefined();
      expect(s.test.length).toBe(r?.test_size);
      expect(testCounts(ds.y, s, ds.classNames.length)).toEqual(r?.test_class_counts);
      expect([...s.test.subarray(0, 5)]).toEqual(r?.first_test_indices);
    });
    expectPartition(splits, ds.nRows);
  });

  it('unshuffled ignores the seed', () => {
    const a = stratifiedKFold(cancer.y, 5, false, 1);
    const b = stratifiedKFold(cancer.y, 5, false, 999);
    expect(a.map((s) => [...s.test])).toEqual(b.map((s) => [...s.test]));
  });

  it.each(['iris', 'breast_cancer'] as const)('%s, shuffled: same per-fold class counts as unshuffled, different rows, seed-deterministic', (name) => {
    const ds = datasets[name];
    const plain = stratifiedKFold(ds.y, 5, false, 0);
    const a = stratifiedKFold(ds.y, 5, true, 7);
    const b = stratifiedKFold(ds.y, 5, true, 7);
    const c = stratifiedKFold(ds.y, 5, true, 8);
    expectPartition(a, ds.nRows);
    a.forEach((s, f) => {
      const p = plain[f];
      if (!p) throw new Error('missing fold');
      expect(testCounts(ds.y, s, ds.classNames.length)).toEqual(testCounts(ds.y, p, ds.classNames.length));
      expect([...s.test]).not.toEqual([...p.test]);
    });
    expect(a.map((s) => [...s.test])).toEqual(b.map((s) => [...s.test]));
    expect(c.map((s) => [...s.test])).not.toEqual(a.map((s) => [...s.test]));
  });

  it('labels need not be sorted or start at 0: classes are encoded by first appearance', () => {
    // 6 × class 5 then 4 × class 2, interleaved.
    const y = Int32Array.from([5, 2, 5, 5, 2, 5, 2, 5, 5, 2]);
    const splits = stratifiedKFold(y, 2, false, 0);
    expectPartition(splits, y.length);
    for (const s of splits) {
      const labels = [...s.test].map((i) => y[i]);
      expect(labels.filter((v) => v === 5)).toHaveLength(3);
      expect(labels.filter((v) => v === 2)).toHaveLength(2);
    }
    // Unshuffled: the first members of each class go to fold 0.
    expect([...(splits[0]?.test ?? [])]).toEqual([0, 1, 2, 3, 4]);
  });

  it('throws a CvError when a class has fewer members than folds', () => {
    const y = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]);
    expect(() => stratifiedKFold(y, 3, false, 0)).toThrow(CvError);
    expect(() => stratifiedKFold(y, 3, false, 0)).toThrow('Class 2 has only 2 rows, fewer than the 3 folds: stratified folds need one of each class in every fold. Use 2 folds or fewer, or K-fold.');
    // With the labels known, the message names the class; a one-row class gets advice that can help.
    expect(() => stratifiedKFold(Int32Array.from([0, 0, 0, 1]), 2, false, 0, ['tall', 'short'])).toThrow('Class "short" has only 1 row, fewer than the 2 folds: stratified folds need one of each class in every fold. No number of stratified folds can place it: remove its rows, choose another target column, or use K-fold.');
    expect(() => stratifiedKFold(y, 2, false, 0)).not.toThrow();
    expect(() => stratifiedKFold(y, 1, false, 0)).toThrow(CvError);
  });
});

describe('kFold', () => {
  it.each(['iris', 'breast_cancer'] as const)('%s: KFold(5) fold sizes equal scikit-learn’s', (name) => {
    const ds = datasets[name];
    const splits = kFold(ds.nRows, 5, false, 0);
    expect(splits.map((s) => s.test.length)).toEqual(kfoldSizes(name));
    expectPartition(splits, ds.nRows);
  });

  it('unshuffled folds are consecutive blocks, the first n % k one larger', () => {
    const splits = kFold(7, 3, false, 0);
    expect(splits.map((s) => [...s.test])).toEqual([[0, 1, 2], [3, 4], [5, 6]]);
    expect([...(splits[1]?.train ?? [])]).toEqual([0, 1, 2, 5, 6]);
  });

  it('shuffled folds keep the sizes, change the rows, and are seed-deterministic', () => {
    const plain = kFold(103, 4, false, 0);
    const a = kFold(103, 4, true, 1);
    const b = kFold(103, 4, true, 1);
    const c = kFold(103, 4, true, 2);
    expectPartition(a, 103);
    expect(a.map((s) => s.test.length)).toEqual(plain.map((s) => s.test.length));
    expect(a.map((s) => s.test.length)).toEqual([26, 26, 26, 25]);
    expect(a.map((s) => [...s.test])).not.toEqual(plain.map((s) => [...s.test]));
    expect(a.map((s) => [...s.test])).toEqual(b.map((s) => [...s.test]));
    expect(c.map((s) => [...s.test])).not.toEqual(a.map((s) => [...s.test]));
  });

  it('rejects fewer than 2 folds or more folds than samples', () => {
    expect(() => kFold(10, 1, false, 0)).toThrow(CvError);
    expect(() => kFold(3, 4, false, 0)).toThrow(/Cannot make 4 folds from 3 samples/);
  });
});

describe('holdout', () => {
  it('is stratified: each class contributes round(fraction × count) test rows', () => {
    const s = holdout(cancer.y, 0.2, 42);
    expectPartition([s], cancer.nRows, false);
    // round(0.2 × 212) = 42, round(0.2 × 357) = 71.
    expect(testCounts(cancer.y, s, 2)).toEqual([42, 71]);
    expect(s.test.length).toBe(113);
    // round, not floor: 0.3 × 212 = 63.6 → 64, 0.3 × 357 = 107.1 → 107.
    expect(testCounts(cancer.y, holdout(cancer.y, 0.3, 42), 2)).toEqual([64, 107]);
    const irisSplit = holdout(iris.y, 0.3, 1);
    expect(testCounts(iris.y, irisSplit, 3)).toEqual([15, 15, 15]);
  });

  it('is deterministic per seed and shuffled', () => {
    const a = holdout(iris.y, 0.2, 5);
    const b = holdout(iris.y, 0.2, 5);
    const c = holdout(iris.y, 0.2, 6);
    expect([...a.test]).toEqual([...b.test]);
    expect([...c.test]).not.toEqual([...a.test]);
    // Not simply the first rows of each class.
    expect([...a.test.subarray(0, 10)]).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps at least one row of each class on each side', () => {
    const y = Int32Array.from([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    const small = holdout(y, 0.05, 0); // round(0.05 × 2) = 0 → at least 1
    expect(testCounts(y, small, 2)).toEqual([1, 1]);
    const big = holdout(y, 0.9, 0); // round(0.9 × 2) = 2 → at most count − 1
    expect(testCounts(y, big, 2)).toEqual([1, 7]);
  });

  it('rejects a bad fraction or a singleton class', () => {
    expect(() => holdout(iris.y, 0, 0)).toThrow(CvError);
    expect(() => holdout(iris.y, 1, 0)).toThrow(/between 0 and 1/);
    expect(() => holdout(Int32Array.from([0, 0, 0, 1]), 0.5, 0)).toThrow(/Class 1 has only one row/);
    expect(() => holdout(Int32Array.from([0, 0, 0, 1]), 0.5, 0, ['a', 'b'])).toThrow(/Class "b" has only one row: it cannot be in both/);
  });
});
