import { describe, expect, it } from 'vitest';
import { deriveSeed } from './rng';
import { SEED_STREAMS, seeds, streamSeed } from './seeds';

describe('named seed streams', () => {
  it('every stream has its own number', () => {
    const numbers = Object.values(SEED_STREAMS);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('keep the numbers results were published with (changing one changes results)', () => {
    expect(seeds.init(42, 3)).toBe(deriveSeed(42, 1, 3));
    expect(seeds.shuffle(42, 3)).toBe(deriveSeed(42, 2, 3));
    expect(seeds.folds(42)).toBe(deriveSeed(42, 3));
    expect(streamSeed(42, 'data')).toBe(deriveSeed(42, 0xda7a));
    expect(streamSeed(42, 'featureEstimator')).not.toBe(streamSeed(43, 'featureEstimator'));
  });
});
