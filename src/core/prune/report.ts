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

const CSV_COLUMNS: [string, (r: SweepRow) => string | number][] = [
  ['series', (r) => r.series],
  ['target_sparsity', (r) => r.targetSparsity],
  ['achieved_sparsity', (r) => r.achievedSparsity.toFixed(6)],
  ['folds', (r) => r.folds],
  ['accuracy_mean', (r) => r.accuracyMean.toFixed(6)],
  ['accuracy_std', (r) => r.accuracyStd.toFixed(6)],
  ['total_params', (r) => r.totalParams],
  ['nonzero_params', (r) => r.nonzeroParams.toFixed(1)],
  ['compression_ratio', (r) => r.compressionRatio.toFixed(4)],
  ['dense_flops', (r) => r.denseFlops],
  ['sparse_flops', (r) => r.sparseFlops.toFixed(1)],
  ['theoretical_speedup', (r) => r.theoreticalSpeedup.toFixed(4)],
  ['sparse_gzip_bytes', (r) => r.sparseBytes.toFixed(1)],
  ['dense_gzip_bytes', (r) => r.denseBytes.toFixed(1)],
];

/** RFC 4180 CSV; a cell that starts like a formula is prefixed with ' so spreadsheets do not run it. */
export function sweepToCsv(rows: readonly SweepRow[]): string {
  const cell = (v: string | number): string => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [CSV_COLUMNS.map(([h]) => h).join(','), ...rows.map((r) => CSV_COLUMNS.map(([, f]) => cell(f(r))).join(','))].join('\n') + '\n';
}
