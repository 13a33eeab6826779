import { createRng } from '../rng';

/** One train/test split: row indices, each sorted ascending. */
export interface Split {
  train: Int32Array;
  test: Int32Array;
}

export class CvError extends Error {
  override name = 'CvError';
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function splitFromTestMask(n: number, isTest: (i: number) => boolean): Split {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < n; i++) (isTest(i) ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/**
 * sklearn.model_selection.KFold: consecutive folds over the (optionally shuffled) indices;
 * the first n % k folds get one extra sample.
 */
export function kFold(n: number, k: number, shuffle: boolean, seed: number): Split[] {
  if (k < 2) throw new CvError('K-fold needs at least 2 folds.');
  if (k > n) throw new CvError(`Cannot make ${k} folds from ${n} samples.`);
  const order = range(n);
  if (shuffle) createRng(seed).shuffle(order);
  const splits: Split[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const inTest = new Set(order.slice(start, start + size));
    splits.push(splitFromTestMask(n, (i) => inTest.has(i)));
    start += size;
  }
  return splits;
}

/** A class as messages name it: by its label ("Class "setosa"") when the labels are known. */
const className = (c: number, names?: readonly string[]): string => (names?.[c] !== undefined ? `Class "${names[c]}"` : `Class ${c}`);

/**
 * sklearn.model_selection.StratifiedKFold (scikit-learn ≥ 0.22 algorithm): classes are encoded in
 * order of first appearance, the sorted labels are dealt round-robin to the folds to get each
 * fold's per-class allocation, and each class's fold labels are laid out in order (shuffled
 * when asked). Unlike sklearn, which only warns, a class with fewer members than folds is an error.
 */
export function stratifiedKFold(y: Int32Array, k: number, shuffle: boolean, seed: number, classNames?: readonly string[]): Split[] {
  if (k < 2) throw new CvError('Stratified K-fold needs at least 2 folds.');
  const n = y.length;
  const firstSeen = new Map<number, number>();
  y.forEach((c) => {
    if (!firstSeen.has(c)) firstSeen.set(c, firstSeen.size);
  });
  const enc = Int32Array.from(y, (c) => firstSeen.get(c) ?? 0);
  const nClasses = firstSeen.size;
  const counts = new Array<number>(nClasses).fill(0);
  enc.forEach((c) => (counts[c] = (counts[c] ?? 0) + 1));
  const smallest = Math.min(...counts);
  if (smallest < k) {
    const cls = [...firstSeen.entries()].find(([, e]) => counts[e] === smallest)?.[0] ?? 0;
    const rows = `${smallest} row${smallest === 1 ? '' : 's'}`;
    // Fewer folds can help only a class with at least 2 rows (the least there is).
    const advice = smallest >= 2 ? `Use ${smallest} folds or fewer, or K-fold.` : 'No number of stratified folds can place it: remove its rows, choose another target column, or use K-fold.';
    throw new CvError(`${className(cls, classNames)} has only ${rows}, fewer than the ${k} folds: stratified folds need one of each class in every fold. ${advice}`);
  }
  const sorted = Int32Array.from(enc).sort();
  // allocation[f][c] = count of class c among sorted[f], sorted[f + k], …
  const allocation = range(k).map(() => new Array<number>(nClasses).fill(0));
  sorted.forEach((c, i) => {
    const row = allocation[i % k];
    if (row) row[c] = (row[c] ?? 0) + 1;
  });
  const rng = createRng(seed);
  const testFold = new Int32Array(n);
  for (let c = 0; c < nClasses; c++) {
    const foldsForClass: number[] = [];
    allocation.forEach((row, f) => {
      for (let j = 0; j < (row[c] ?? 0); j++) foldsForClass.push(f);
    });
    if (shuffle) rng.shuffle(foldsForClass);
    let j = 0;
    for (let i = 0; i < n; i++) if (enc[i] === c) testFold[i] = foldsForClass[j++] ?? 0;
  }
  return range(k).map((f) => splitFromTestMask(n, (i) => testFold[i] === f));
}

/** A single stratified, shuffled train/test split; each class contributes round(fraction × count) test rows (at least one). */
export function holdout(y: Int32Array, testFraction: number, seed: number, classNames?: readonly string[]): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new CvError('The test fraction must be between 0 and 1.');
  const rng = createRng(seed);
  const byClass = new Map<number, number[]>();
  y.forEach((c, i) => byClass.set(c, [...(byClass.get(c) ?? []), i]));
  const inTest = new Set<number>();
  for (const [c, rows] of [...byClass.entries()].sort((a, b) => a[0] - b[0])) {
    if (rows.length < 2) throw new CvError(`${className(c, classNames)} has only one row: it cannot be in both the training and the test set. Remove its rows or choose another target column.`);
    rng.shuffle(rows);
    const take = Math.min(rows.length - 1, Math.max(1, Math.round(testFraction * rows.length)));
    rows.slice(0, take).forEach((i) => inTest.add(i));
  }
  return splitFromTestMask(y.length, (i) => inTest.has(i));
}
