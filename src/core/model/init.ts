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

/**
 * Keras' orthogonal initialiser (the recurrent kernels' default) for a rows × cols matrix with rows ≤ cols:
 * standard normal draws (Box–Muller from the seeded RNG), then Gram–Schmidt, so the rows are orthonormal.
 * Row-major, as TF.js holds a [units, gates · units] kernel.
 */
export function orthogonal(rows: number, cols: number, seed: number): Float64Array {
  if (rows > cols) throw new Error(`orthogonal() fills rows ≤ cols, got ${rows} × ${cols}.`);
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  const m = new Float64Array(rows * cols).map(normal);
  for (let r = 0; r < rows; r++) {
    const row = m.subarray(r * cols, (r + 1) * cols);
    for (let q = 0; q < r; q++) {
      const prev = m.subarray(q * cols, (q + 1) * cols);
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += (row[c] ?? 0) * (prev[c] ?? 0);
      for (let c = 0; c < cols; c++) row[c] = (row[c] ?? 0) - dot * (prev[c] ?? 0);
    }
    const norm = Math.sqrt(row.reduce((a, v) => a + v * v, 0)) || 1;
    for (let c = 0; c < cols; c++) row[c] = (row[c] ?? 0) / norm;
  }
  return m;
}
