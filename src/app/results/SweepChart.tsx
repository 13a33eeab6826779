import { memo, useId, useMemo, useState } from 'react';
import type { SweepRow } from '../../core/prune/report';
import { SelectField } from '../ui/fields';
import { ChartFigure } from '../ui/ChartFigure';
import { fitLog, fitPercent, fitScore, type Axis } from './axisFit';
import { TooltipBox, type TooltipRow } from './ChartTooltip';
import { metricWord, useRunMetric } from './metric';
import { SeriesLegend } from './SeriesLegend';
import { SeriesMarker } from './SeriesMarker';
import { SvgAxes, svgChartProps, YGrid } from './SvgGrid';
import { OKABE_ITO, seriesLabel, seriesStyle } from './seriesStyle';
import { DENSE_LINE, toSeries, type Pt, type XMode } from './sweepSeries';
import { useElementWidth } from './useElementWidth';
import { nearestIndex, useInspectedX } from './useInspectedX';
import { useHoldCoreWhileDrawn } from '../engine/pageGate';

const H = 320;
const M = { top: 12, right: 22, bottom: 44, left: 64 };
const fmtY = (v: number, a: Axis) => v.toFixed(Math.max(2, a.decimals));
/** Accuracy as in the table: mean ± std to four decimals. */
const acc = (mean: number, std: number) => `${mean.toFixed(4)} ± ${std.toFixed(4)}`;

interface Props {
  rows: readonly SweepRow[];
  /** While the sweep runs: the caption says the curves are so far. */
  live?: boolean;
  /** More reference lines, e.g. the accuracy before optimization. */
  extra?: readonly { y: number; label: string }[];
}

/**
 * Accuracy against sparsity (or compression ratio, log axis): mean line and ± std band per method,
 * the dense model as a reference band and line — ShrinkBench's curves. Plain SVG drawn at its pixel
 * size: the same chart follows the run and stays when it ends (recharts took 60–250 ms a draw here,
 * and ~200 ms to mount at the run's end). Hover or arrow keys read every series at the nearest x.
 */
