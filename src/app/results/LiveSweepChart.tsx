import { memo, useMemo } from 'react';
import type { SweepRow } from '../../core/prune/report';
import { ChartFigure } from '../ui/ChartFigure';
import { fitPercent, fitScore, type Axis } from './axisFit';
import { metricWord, useRunMetric } from './metric';
import { SeriesLegend } from './SeriesLegend';
import { YGrid } from './SvgGrid';
import { SeriesMarker } from './SeriesMarker';
import { OKABE_ITO, seriesLabel } from './seriesStyle';
import { DENSE_LINE, toSeries } from './sweepSeries';
import { useElementWidth } from './useElementWidth';

const H = 320;
const M = { top: 12, right: 16, bottom: 44, left: 64 };
const fmt = (v: number, a: Axis) => v.toFixed(Math.max(2, a.decimals));

/**
 * The accuracy-vs-sparsity chart while a sweep runs: the same means, ± std bands and dense
 * reference as the full chart, drawn as plain SVG in a few milliseconds (a recharts draw took
 * 60–250 ms here, a long task each time). The full chart, with its tooltip and compression axis,
 * replaces it when the run ends.
 */
export const LiveSweepChart = memo(function LiveSweepChart({ rows }: { rows: readonly SweepRow[] }) {
  const metric = useRunMetric();
  const [wrapRef, W] = useElementWidth<HTMLDivElement>(640);
  const series = useMemo(() => toSeries(rows, 'sparsity'), [rows]);
  const dense = rows.find((r) => r.series === 'dense');
  if (series.length === 0) return null;
  const xAxis = fitPercent(series.flatMap((s) => s.pts.map((p) => p.x)));
  const yAxis = fitScore(metric.id, [...series.flatMap((s) => s.pts.flatMap((p) => [p.mean - p.std, p.mean + p.std])), ...(dense ? [dense.accuracyMean - dense.accuracyStd, dense.accuracyMean + dense.accuracyStd] : [])]);
  const plotW = Math.max(10, W - M.left - M.right);
  const [x0, x1] = xAxis.domain;
  const [y0, y1] = yAxis.domain;
  const clampY = (v: number) => Math.min(y1, Math.max(y0, v));
  const px = (x: number) => M.left + ((x - x0) / (x1 - x0 || 1)) * plotW;
  const py = (v: number) => H - M.bottom - ((clampY(v) - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const line = (pts: readonly (readonly [number, number])[]) => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join('');
  const legend = [...series.map((s) => ({ key: s.id, label: s.label, style: s.style })), ...(dense ? [{ key: 'dense', label: `${seriesLabel('dense')}: ${dense.accuracyMean.toFixed(4)}`, style: DENSE_LINE }] : [])];
  return (
    <ChartFigure name={`${metric.label} against sparsity`} caption={`Cross-validated ${metricWord(metric)} (mean ± std over folds) against sparsity, so far — the full chart, with its tooltip, appears when the run ends`}>
      <SeriesLegend items={legend} />
      <div className="svg-chart-wrap" ref={wrapRef}>
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${metric.label} against sparsity so far: ${series.map((s) => `${s.label}, ${s.pts.length} points`).join('; ')}`} className="svg-chart">
          <YGrid ticks={yAxis.ticks} left={M.left} right={W - M.right} py={py} label={(t) => fmt(t, yAxis)} />
          {xAxis.ticks.map((t) => (
            <text key={`x${t}`} x={px(t)} y={H - M.bottom + 16} textAnchor="middle">
              {t}
            </text>
          ))}
          <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="axis" />
          <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="axis" />
          <text x={M.left + plotW / 2} y={H - 6} textAnchor="middle" className="axis-label">
            achieved sparsity (%)
          </text>
          <text transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
            {metricWord(metric)}
          </text>
          {dense && (
            <>
              <rect x={M.left} width={plotW} y={py(dense.accuracyMean + dense.accuracyStd)} height={Math.max(0, py(dense.accuracyMean - dense.accuracyStd) - py(dense.accuracyMean + dense.accuracyStd))} fill={OKABE_ITO.black} fillOpacity={0.05} />
              <line x1={M.left} x2={W - M.right} y1={py(dense.accuracyMean)} y2={py(dense.accuracyMean)} stroke={DENSE_LINE.color} strokeDasharray={DENSE_LINE.dash} />
            </>
          )}
          {series.map((s) => (
            <g key={s.id}>
              <path d={`${line(s.pts.map((p) => [p.x, p.mean + p.std]))}${line([...s.pts].reverse().map((p) => [p.x, p.mean - p.std])).replace(/^M/, 'L')}Z`} fill={s.style.color} fillOpacity={0.12} stroke="none" />
              <path d={line(s.pts.map((p) => [p.x, p.mean]))} className="live-curve" stroke={s.style.color} strokeDasharray={s.style.dash || undefined} fill="none" strokeWidth={2} />
              {s.pts.map((p) => (
                <SeriesMarker key={p.x} style={s.style} x={px(p.x)} y={py(p.mean)} size={8} />
              ))}
            </g>
          ))}
        </svg>
      </div>
    </ChartFigure>
  );
});
