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
