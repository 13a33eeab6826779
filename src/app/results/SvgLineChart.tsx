import { ChartFigure } from '../ui/ChartFigure';
import { memo } from 'react';

export interface Series {
  name: string;
  color: string;
  /** [x, y] points in x order. */
  points: readonly (readonly [number, number])[];
}

interface Props {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** Fixed y range; computed from the data when absent. */
  yDomain?: readonly [number, number];
  xMax: number;
}

const W = 640;
const H = 220;
const M = { top: 10, right: 16, bottom: 34, left: 52 };

/** About five ticks at a round step (1, 2 or 5 × 10^k) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 4 || 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/**
 * A minimal SVG line chart for live, frequently redrawn curves: one <path> per series and a
 * handful of ticks, a few milliseconds per redraw even while the workers hold every core.
 * (recharts, used for the result charts, cost 100–200 ms per redraw here: too much for live updates.)
 */
export const SvgLineChart = memo(function SvgLineChart({ title, xLabel, yLabel, series, yDomain, xMax }: Props) {
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [y0, y1] = yDomain ?? [Math.min(0, ...ys), ys.length ? Math.max(...ys) * 1.05 || 1 : 1];
  const x1 = Math.max(2, xMax);
  const px = (x: number) => M.left + ((x - 1) / (x1 - 1)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  return (
    <ChartFigure name={title} caption={title}>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.name}>
            <span className="swatch" style={{ background: s.color }} />
            {s.name}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${yLabel} against ${xLabel} (1 to ${x1}), ${series.length} series`} className="svg-chart">
        {niceTicks(y0, y1).map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left} x2={W - M.right} y1={py(t)} y2={py(t)} className="grid" />
            <text x={M.left - 6} y={py(t) + 4} textAnchor="end">
              {t.toFixed(2)}
            </text>
          </g>
        ))}
        {niceTicks(0, x1).filter((t) => t >= 1).map((t) => (
          <text key={`x${t}`} x={px(t)} y={H - M.bottom + 16} textAnchor="middle">
            {Math.round(t)}
          </text>
        ))}
        <line x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} className="axis" />
        <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} className="axis" />
        <text x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle" className="axis-label">
          {xLabel}
        </text>
        <text transform={`translate(12 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
          {yLabel}
        </text>
        {series.map((s) => (
          <path key={s.name} d={s.points.map((p, i) => `${i ? 'L' : 'M'}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join('')} stroke={s.color} fill="none" strokeWidth={1.5} />
        ))}
      </svg>
    </ChartFigure>
  );
});
