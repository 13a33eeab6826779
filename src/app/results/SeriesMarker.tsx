import type { ReactNode } from 'react';
import type { MarkerShape, SeriesStyle } from './seriesStyle';

const STROKE_ONLY: ReadonlySet<MarkerShape> = new Set(['cross', 'plus']);
const f = (n: number) => n.toFixed(1);

/** The outline of a marker of about `size` px across, centred on (x, y). */
export function markerPath(shape: MarkerShape, x: number, y: number, size: number): string {
  const r = size / 2;
  switch (shape) {
    case 'circle':
      return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
    case 'square': {
      const s = r * 0.85;
      return `M${f(x - s)},${f(y - s)}h${f(2 * s)}v${f(2 * s)}h${f(-2 * s)}Z`;
    }
    case 'triangle':
      return `M${f(x)},${f(y - 1.1 * r)}L${f(x + r)},${f(y + 0.75 * r)}L${f(x - r)},${f(y + 0.75 * r)}Z`;
    case 'triangle-down':
      return `M${f(x)},${f(y + 1.1 * r)}L${f(x + r)},${f(y - 0.75 * r)}L${f(x - r)},${f(y - 0.75 * r)}Z`;
    case 'diamond': {
      const d = r * 1.15;
      return `M${f(x)},${f(y - d)}L${f(x + d)},${f(y)}L${f(x)},${f(y + d)}L${f(x - d)},${f(y)}Z`;
    }
    case 'cross': {
      const s = r * 0.8;
      return `M${f(x - s)},${f(y - s)}L${f(x + s)},${f(y + s)}M${f(x - s)},${f(y + s)}L${f(x + s)},${f(y - s)}`;
    }
    case 'plus':
      return `M${f(x - r)},${f(y)}H${f(x + r)}M${f(x)},${f(y - r)}V${f(y + r)}`;
    case 'star': {
      const pts = Array.from({ length: 10 }, (_, i) => {
        const rr = i % 2 ? r * 0.5 : r * 1.2;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        return `${f(x + rr * Math.cos(a))},${f(y + rr * Math.sin(a))}`;
      });
      return `M${pts.join('L')}Z`;
    }
  }
}

/** A series' marker at (x, y): filled, outlined for a control, strokes only for × and +. */
export function SeriesMarker({ style, x, y, size = 7, className }: { style: SeriesStyle; x: number; y: number; size?: number; className?: string }) {
  const strokeOnly = STROKE_ONLY.has(style.marker);
  return (
    <path
      d={markerPath(style.marker, x, y, size)}
      fill={strokeOnly ? 'none' : style.hollow ? '#ffffff' : style.color}
      stroke={style.color}
      strokeWidth={strokeOnly || style.hollow ? 1.75 : 1}
      {...(className ? { className } : {})}
    />
  );
}

/** A recharts `dot` that draws the series' marker (recharts passes the point's pixel position). */
export function markerDot(style: SeriesStyle, size = 7): (props: { cx?: number | undefined; cy?: number | undefined }) => ReactNode {
  return function MarkerDot({ cx, cy }) {
    return cx === undefined || cy === undefined ? null : <SeriesMarker style={style} x={cx} y={cy} size={size} />;
  };
}

/** A small sample of the series (its line, dash and marker) for legends and tooltips. */
export function SeriesGlyph({ style, line = true }: { style: SeriesStyle; line?: boolean }) {
  return (
    <svg className="series-glyph" width={line ? 30 : 14} height={14} viewBox={`0 0 ${line ? 30 : 14} 14`} aria-hidden="true" focusable="false">
      {line && <line x1={1} x2={29} y1={7} y2={7} stroke={style.color} strokeWidth={2} strokeDasharray={style.dash || undefined} />}
      <SeriesMarker style={style} x={line ? 15 : 7} y={7} size={8} />
    </svg>
  );
}
