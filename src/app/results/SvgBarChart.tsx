import { memo, useId, type ReactNode } from 'react';
import { ChartFigure } from '../ui/ChartFigure';
import { fitLinear, niceTicks, type Axis } from './axisFit';
import { TooltipBox } from './ChartTooltip';
import { SvgAxes, svgChartProps, YGrid } from './SvgGrid';
import { useElementWidth } from './useElementWidth';
import { useInspectedX } from './useInspectedX';

export interface Bar {
  /** Category bars: the label under the bar. Histogram bins: the bin's range, shown in the tooltip. */
  label: string;
  value: number;
  /** Histogram bins: where the bin starts and ends on the x axis. */
  from?: number;
  to?: number;
}

interface Props {
  name: string;
  caption: ReactNode;
  bars: readonly Bar[];
  /** The bars' quantity (tooltip row and y title). */
  valueLabel: string;
  valueText: (v: number) => string;
  color: string;
  /** A fixed y range (e.g. [0, 100] for a percentage); otherwise from 0 to a round value above the largest bar. */
  yDomain?: [number, number];
  yUnit?: string;
  /** Histogram: the x axis is numeric (bins placed by from/to); a vertical marker may be drawn at `marker.x`. */
  numeric?: { marker?: { x: number; label: string; color: string } };
  height?: number;
}

const M = { top: 18, right: 16, bottom: 24, left: 52 };
const tickText = (v: number, a: Axis, unit = '') => `${v.toFixed(a.decimals)}${unit}`;

/**
 * A bar chart in plain SVG (per-layer sparsity, the |w| histogram): drawn at its pixel size in a
 * millisecond or two where recharts took ~100 ms to mount. Hover or the arrow keys read one bar.
 */
export const SvgBarChart = memo(function SvgBarChart({ name, caption, bars, valueLabel, valueText, color, yDomain, yUnit, numeric, height = 180 }: Props) {
  const [wrapRef, W, measured] = useElementWidth<HTMLDivElement>(480, `bar:${name}`);
  const hintId = useId();
  const H = height;
  const yAxis: Axis = yDomain ? { domain: yDomain, ticks: niceTicks(yDomain[0], yDomain[1]), decimals: 0 } : fitLinear(bars.map((b) => b.value), { min: 0 });
  const plotW = Math.max(10, W - M.left - M.right);
  const [y0, y1] = yAxis.domain;
  const py = (v: number) => H - M.bottom - ((Math.min(y1, Math.max(y0, v)) - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const xMax = numeric ? Math.max(...bars.map((b) => b.to ?? 0), 1e-12) : bars.length;
  const px = (x: number) => M.left + (x / xMax) * plotW;
  // Category bars fill 80 % of their band; histogram bins touch.
  const span = (i: number): [number, number] => {
    const b = bars[i];
    if (numeric) return [px(b?.from ?? 0), px(b?.to ?? 0)];
    return [px(i + 0.1), px(i + 0.9)];
  };
  const centers = bars.map((_, i) => i);
  const binAt = (p: number) => {
    const i = bars.findIndex((b) => p <= px(b.to ?? 0));
    return i < 0 ? bars.length - 1 : i;
  };
  const inspected = useInspectedX(centers, (p) => (numeric ? binAt(p) : Math.floor(((p - M.left) / plotW) * bars.length)), W);
  const at = inspected.x;
  const shown = at === null ? undefined : bars[at];
  const [ax, bx] = at === null ? [0, 0] : span(at);
  const xTicks = numeric ? niceTicks(0, xMax) : [];
  const xDecimals = Math.max(0, ...xTicks.map((t) => (String(t).split('.')[1] ?? '').length));
  return (
    <ChartFigure name={name} caption={caption}>
      <div className="svg-chart-wrap" ref={wrapRef}>
        <svg {...svgChartProps(W, H, `${name}: ${bars.length} ${numeric ? 'bins' : 'bars'}`, hintId, 'svg-chart bar-chart', inspected.handlers)}>
          {measured && (
            <>
              <YGrid ticks={yAxis.ticks} left={M.left} right={W - M.right} py={py} label={(t) => tickText(t, yAxis, yUnit)} />
              {bars.map((b, i) => {
                const [a, z] = span(i);
                return <rect key={i} className="bar" x={a} width={Math.max(0.5, z - a - (numeric ? 0.5 : 0))} y={py(b.value)} height={Math.max(0, py(y0) - py(b.value))} fill={color} opacity={at === null || at === i ? 1 : 0.55} />;
              })}
              <SvgAxes left={M.left} right={W - M.right} top={M.top} bottom={H - M.bottom} height={H} xTicks={numeric ? xTicks.map((t) => ({ x: px(t), label: t.toFixed(xDecimals) })) : bars.map((b, i) => ({ x: px(i + 0.5), label: b.label }))} />
              {numeric?.marker && (
                <g className="marker-line">
                  <line x1={px(numeric.marker.x)} x2={px(numeric.marker.x)} y1={M.top} y2={H - M.bottom} stroke={numeric.marker.color} strokeWidth={2} />
                  <text x={px(numeric.marker.x)} y={M.top - 5} textAnchor="middle" fill={numeric.marker.color}>
                    {numeric.marker.label}
                  </text>
                </g>
              )}
            </>
          )}
        </svg>
        {shown && (
          <div className="svg-tooltip" aria-hidden="true" style={(ax + bx) / 2 > W / 2 ? { right: `${W - ax + 8}px`, top: `${M.top}px` } : { left: `${bx + 8}px`, top: `${M.top}px` }}>
            <TooltipBox title={shown.label} rows={[{ key: 'v', label: valueLabel, value: valueText(shown.value) }]} />
          </div>
        )}
        <p id={hintId} className="sr-only">
          Arrow keys step through the {numeric ? 'bins' : 'bars'} and read each one’s {valueLabel}.
        </p>
        <p className="sr-only" aria-live="polite">
          {inspected.byKey && shown ? `${shown.label}: ${valueLabel} ${valueText(shown.value)}` : ''}
        </p>
      </div>
    </ChartFigure>
  );
});
