import { createRng, type Rng } from '../rng';

/**
 * Glorot/Xavier uniform (Keras' default kernel initialiser): U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut))),
 * `count` values drawn in order from the seeded RNG (a seed, or a stream to continue). The one initialiser of every network in
 * PruneLab (the TF.js models and the feature-selection MLP alike); biases start at zero.
 */
export function glorotUniform(fanIn: number, fanOut: number, seed: number | Rng, count = fanIn * fanOut): Float64Array {
  const rng = typeof seed === 'number' ? createRng(seed) : seed;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = (rng.next() * 2 - 1) * limit;
  return out;
}
