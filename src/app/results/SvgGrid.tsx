/** Horizontal grid lines with their value labels at the left, for the hand-drawn SVG charts. */
export function YGrid({ ticks, left, right, py, label }: { ticks: readonly number[]; left: number; right: number; py: (v: number) => number; label: (v: number) => string }) {
  return (
    <>
      {ticks.map((t) => (
        <g key={`y${t}`}>
          <line x1={left} x2={right} y1={py(t)} y2={py(t)} className="grid" />
          <text x={left - 6} y={py(t) + 4} textAnchor="end">
            {label(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/** The plot's frame for the hand-drawn SVG charts: left and bottom axes, the x ticks' labels, and both axis titles. */
export function SvgAxes(props: { left: number; right: number; top: number; bottom: number; height: number; xTicks: readonly { x: number; label: string }[]; xTitle?: string; yTitle?: string }) {
  const { left, right, top, bottom, height } = props;
  return (
    <>
      {props.xTicks.map((t) => (
        <text key={`x${t.x}`} x={t.x} y={bottom + 16} textAnchor="middle">
          {t.label}
        </text>
      ))}
      <line x1={left} x2={left} y1={top} y2={bottom} className="axis" />
      <line x1={left} x2={right} y1={bottom} y2={bottom} className="axis" />
      {props.xTitle && (
        <text x={(left + right) / 2} y={height - 5} textAnchor="middle" className="axis-label">
          {props.xTitle}
        </text>
      )}
      {props.yTitle && (
        <text transform={`translate(14 ${(top + bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
          {props.yTitle}
        </text>
      )}
    </>
  );
}

/** The attributes of an inspectable chart's <svg>: drawn at its pixel size, named, focusable, with the hover and arrow-key handlers. */
export function svgChartProps<H>(width: number, height: number, label: string, hintId: string, className: string, handlers: H) {
  return { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, 'aria-describedby': hintId, tabIndex: 0, className, ...handlers };
}
