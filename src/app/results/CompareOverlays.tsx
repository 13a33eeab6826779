import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ListedRun } from '../store/types';
import { ChartFigure } from '../ui/ChartFigure';
import { fitAccuracy, fitLinear, fitPercent, type Axis } from './axisFit';
import { CHART_MARGIN, tickFormat, X_AXIS_HEIGHT, X_PADDING, xLabel, yAxisWidth, yLabel } from './chartLayout';
import { tooltipContent } from './ChartTooltip';
import { legendContent } from './SeriesLegend';
import { markerDot } from './SeriesMarker';
import { dashProps, seriesLabel, seriesStyle, type SeriesStyle } from './seriesStyle';

/** A compared run's style: its own colour, dash and marker ("Run 1", "Run 2", … in turn). */
export const runStyle = (i: number): SeriesStyle => seriesStyle(`run${i}`, i);

/** One run's series (a method, a layer): the run's colour with the series' own dash and marker. */
const runSeriesStyle = (run: number, series: SeriesStyle): SeriesStyle => ({ ...series, color: runStyle(run).color });

interface OverlayLine {
  key: string;
  label: string;
  style: SeriesStyle;
  points: [number, number][];
}

type Row = Record<string, number | undefined> & { x: number };

/** Lines keyed "run i: series", merged on x, for recharts. */
function mergeLines(lines: readonly OverlayLine[]): Row[] {
  const rows = new Map<number, Row>();
  for (const l of lines) for (const [x, y] of l.points) rows.set(x, { ...(rows.get(x) ?? { x }), [l.key]: y });
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

function Overlay({ name, caption, xTitle, lines, fitX }: { name: string; caption: string; xTitle: string; lines: OverlayLine[]; fitX: (xs: number[]) => Axis }) {
  if (lines.length === 0) return null;
  const xAxis = fitX(lines.flatMap((l) => l.points.map((p) => p[0])));
  const yAxis = fitAccuracy(lines.flatMap((l) => l.points.map((p) => p[1])));
  const yTick = tickFormat(yAxis);
  const tolerance = 0.03 * (xAxis.domain[1] - xAxis.domain[0]);
  const tooltip = tooltipContent((label) => {
    const x = Number(label);
    return {
      title: `${xTitle}: ${x}`,
      rows: lines.flatMap((l) => {
        const p = l.points.reduce<[number, number] | undefined>((best, q) => (!best || Math.abs(q[0] - x) < Math.abs(best[0] - x) ? q : best), undefined);
        return p && Math.abs(p[0] - x) <= tolerance ? [{ key: l.key, label: l.label, style: l.style, value: p[1].toFixed(4) }] : [];
      }),
    };
  });
  return (
    <ChartFigure name={name} caption={caption}>
      <ResponsiveContainer width="100%" height={340}>
        <LineChart data={mergeLines(lines)} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={xAxis.domain} ticks={xAxis.ticks} allowDataOverflow height={X_AXIS_HEIGHT} padding={X_PADDING} label={xLabel(xTitle)} />
          <YAxis domain={yAxis.domain} ticks={yAxis.ticks} allowDataOverflow width={yAxisWidth(yAxis.ticks.map(yTick))} tickFormatter={yTick} label={yLabel('accuracy')} />
          <Tooltip content={tooltip} />
          <Legend verticalAlign="top" content={legendContent(lines.map((l) => ({ key: l.key, label: l.label, style: l.style })))} />
          {lines.map((l) => (
            <Line key={l.key} dataKey={l.key} name={l.label} stroke={l.style.color} {...dashProps(l.style)} strokeWidth={2} dot={markerDot(l.style, 7)} activeDot={markerDot(l.style, 11)} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function SweepOverlay({ runs }: { runs: ListedRun[] }) {
  const lines = runs.flatMap((r, i) => {
    const result = r.file.result;
    if (result.kind !== 'sweep') return [];
    const series = [...new Set(result.rows.map((row) => row.series))].filter((s) => s !== 'dense');
    return series.map(
      (s): OverlayLine => ({
        key: `r${i}:${s}`,
        label: `Run ${i + 1}: ${seriesLabel(s)}`,
        style: runSeriesStyle(i, seriesStyle(s)),
        points: result.rows.filter((row) => row.series === s).map((row): [number, number] => [Math.round(1000 * row.achievedSparsity) / 10, row.accuracyMean]),
      }),
    );
  });
  return <Overlay name="Accuracy against sparsity (compared)" caption="Accuracy (mean over folds) against achieved sparsity: one colour per run, one dash and marker per method" xTitle="achieved sparsity (%)" lines={lines} fitX={fitPercent} />;
}

export function FeaturesOverlay({ runs }: { runs: ListedRun[] }) {
  const lines = runs.flatMap((r, i): OverlayLine[] => {
    const result = r.file.result;
    return result.kind === 'features' ? [{ key: `r${i}`, label: `Run ${i + 1}`, style: runStyle(i), points: result.counts.map((n, j): [number, number] => [n, result.meanScore[j] ?? 0]) }] : [];
  });
  return <Overlay name="RFECV (compared)" caption="CV accuracy (mean over folds) against the number of features kept" xTitle="features kept" lines={lines} fitX={(xs) => fitLinear(xs, { min: 1 })} />;
}

export function SensitivityOverlay({ runs }: { runs: ListedRun[] }) {
  const lines = runs.flatMap((r, i): OverlayLine[] => {
    const result = r.file.result;
    return result.kind === 'sensitivity'
      ? result.curves.map((c, j) => ({ key: `r${i}:${c.slot}`, label: `Run ${i + 1}: ${c.slot}`, style: runSeriesStyle(i, seriesStyle(c.slot, j)), points: c.points.map((p): [number, number] => [Math.round(p.sparsity * 1000) / 10, p.accuracy]) }))
      : [];
  });
  return <Overlay name="Sensitivity (compared)" caption="Accuracy with one layer pruned, no fine-tuning: one colour per run, one dash and marker per layer" xTitle="sparsity of the layer (%)" lines={lines} fitX={fitPercent} />;
}
