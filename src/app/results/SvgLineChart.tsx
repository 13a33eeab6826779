import { memo, useId, useMemo, type ReactNode } from 'react';
import { ChartFigure } from '../ui/ChartFigure';
import type { ResultView } from '../../core/link/codec';
import { fitLinear, fitScore, niceTicks, type Axis } from './axisFit';
import { TooltipBox, type TooltipRow } from './ChartTooltip';
import { SeriesLegend } from './SeriesLegend';
import { SvgAxes, svgChartProps, YGrid } from './SvgGrid';
import { SeriesMarker } from './SeriesMarker';
import { OKABE_ITO, type SeriesStyle } from './seriesStyle';
import { useElementWidth } from './useElementWidth';
import { nearestIndex, useInspectedX } from './useInspectedX';
import { useHoldCoreWhileDrawn } from '../engine/pageGate';

export interface Series {
  id: string;
  name: string;
  style: SeriesStyle;
  /** [x, y] points in x order. */
  points: readonly (readonly [number, number])[];
  /** false: points only, no line between them (a lone model in a scatter); drawn with larger markers. */
  line?: boolean;
  /** A shaded band per point, [low, high] (mean ± std over folds); drawn as error bars for a few separate settings (`bars`). */
  band?: readonly (readonly [number, number])[];
  bars?: boolean;
}

interface Props {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** 'accuracy': fitted within [0, 1]; 'r2': at most 1; 'nonnegative' or 'mse': from 0 up (a loss, an error). */
  y: 'accuracy' | 'r2' | 'mse' | 'nonnegative';
  /** Epochs: the x axis runs from 1 to xMax in whole numbers. */
  xMax?: number;
  /**
   * Any other x: a fitted axis and how its values read (ticks, tooltip, screen readers), instead of
   * epochs. `integer`: x counts something (features, code units): only whole-number ticks. The
   * tooltip then lists the series with a point at exactly the inspected x (a series not measured
   * there yet, mid-run, is left out rather than shown with another x's value).
   */
  xAxis?: { axis: Axis; text: (x: number) => string; log?: boolean; integer?: boolean };
  height?: number;
  /** The figure's caption (the title by default) and, for a run's main chart, its view for links. */
  caption?: ReactNode;
  captionTestId?: string;
  view?: ResultView;
  /** A marker on every point (a short series, as a sensitivity grid), not a few along a long curve. */
  markAll?: boolean;
  /**
   * Points of separate series at separate x (a scatter of models): the tooltip lists only the series
   * with a point at the inspected x, each read by `pointText` (its value by default).
   */
  pointText?: (s: Series, index: number) => string;
  /** A marked x: a dashed vertical line labelled above the plot (RFECV's chosen count). */
  markX?: { x: number; label: string };
}

/** Markers per series along a line: enough to tell the series apart, few enough to keep the curve readable. */
const MARKERS_PER_SERIES = 5;
const CHAR_PX = 7;

const fmtY = (v: number, axis: Axis) => v.toFixed(Math.max(2, axis.decimals));
/** A value in the tooltip: accuracy to four decimals, as in the tables; a loss to three significant digits. */
const valueText = (v: number, y: Props['y']) => (y === 'accuracy' || y === 'r2' ? v.toFixed(4) : v.toPrecision(3));

/**
 * A small SVG line chart: one <path> per series and a handful of ticks, a few milliseconds per draw
 * even while the workers hold every core. It draws the live training curves (epochs on x) and the
 * run kinds' result charts (any numeric or log x, bands or error bars, lone points, a marked x);
 * recharts took 60–200 ms to mount or redraw each of them here. Drawn at its rendered pixel size,
 * so text stays legible at any width; hover or arrow keys show every series' value at the nearest x.
 */