export const SweepChart = memo(function SweepChart({ rows, live = false, extra = [] }: Props) {
  const metric = useRunMetric();
  const [wrapRef, W, measured] = useElementWidth<HTMLDivElement>(640, 'sweep');
  const hintId = useId();
  const clipId = `sweep-plot-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [mode, setMode] = useState<XMode>('sparsity');
  const series = useMemo(() => toSeries(rows, mode), [rows, mode]);
  // New points, a new width, another metric or x axis: drawn anew (a hover is not).
  useHoldCoreWhileDrawn(series, W, measured, metric, live);
  const dense = rows.find((r) => r.series === 'dense');
  const xs = useMemo(() => [...new Set(series.flatMap((s) => s.pts.map((p) => p.x)))].sort((a, b) => a - b), [series]);
  const xAxis = mode === 'sparsity' ? fitPercent(xs) : fitLog(xs);
  const yAxis = fitScore(metric.id, [...series.flatMap((s) => s.pts.flatMap((p) => [p.mean - p.std, p.mean + p.std])), ...(dense ? [dense.accuracyMean - dense.accuracyStd, dense.accuracyMean + dense.accuracyStd] : []), ...extra.map((e) => e.y)]);
  const plotW = Math.max(10, W - M.left - M.right);
  const [x0, x1] = xAxis.domain;
  const [y0, y1] = yAxis.domain;
  const scale = mode === 'compression' ? Math.log : (v: number) => v;
  const px = (x: number) => M.left + ((scale(x) - scale(x0)) / (scale(x1) - scale(x0) || 1)) * plotW;
  const fromPx = (p: number) => {
    const f = (p - M.left) / plotW;
    return mode === 'compression' ? Math.exp(Math.log(x0) + f * (Math.log(x1) - Math.log(x0))) : x0 + f * (x1 - x0);
  };
  const clampY = (v: number) => Math.min(y1, Math.max(y0, v));
  const py = (v: number) => H - M.bottom - ((clampY(v) - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const line = (pts: readonly (readonly [number, number])[]) => pts.map(([x, y], i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join('');
  const inspected = useInspectedX(xs, fromPx, W);
  if (series.length === 0) return null;

  const xText = (x: number) => (mode === 'sparsity' ? `${x.toFixed(1)}%` : `${x.toFixed(2)}×`);
  const near = (a: number, b: number) => (mode === 'sparsity' ? Math.abs(a - b) <= 0.03 * (x1 - x0) : Math.abs(Math.log(a / b)) <= 0.1);
  const at = inspected.x;
  const tipRows: TooltipRow[] =
    at === null
      ? []
      : series.flatMap((s) => {
          const p = s.pts[nearestIndex(s.pts.map((q) => q.x), at)];
          return p && near(p.x, at) ? [{ key: s.id, label: s.label, style: s.style, value: xText(p.x) === xText(at) ? acc(p.mean, p.std) : `${acc(p.mean, p.std)} (at ${xText(p.x)})` }] : [];
        });
  if (at !== null && dense) tipRows.push({ key: 'dense', label: seriesLabel('dense'), style: seriesStyle('dense'), value: acc(dense.accuracyMean, dense.accuracyStd) });
  const tipTitle = at === null ? '' : `${mode === 'sparsity' ? 'Sparsity' : 'Compression'} ${xText(at)}`;
  const tipX = at === null ? 0 : px(at);
  const legend = [...series.map((s) => ({ key: s.id, label: s.label, style: s.style })), ...(dense ? [{ key: 'dense', label: `${seriesLabel('dense')}: ${dense.accuracyMean.toFixed(4)}`, style: DENSE_LINE }] : [])];
  const xTitle = mode === 'sparsity' ? 'achieved sparsity (%)' : 'compression ratio (total / nonzero, log)';
  const caption = live
    ? `Cross-validated ${metricWord(metric)} (mean ± std over folds) against ${mode === 'sparsity' ? 'sparsity' : 'compression'}, so far`
    : `Cross-validated ${metricWord(metric)} (mean ± std over folds${metric.higherIsBetter ? '' : '; lower is better'}) against ${mode === 'sparsity' ? 'sparsity' : 'compression'}`;
  const pointMarker = (s: (typeof series)[number], p: Pt, size: number) => <SeriesMarker key={`${s.id}:${p.x}`} style={s.style} x={px(p.x)} y={py(p.mean)} size={size} />;
  return (
    <ChartFigure name={`${metric.label} against sparsity`} {...(live ? {} : { view: 'chart' as const })} caption={caption}>
      <div className="chart-controls">
          <SelectField
            label="X axis"
            value={mode}
            options={[
              { value: 'sparsity', label: 'Sparsity (%)' },
              { value: 'compression', label: 'Compression ratio (log)' },
            ]}
            onChange={setMode}
          />
      </div>
      <SeriesLegend items={legend} />
      <div className="svg-chart-wrap" ref={wrapRef}>
        <svg {...svgChartProps(W, H, `${metric.label} against ${mode === 'sparsity' ? 'sparsity' : 'compression'}${live ? ' so far' : ''}: ${series.map((s) => `${s.label}, ${s.pts.length} points`).join('; ')}`, hintId, 'svg-chart sweep-chart', inspected.handlers)}>
          {measured && (
            <>
              <YGrid ticks={yAxis.ticks} left={M.left} right={W - M.right} py={py} label={(t) => fmtY(t, yAxis)} />
              <SvgAxes left={M.left} right={W - M.right} top={M.top} bottom={H - M.bottom} height={H} xTicks={xAxis.ticks.map((t) => ({ x: px(t), label: mode === 'compression' ? `${t}×` : String(t) }))} xTitle={xTitle} yTitle={metricWord(metric)} />
              {/* Bands stay inside the plot (mean + std can pass an accuracy of 1). */}
              <clipPath id={clipId}>
                <rect x={M.left} y={M.top} width={plotW} height={H - M.top - M.bottom} />
              </clipPath>
              {dense && (
                <g className="dense-reference">
                  <rect clipPath={`url(#${clipId})`} x={M.left} width={plotW} y={py(dense.accuracyMean + dense.accuracyStd)} height={Math.max(0, py(dense.accuracyMean - dense.accuracyStd) - py(dense.accuracyMean + dense.accuracyStd))} fill={OKABE_ITO.black} fillOpacity={0.05} />
                  <line x1={M.left} x2={W - M.right} y1={py(dense.accuracyMean)} y2={py(dense.accuracyMean)} stroke={DENSE_LINE.color} strokeDasharray={DENSE_LINE.dash} />
                </g>
              )}
              {extra.map((e) => (
                <g key={e.label} className="reference-line">
                  <line x1={M.left} x2={W - M.right} y1={py(e.y)} y2={py(e.y)} stroke={OKABE_ITO.black} strokeDasharray="1 3" />
                  <text x={M.left + 6} y={py(e.y) - 5}>{`${e.label}: ${e.y.toFixed(4)}`}</text>
                </g>
              ))}
              {series.map((s) => (
                <g key={s.id} data-series={s.id}>
                  <path className="sweep-band" clipPath={`url(#${clipId})`} d={`${line(s.pts.map((p) => [p.x, p.mean + p.std]))}${line([...s.pts].reverse().map((p) => [p.x, p.mean - p.std])).replace(/^M/, 'L')}Z`} fill={s.style.color} fillOpacity={0.12} stroke="none" />
                  <path className="sweep-curve" d={line(s.pts.map((p) => [p.x, p.mean]))} stroke={s.style.color} strokeDasharray={s.style.dash || undefined} fill="none" strokeWidth={2} />
                  {s.pts.map((p) => pointMarker(s, p, 8))}
                </g>
              ))}
              {at !== null && (
                <g className="inspect">
                  <line x1={tipX} x2={tipX} y1={M.top} y2={H - M.bottom} className="crosshair" />
                  {series.flatMap((s) => s.pts.filter((p) => p.x === at).map((p) => pointMarker(s, p, 12)))}
                </g>
              )}
            </>
          )}
        </svg>
        {at !== null && tipRows.length > 0 && (
          <div className="svg-tooltip" aria-hidden="true" style={tipX > W / 2 ? { right: `${W - tipX + 10}px`, top: `${M.top}px`, maxWidth: `${tipX - 14}px` } : { left: `${tipX + 10}px`, top: `${M.top}px`, maxWidth: `${W - tipX - 14}px` }}>
            <TooltipBox title={tipTitle} rows={tipRows} />
          </div>
        )}
        <p id={hintId} className="sr-only">
          Arrow keys step through the measured {mode === 'sparsity' ? 'sparsities' : 'compression ratios'} and read each method’s {metricWord(metric)}.
        </p>
        <p className="sr-only" aria-live="polite">
          {inspected.byKey && at !== null ? `${tipTitle}: ${tipRows.map((r) => `${r.label} ${r.value}`).join('; ')}` : ''}
        </p>
      </div>
    </ChartFigure>
  );
});
