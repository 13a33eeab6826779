import { mean, std } from '../metrics';
import type { SweepPoint } from '../kinds/sweep';

/** One row of the sweep's results: a series at one target sparsity, aggregated over folds. */
export interface SweepRow {
  series: string;
  targetSparsity: number;
  folds: number;
  achievedSparsity: number;
  accuracyMean: number;
  accuracyStd: number;
  totalParams: number;
  nonzeroParams: number;
  compressionRatio: number;
  denseFlops: number;
  sparseFlops: number;
  theoreticalSpeedup: number;
  sparseBytes: number;
  denseBytes: number;
  /** Mean kernel sparsity per layer, in layer order. */
  layerSparsity: { name: string; sparsity: number }[];
}

/** Groups points by (series, target) in first-seen order; means over folds, population std (ddof 0). */
export function summarizeSweep(points: readonly SweepPoint[]): SweepRow[] {
  const groups = new Map<string, SweepPoint[]>();
  for (const p of points) {
    const key = `${p.series}@${p.targetSparsity}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].map((ps) => {
    const first = ps[0] as SweepPoint;
    const avg = (f: (p: SweepPoint) => number) => mean(ps.map(f));
    const accs = ps.map((p) => p.accuracy);
    return {
      series: first.series,
      targetSparsity: first.targetSparsity,
      folds: ps.length,
      achievedSparsity: avg((p) => p.achievedSparsity),
      accuracyMean: mean(accs),
      accuracyStd: std(accs),
      totalParams: first.account.totalParams,
      nonzeroParams: avg((p) => p.account.nonzeroParams),
      compressionRatio: avg((p) => p.account.compressionRatio),
      denseFlops: first.account.denseFlops,
      sparseFlops: avg((p) => p.account.sparseFlops),
      theoreticalSpeedup: avg((p) => p.account.theoreticalSpeedup),
      sparseBytes: avg((p) => p.account.sparseBytes),
      denseBytes: avg((p) => p.account.denseBytes),
      layerSparsity: first.account.layers.map((l, i) => ({ name: l.name, sparsity: mean(ps.map((p) => p.account.layers[i]?.kernelSparsity ?? 0)) })),
    };
  });
}