export const SvgLineChart = memo(function SvgLineChart({ title, xLabel, yLabel, series, y, xMax = 2, xAxis, height = 200, caption = title, captionTestId, view, markAll = false, pointText, markX }: Props) {
  const [wrapRef, W, measured] = useElementWidth<HTMLDivElement>(480, `line:${title}`);
  // New points or a new width: drawn anew (a hover is not).
  useHoldCoreWhileDrawn(series, xMax, xAxis, W, measured);
  const hintId = useId();
  const clipId = `plot-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const H = height;
  const ys = useMemo(() => series.flatMap((s) => [...s.points.map((p) => p[1]), ...(s.band ?? []).flat()]), [series]);
  const yAxis = useMemo(() => (y === 'nonnegative' ? fitLinear(ys, { min: 0 }) : fitScore(y, ys)), [ys, y]);
  // Epochs (whole numbers from 1) unless another axis is given.
  const [x0, x1] = xAxis ? xAxis.axis.domain : [1, Math.max(2, xMax)];
  const xText = xAxis ? xAxis.text : (x: number) => String(Math.round(x));
  // Epochs are whole numbers: fractional ticks (a 1-epoch run spans 1 … 2) would print 1, 1, 1, 2.
  const xTicks = xAxis ? xAxis.axis.ticks.filter((t) => !xAxis.integer || Number.isInteger(t)) : niceTicks(1, x1).filter((t) => t >= 1 && Number.isInteger(t));
  // Room on the right for half of the last x tick's label, which is centred on the plot's edge ("2,000", "100%").
  const lastTick = xTicks.at(-1);
  const M = { top: markX ? 24 : 10, right: Math.max(14, lastTick === undefined ? 0 : Math.ceil((CHAR_PX * xText(lastTick).length) / 2) + 4), bottom: 38, left: 24 + CHAR_PX * Math.max(...yAxis.ticks.map((t) => fmtY(t, yAxis).length), 3) };
  const plotW = Math.max(10, W - M.left - M.right);
  const [y0, y1] = yAxis.domain;
  const f = xAxis?.log ? Math.log : (x: number) => x;
  // Separate settings (a marker on every point) are drawn clear of the axes: 12 px in from each end.
  const padX = markAll ? 12 : 0;
  const px = (x: number) => M.left + padX + ((f(x) - f(x0)) / (f(x1) - f(x0) || 1)) * (plotW - 2 * padX);
  const fromPx = (p: number) => {
    const t = (p - M.left - padX) / (plotW - 2 * padX || 1);
    return xAxis?.log ? Math.exp(f(x0) + t * (f(x1) - f(x0))) : x0 + t * (x1 - x0);
  };
  const py = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const xs = useMemo(() => [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b), [series]);
  const inspected = useInspectedX(xs, fromPx, W);
  const paths = series.map((s) => s.points.map((p, i) => `${i ? 'L' : 'M'}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(''));
  const at =
    inspected.x === null
      ? []
      : series
          .map((s) => {
            const i = pointText || xAxis ? s.points.findIndex((q) => q[0] === inspected.x) : nearestIndex(s.points.map((q) => q[0]), inspected.x ?? 0);
            return { s, i, p: s.points[i] };
          })
          .filter((a) => a.p !== undefined);
  const rows: TooltipRow[] = at.map(({ s, i, p }) => ({ key: s.id, label: s.name, value: pointText ? pointText(s, i) : p ? valueText(p[1], y) : '', style: s.style }));
  const tipX = inspected.x === null ? 0 : px(inspected.x);
  if (series.length === 0) return null;
  const spoken = inspected.x === null ? '' : `${xLabel} ${xText(inspected.x)}: ${rows.map((r) => `${r.label} ${r.value}`).join('; ')}`;
  return (
    <ChartFigure name={title} caption={caption} {...(view ? { view } : {})} {...(captionTestId ? { captionTestId } : {})}>
      <SeriesLegend items={series.map((s) => ({ key: s.id, label: s.name, style: s.style, line: s.line ?? true }))} />
      <div className="svg-chart-wrap" ref={wrapRef}>
        <svg {...svgChartProps(W, H, `${title}: ${yLabel} against ${xLabel} (${xText(x0)} to ${xText(x1)}), ${series.length} series`, hintId, 'svg-chart', inspected.handlers)}>
          {measured && (
            <>
              <YGrid ticks={yAxis.ticks} left={M.left} right={W - M.right} py={py} label={(t) => fmtY(t, yAxis)} />
              <SvgAxes left={M.left} right={W - M.right} top={M.top} bottom={H - M.bottom} height={H} xTicks={xTicks.map((t) => ({ x: px(t), label: xText(t) }))} xTitle={xLabel} yTitle={yLabel} />
              {/* Bands and error bars stay inside the plot (mean + std can pass an accuracy of 1). */}
              <clipPath id={clipId}>
                <rect x={M.left} y={M.top} width={plotW} height={H - M.top - M.bottom} />
              </clipPath>
              {series.map((s) =>
                s.band && s.band.length === s.points.length ? (
                  s.bars ? (
                    <path key={`band-${s.id}`} className="series-band error-bars" d={barsPath(s, px, py)} stroke={s.style.color} strokeWidth={1.5} fill="none" clipPath={`url(#${clipId})`} />
                  ) : (
                    <path key={`band-${s.id}`} className="series-band" d={bandPath(s, px, py)} fill={s.style.color} fillOpacity={0.12} stroke="none" clipPath={`url(#${clipId})`} />
                  )
                ) : null,
              )}
              {markX && (
                <g className="mark-x">
                  <line x1={px(markX.x)} x2={px(markX.x)} y1={M.top} y2={H - M.bottom} stroke={OKABE_ITO.vermillion} strokeDasharray="5 3" />
                  <text x={px(markX.x)} y={M.top - 6} textAnchor="middle">
                    {markX.label}
                  </text>
                </g>
              )}
              {series.map((s, i) => (
                <g key={s.id}>
                  {s.line !== false && <path className="series-line" d={paths[i]} stroke={s.style.color} strokeDasharray={s.style.dash || undefined} fill="none" strokeWidth={1.5} />}
                  {(markAll ? s.points.map((_, j) => j) : markerIndices(s.points.length, i, series.length)).map((j) => {
                    const p = s.points[j];
                    return p ? <SeriesMarker key={j} style={s.style} x={px(p[0])} y={py(p[1])} size={s.line === false ? 9 : 5.5} /> : null;
                  })}
                </g>
              ))}
              {inspected.x !== null && (
                <g className="inspect">
                  <line x1={tipX} x2={tipX} y1={M.top} y2={H - M.bottom} className="crosshair" />
                  {at.map(({ s, p }) => (p ? <SeriesMarker key={s.id} style={s.style} x={px(p[0])} y={py(p[1])} size={9} /> : null))}
                </g>
              )}
            </>
          )}
        </svg>
        {inspected.x !== null && rows.length > 0 && (
          <div className="svg-tooltip" aria-hidden="true" style={tipX > W / 2 ? { right: `${W - tipX + 10}px`, top: `${M.top}px`, maxWidth: `${tipX - 14}px` } : { left: `${tipX + 10}px`, top: `${M.top}px`, maxWidth: `${W - tipX - 14}px` }}>
            <TooltipBox title={`${xLabel} ${xText(inspected.x)}`} rows={rows} />
          </div>
        )}
        <p id={hintId} className="sr-only">
          Arrow keys step through the points and read every series’ value there.
        </p>
        <p className="sr-only" aria-live="polite">
          {inspected.byKey ? spoken : ''}
        </p>
      </div>
    </ChartFigure>
  );
});

