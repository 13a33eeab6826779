import type { ReactNode } from 'react';
import type { TooltipContentProps, TooltipPayload } from 'recharts';
import { SeriesGlyph } from './SeriesMarker';
import type { SeriesStyle } from './seriesStyle';

export interface TooltipRow {
  key: string;
  label: string;
  value: string;
  style?: SeriesStyle;
}

export interface TooltipText {
  title: string;
  rows: readonly TooltipRow[];
}

/** The hover box of every chart: a title (the x value) and one row per series, with the series' line and marker. */
export function TooltipBox({ title, rows }: TooltipText) {
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{title}</p>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {r.style && <SeriesGlyph style={r.style} />}
                {r.label}
              </th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A recharts tooltip `content` that draws a TooltipBox. `describe` turns the hovered x (recharts' label) and
 * its payload into the box's text; null shows nothing.
 */
export function tooltipContent(describe: (label: string | number | undefined, payload: TooltipPayload) => TooltipText | null): (props: TooltipContentProps) => ReactNode {
  return function ChartTooltipContent({ active, label, payload }) {
    if (!active) return null;
    const text = describe(label, payload ?? []);
    return text && text.rows.length > 0 ? <TooltipBox {...text} /> : null;
  };
}
