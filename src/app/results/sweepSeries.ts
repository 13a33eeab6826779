import type { SweepRow } from '../../core/prune/report';
import { seriesLabel, seriesStyle, type SeriesStyle } from './seriesStyle';

/** The dense model's reference line (named in the legend, not on the plot, where a label would cover the data). */
export const DENSE_LINE: SeriesStyle = { ...seriesStyle('dense'), dash: '6 3' };

export type XMode = 'sparsity' | 'compression';

export interface Pt {
  x: number;
  mean: number;
  std: number;
  folds: number;
}

export interface SweepSeries {
  id: string;
  label: string;
  style: SeriesStyle;
  pts: Pt[];
}

/** One sorted list of points per pruned series, x in the chosen unit. */
export function toSeries(rows: readonly SweepRow[], mode: XMode): SweepSeries[] {
  const bySeries = new Map<string, Pt[]>();
  for (const r of rows) {
    if (r.series === 'dense') continue;
    const x = mode === 'sparsity' ? 100 * r.achievedSparsity : r.compressionRatio;
    bySeries.set(r.series, [...(bySeries.get(r.series) ?? []), { x, mean: r.accuracyMean, std: r.accuracyStd, folds: r.folds }]);
  }
  return [...bySeries.entries()].map(([id, pts]) => ({ id, label: seriesLabel(id), style: seriesStyle(id), pts: pts.sort((a, b) => a.x - b.x) }));
}

