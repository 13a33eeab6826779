import { describe, expect, it } from 'vitest';
import { sweepTaskSchema } from '../kinds/sweep';
import { describeBounds, numberBounds, withinBounds } from './bounds';
import { cvSpecSchema, denseLayerSchema, trainingSpecSchema } from './sections';

describe('field bounds come from the schema', () => {
  it('reads minimum, maximum, exclusiveness and integrality', () => {
    expect(numberBounds(cvSpecSchema, 'folds')).toEqual({ min: 2, max: 20, integer: true, exclusiveMin: false, exclusiveMax: false });
    expect(numberBounds(trainingSpecSchema, 'learningRate')).toMatchObject({ min: 0, max: 10, exclusiveMin: true, exclusiveMax: false, integer: false });
    expect(numberBounds(trainingSpecSchema, 'momentum')).toMatchObject({ min: 0, max: 1, exclusiveMax: true });
    expect(numberBounds(trainingSpecSchema, 'earlyStopping.patience')).toMatchObject({ min: 1, max: 1000, integer: true });
    expect(numberBounds(denseLayerSchema, 'units')).toMatchObject({ min: 1, max: 4096 });
    expect(numberBounds(sweepTaskSchema, 'sparsities')).toMatchObject({ min: 0, max: 0.999, minItems: 1, maxItems: 24 });
    expect(numberBounds(sweepTaskSchema, 'nm.m')).toMatchObject({ min: 2, max: 32 });
    expect(() => numberBounds(cvSpecSchema, 'kind')).toThrow('is not a number field');
    expect(() => numberBounds(cvSpecSchema, 'nothing')).toThrow('no field "nothing"');
  });

  it('judges values as the schema does, and describes the bounds in words', () => {
    const lr = numberBounds(trainingSpecSchema, 'learningRate');
    expect([0, 1e-9, 10, 10.5].map((v) => withinBounds(v, lr))).toEqual([false, true, true, false]);
    for (const v of [0, 1e-9, 10, 10.5, Number.NaN]) expect(withinBounds(v, lr)).toBe(trainingSpecSchema.shape.learningRate.safeParse(v).success);
    const folds = numberBounds(cvSpecSchema, 'folds');
    for (const v of [1, 2, 2.5, 20, 21, 1000]) expect(withinBounds(v, folds)).toBe(cvSpecSchema.shape.folds.safeParse(v).success);
    expect(describeBounds(folds)).toBe('a whole number from 2 to 20');
    expect(describeBounds(lr)).toBe('a number above 0 and at most 10');
    expect(describeBounds(numberBounds(sweepTaskSchema, 'sparsities'), 100)).toBe('a number from 0 to 99.9');
  });
});
