import { describe, expect, it } from 'vitest';
import { defaultCnn, defaultMlp } from '../spec/sections';
import { countParams, describeModel, flopsPerSample, macsPerSample, prunableTensorNames } from './describe';

describe('describeModel (tensor-free shapes, names and costs)', () => {
  it('an MLP 30-32-2: names, shapes, parameters and MACs', () => {
    const layers = describeModel(defaultMlp(), { nInputs: 30, nOutputs: 2 });
    expect(layers.map((l) => [l.name, l.kernelShape])).toEqual([
      ['dense_1', [30, 32]],
      ['output', [32, 2]],
    ]);
    expect(countParams(layers)).toBe(30 * 32 + 32 + 32 * 2 + 2);
    expect(macsPerSample(layers)).toBe(30 * 32 + 32 * 2);
    expect(flopsPerSample(layers)).toBe(2 * (30 * 32 + 32 * 2) + 32 + 2);
    expect(prunableTensorNames(layers, { biases: false, outputLayer: false })).toEqual(['dense_1/kernel']);
    expect(prunableTensorNames(layers, { biases: true, outputLayer: true })).toEqual(['dense_1/kernel', 'dense_1/bias', 'output/kernel', 'output/bias']);
  });

  it('counts the convolutions of a CNN (the backend hint ignored them before)', () => {
    // Digits 8×8×1: conv 3×3×1→16 at 8×8, pool to 4×4; conv 3×3×16→32 at 4×4, pool to 2×2; dense 128→64; output 64→10.
    const layers = describeModel(defaultCnn(), { nInputs: 64, nOutputs: 10, imageShape: [8, 8, 1] });
    expect(layers.map((l) => l.name)).toEqual(['conv_1', 'conv_2', 'dense_1', 'output']);
    expect(layers.map((l) => l.positions)).toEqual([64, 16, 1, 1]);
    expect(macsPerSample(layers)).toBe(9 * 16 * 64 + 9 * 16 * 32 * 16 + 128 * 64 + 64 * 10);
    expect(countParams(layers)).toBe(9 * 16 + 16 + 9 * 16 * 32 + 32 + 128 * 64 + 64 + 64 * 10 + 10);
  });

  it('refuses a CNN without images, and pooling an image to nothing, saying what to change', () => {
    expect(() => describeModel(defaultCnn(), { nInputs: 30, nOutputs: 2 })).toThrow('A CNN needs image data');
    const deep = { ...defaultCnn(), conv: Array.from({ length: 4 }, () => ({ filters: 2, kernelSize: 3, activation: 'relu' as const, pool: 'max' as const })) };
    expect(() => describeModel(deep, { nInputs: 64, nOutputs: 10, imageShape: [8, 8, 1] })).toThrow('use fewer pooling layers');
  });
});
