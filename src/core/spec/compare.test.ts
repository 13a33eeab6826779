import { type MlpModelSpec } from './sections';
import { describe, expect, it } from 'vitest';
import { defaultSpecFor, withTask } from './edit';
import { canonicalJson, sameSetup } from './compare';

describe('sameSetup: may two results share a chart?', () => {
  it('the same data and model under another run kind or backend: yes', () => {
    const cv = defaultSpecFor('wine');
    const sweep = withTask(cv, 'sweep');
    expect(sameSetup(cv, sweep)).toBe(true);
    expect(sameSetup(cv, { ...sweep, backend: 'cpu' })).toBe(true);
    // Key order does not matter.
    const reordered = JSON.parse(canonicalJson(sweep)) as typeof sweep;
    expect(sameSetup(cv, reordered)).toBe(true);
  });

  it('another dataset, model, seed or training: no (a structural run on wine is not drawn beside a sweep on iris)', () => {
    const wine = withTask(defaultSpecFor('wine'), 'structural');
    expect(sameSetup(wine, withTask(defaultSpecFor('iris'), 'sweep'))).toBe(false);
    expect(sameSetup(wine, { ...wine, seed: 1 })).toBe(false);
    expect(sameSetup(wine, { ...wine, model: { ...(wine.model as MlpModelSpec), hidden: [{ units: 64, activation: 'relu', dropout: 0 }] } })).toBe(false);
    expect(sameSetup(wine, { ...wine, training: { ...wine.training, epochs: 10 } })).toBe(false);
  });
});
