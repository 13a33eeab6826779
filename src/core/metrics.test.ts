import { describe, expect, it } from 'vitest';
import { accuracy, argmaxRows, mean, std } from './metrics';

describe('accuracy', () => {
  it('is the fraction of matching predictions', () => {
    expect(accuracy([0, 1, 2, 1], [0, 1, 1, 1])).toBe(0.75);
    expect(accuracy(Int32Array.from([1, 1, 1]), Int32Array.from([0, 0, 0]))).toBe(0);
    expect(accuracy([3], [3])).toBe(1);
    expect(accuracy([0, 1, 0], [0, 0, 0])).toBeCloseTo(2 / 3, 15);
  });

  it('is NaN for no predictions and rejects a length mismatch', () => {
    expect(accuracy([], [])).toBeNaN();
    expect(() => accuracy([0, 1], [0])).toThrow(/length mismatch/);
  });
});

describe('argmaxRows', () => {
  it('returns the column of each row’s largest value', () => {
    const v = Float32Array.from([0.1, 0.7, 0.2, /**/ 5, -1, 4, /**/ -3, -2, -1]);
    expect([...argmaxRows(v, 3)]).toEqual([1, 0, 2]);
  });

  it('picks the first column on ties (like numpy.argmax) and works with one column', () => {
    expect([...argmaxRows([1, 1, 0, /**/ 0, 2, 2], 3)]).toEqual([0, 1]);
    expect([...argmaxRows([9, 8, 7], 1)]).toEqual([0, 0, 0]);
  });

  it('handles -Infinity and an empty matrix', () => {
    expect([...argmaxRows([-Infinity, -Infinity, -5], 3)]).toEqual([2]);
    expect(argmaxRows([], 4)).toHaveLength(0);
  });
});

describe('mean and std', () => {
  it('mean', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([-1, 1])).toBe(0);
    expect(mean([0.9754])).toBe(0.9754);
  });

  it('std is the population standard deviation (ddof = 0)', () => {
    expect(std([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(std([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(std([5, 5, 5])).toBe(0);
    expect(std([7])).toBe(0);
  });

  it('std reproduces the reference’s std of its per-fold accuracies', () => {
    // The reference's rounded per-fold accuracies (sklearn-shared.json, breast cancer MLP): its std is 0.0116;
    // numpy.std of these rounded values is 0.011653668950163305.
    const folds = [0.9561, 0.9737, 0.9825, 0.9912, 0.9735];
    expect(std(folds)).toBeCloseTo(0.011653668950163305, 14);
    expect(Math.abs(std(folds) - 0.0116)).toBeLessThan(1e-4);
    expect(mean(folds)).toBeCloseTo(0.9754, 12);
  });
});
