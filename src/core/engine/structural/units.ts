import type { MlpNet } from '../model/mlp';
import type { Rows } from '../train/loop';

// Small helpers shared by the structural-pruning modules. A "hidden layer" is every dense layer
// but the last: its units are the neurons structural pruning may remove; the output layer's
// units are the classes and are never touched.

export const hiddenLayerCount = (mlp: MlpNet): number => Math.max(0, mlp.layers.length - 1);

/** Units of every hidden layer, in order. */
export const hiddenUnits = (mlp: MlpNet): number[] => mlp.layers.slice(0, -1).map((l) => l.kernel.shape[1] ?? 0);

/** Row batches [start, end) over `rows`, for passes that must bound memory. */
export function* batches(rows: Rows, batchSize: number): Generator<{ start: number; end: number }> {
  const b = Math.max(1, Math.floor(batchSize));
  for (let start = 0; start < rows.n; start += b) yield { start, end: Math.min(rows.n, start + b) };
}

/** Python-style percentile with linear interpolation (numpy's default) of an ascending array. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}
