import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { defaultMlp } from '../spec/sections';
import { useBackend } from '../testing/node';
import { labelsOf, prepareFold } from './fold';
import { createNetwork } from './model/registry';
import { loadWeights, readWeights } from './prune/masks';
import { classification } from './task';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Bugs that a silent `?? 0` used to turn into zeros now stop with a message. */
describe('no silent zeros in the engine', () => {
  it('a weight snapshot of another architecture is refused, never loaded in part', async () => {
    const a = createNetwork(defaultMlp(), { nInputs: 4, nOutputs: 3 }, 1);
    const b = createNetwork({ ...defaultMlp(), hidden: [{ units: 5, activation: 'relu', dropout: 0 }] }, { nInputs: 4, nOutputs: 3 }, 1);
    try {
      const wa = await readWeights(a);
      expect(() => loadWeights(b, wa)).toThrow('does not fit dense_1');
      expect(() => loadWeights(a, wa.slice(0, 1))).toThrow('has 1 layers; the network has 2');
      loadWeights(a, wa);
    } finally {
      a.dispose();
      b.dispose();
    }
  });

  it('a row without a label is an error (it was mapped to class 0)', () => {
    const ds: Dataset = { name: 'tiny', featureNames: ['x'], classNames: ['a', 'b'], nRows: 2, nFeatures: 1, x: Float64Array.from([0, 1]), y: Int32Array.from([0, 1]) };
    expect(Array.from(labelsOf(ds, Int32Array.from([1, 0])))).toEqual([1, 0]);
    expect(() => labelsOf(ds, Int32Array.from([0, 2]))).toThrow('Row 2 is outside the dataset "tiny" (2 rows)');
    expect(() => prepareFold({ preprocessing: { standardize: false } }, ds, { train: Int32Array.from([0, 5]), test: Int32Array.from([1]) })).toThrow('Row 5');
    const out = new Float32Array(4);
    expect(() => classification.encodeTargets({ x: new Float32Array(2), y: Int32Array.from([0, 3]), n: 2 }, [0, 1], 2, 2, out)).toThrow('Row 1 has no class label in 0 … 1 (got 3)');
  });
});
