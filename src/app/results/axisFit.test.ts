import { describe, expect, it } from 'vitest';
import { fitAccuracy, fitLinear, fitLog, fitPercent, niceTicks } from './axisFit';

describe('fitted axes', () => {
  it('fits accuracy to the data, never above 1 and not from 0', () => {
    const a = fitAccuracy([0.62, 0.97, 1.01]);
    expect(a.domain).toEqual([0.6, 1]);
    expect(a.ticks).toEqual([0.6, 0.7, 0.8, 0.9, 1]);
    expect(fitAccuracy([0.88, 0.99]).domain).toEqual([0.85, 1]);
    expect(fitAccuracy([0.88, 0.99]).decimals).toBe(2);
  });

  it('keeps accuracy within [0, 1] for bands past either end', () => {
    expect(fitAccuracy([-0.05, 0.5, 1.04]).domain).toEqual([0, 1]);
    expect(fitAccuracy([1, 1]).domain[1]).toBe(1);
    expect(fitAccuracy([1, 1]).domain[0]).toBeLessThan(1);
    expect(fitAccuracy([]).domain).toEqual([0, 1]);
    // Nearly equal accuracies are not magnified into a dramatic difference.
    expect(fitAccuracy([0.97008, 0.9701]).domain).toEqual([0.94, 1]);
    expect(fitAccuracy([0.999, 1]).domain).toEqual([0.95, 1]);
  });

  it('fits sparsity to the data range with round ticks', () => {
    const s = fitPercent([50, 75, 90, 95, 98]);
    expect(s.domain).toEqual([50, 100]);
    expect(s.ticks).toEqual([50, 60, 70, 80, 90, 100]);
    expect(fitPercent([0, 95]).domain).toEqual([0, 100]);
  });

  it('fits linear axes of any sign and a single value', () => {
    expect(fitLinear([3, 3]).domain[0]).toBeLessThan(3);
    expect(fitLinear([3, 3]).domain[1]).toBeGreaterThan(3);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(fitLinear([-3, 7]).domain).toEqual([-4, 8]);
  });

  it('fits log axes at 1, 2, 5 × 10^k', () => {
    const c = fitLog([1.94, 3.65, 28.1]);
    expect(c.domain).toEqual([1, 50]);
    expect(c.ticks).toEqual([1, 2, 5, 10, 20, 50]);
    const p = fitLog([54, 2082]);
    expect(p.domain).toEqual([50, 5000]);
    expect(p.ticks).toEqual([100, 1000]);
    expect(fitLog([0.001, 0.1]).decimals).toBe(3);
  });
});
