import type { ReactNode } from 'react';
import { SeriesGlyph } from './SeriesMarker';
import type { SeriesStyle } from './seriesStyle';

export interface LegendItem {
  key: string;
  label: string;
  style: SeriesStyle;
  /** false: a point series (scatter), drawn without a line sample. */
  line?: boolean;
}

/**
 * The legend of every chart: each series' name beside a sample of its line, dash and marker, so it can
 * be matched without colour. Inside a recharts chart (`recharts`), items keep recharts' class names, which
 * the chart export (ui/chartExport.ts) reads.
 */
export function SeriesLegend({ items, recharts = false }: { items: readonly LegendItem[]; recharts?: boolean }) {
  if (items.length === 0) return null;
  return (
    <ul className={recharts ? 'legend series-legend recharts-default-legend' : 'legend series-legend'}>
      {items.map((i) => (
        <li key={i.key} {...(recharts ? { className: 'recharts-legend-item' } : {})}>
          <SeriesGlyph style={i.style} line={i.line ?? true} />
          <span className={recharts ? 'recharts-legend-item-text' : undefined}>{i.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** A recharts Legend `content` drawing these items. */
export const legendContent = (items: readonly LegendItem[]): (() => ReactNode) =>
  function ChartLegendContent() {
    return <SeriesLegend items={items} recharts />;
  };