/** The band's outline: along its highs left to right, back along its lows. */
function bandPath(s: Series, px: (x: number) => number, py: (y: number) => number): string {
  const band = s.band ?? [];
  const xy = (x: number, y: number) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`;
  const top = s.points.map((p, i) => `${i ? 'L' : 'M'}${xy(p[0], band[i]?.[1] ?? p[1])}`);
  const bottom = s.points.map((p, i) => `L${xy(p[0], band[i]?.[0] ?? p[1])}`).reverse();
  return `${top.join('')}${bottom.join('')}Z`;
}

/** Error bars: a vertical line from low to high at each point, with 6-px caps. */
function barsPath(s: Series, px: (x: number) => number, py: (y: number) => number): string {
  const f = (v: number) => v.toFixed(1);
  return s.points
    .map((p, i) => {
      const [lo, hi] = s.band?.[i] ?? [p[1], p[1]];
      const x = px(p[0]);
      return `M${f(x)},${f(py(lo))}V${f(py(hi))}M${f(x - 3)},${f(py(lo))}h6M${f(x - 3)},${f(py(hi))}h6`;
    })
    .join('');
}

/** Evenly spaced point indices for a series' markers, staggered by series so markers of overlapping curves do not coincide. */
function markerIndices(length: number, series: number, seriesCount: number): number[] {
  if (length === 0) return [];
  const every = Math.max(1, Math.ceil(length / MARKERS_PER_SERIES));
  const out: number[] = [];
  for (let j = Math.floor((every * series) / Math.max(1, seriesCount)); j < length; j += every) out.push(j);
  return out;
}
