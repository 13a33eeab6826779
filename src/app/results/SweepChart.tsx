import { memo, useDeferredValue, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepRow } from '../../core/prune/report';
import { SelectField } from '../ui/fields';
import { ChartFigure } from '../ui/ChartFigure';
import { fitLog, fitPercent, fitScore } from './axisFit';
import { metricWord, useRunMetric } from './metric';
import { CHART_MARGIN, tickFormat, X_AXIS_HEIGHT, X_PADDING, xLabel, yAxisWidth, yLabel } from './chartLayout';
import { tooltipContent, type TooltipRow } from './ChartTooltip';
import { legendContent } from './SeriesLegend';
import { markerDot } from './SeriesMarker';
import { dashProps, OKABE_ITO, seriesLabel, seriesStyle } from './seriesStyle';
import { DENSE_LINE, toSeries, type Pt, type SweepSeries, type XMode } from './sweepSeries';

/** Accuracy as in the table: mean ± std to four decimals. */
const acc = (mean: number, std: number) => `${mean.toFixed(4)} ± ${std.toFixed(4)}`;

type ChartRow = { x: number } & Record<string, number | [number, number] | undefined>;

/** The series merged on x for recharts: mean and ± std band per series, absent where a series has no point. */
function toRows(series: readonly SweepSeries[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const s of series)
    for (const p of s.pts) {
      const row = rows.get(p.x) ?? { x: p.x };
      row[`m:${s.id}`] = p.mean;
      row[`b:${s.id}`] = [p.mean - p.std, p.mean + p.std];
      rows.set(p.x, row);
    }
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** Accuracy against sparsity (or compression ratio, log axis): mean line and ± std band per method, dense as a reference. */
export const SweepChart = memo(function SweepChart({ rows: liveRows, extra = [] }: { rows: readonly SweepRow[]; /** More reference lines, e.g. the accuracy before optimization. */ extra?: readonly { y: number; label: string }[] }) {
  const rows = useDeferredValue(liveRows);
  const metric = useRunMetric();
  const [mode, setMode] = useState<XMode>('sparsity');
  const dense = rows.find((r) => r.series === 'dense');
  const series = useMemo(() => toSeries(rows, mode), [rows, mode]);
  const data = useMemo(() => toRows(series), [series]);
  if (series.length === 0) return null;
  const xs = series.flatMap((s) => s.pts.map((p) => p.x));
  const xAxis = mode === 'sparsity' ? fitPercent(xs) : fitLog(xs);
  const yAxis = fitScore(metric.id, [...series.flatMap((s) => s.pts.flatMap((p) => [p.mean - p.std, p.mean + p.std])), ...(dense ? [dense.accuracyMean - dense.accuracyStd, dense.accuracyMean + dense.accuracyStd] : []), ...extra.map((e) => e.y)]);
  const yTick = tickFormat(yAxis);
  const xText = (x: number) => (mode === 'sparsity' ? `${x.toFixed(1)}%` : `${x.toFixed(2)}×`);
  const near = (a: number, b: number) => (mode === 'sparsity' ? Math.abs(a - b) <= 0.03 * (xAxis.domain[1] - xAxis.domain[0]) : Math.abs(Math.log(a / b)) <= 0.1);
  const tooltip = tooltipContent((label) => {
    const x = Number(label);
    const rows: TooltipRow[] = series.flatMap((s) => {
      const p = s.pts.reduce<Pt | undefined>((best, q) => (!best || Math.abs(q.x - x) < Math.abs(best.x - x) ? q : best), undefined);
      return p && near(p.x, x) ? [{ key: s.id, label: s.label, style: s.style, value: xText(p.x) === xText(x) ? acc(p.mean, p.std) : `${acc(p.mean, p.std)} (at ${xText(p.x)})` }] : [];
    });
    if (dense) rows.push({ key: 'dense', label: seriesLabel('dense'), style: seriesStyle('dense'), value: acc(dense.accuracyMean, dense.accuracyStd) });
    return { title: `${mode === 'sparsity' ? 'Sparsity' : 'Compression'} ${xText(x)}`, rows };
  });
  return (
    <ChartFigure name={`${metric.label} against sparsity`} view="chart" caption={`Cross-validated ${metricWord(metric)} (mean ± std over folds${metric.higherIsBetter ? '' : '; lower is better'}) against ${mode === 'sparsity' ? 'sparsity' : 'compression'}`}>
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
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            scale={mode === 'compression' ? 'log' : 'linear'}
            domain={xAxis.domain}
            ticks={xAxis.ticks}
            allowDataOverflow
            height={X_AXIS_HEIGHT} padding={X_PADDING}
            tickFormatter={(v: number) => (mode === 'compression' ? `${v}×` : `${v}`)}
            label={xLabel(mode === 'sparsity' ? 'achieved sparsity (%)' : 'compression ratio (total / nonzero, log)')}
          />
          <YAxis domain={yAxis.domain} ticks={yAxis.ticks} allowDataOverflow tickFormatter={yTick} width={yAxisWidth(yAxis.ticks.map(yTick))} label={yLabel(metricWord(metric))} />
          <Tooltip content={tooltip} />
          <Legend verticalAlign="top" content={legendContent([...series.map((s) => ({ key: s.id, label: s.label, style: s.style })), ...(dense ? [{ key: 'dense', label: `${seriesLabel('dense')}: ${dense.accuracyMean.toFixed(4)}`, style: DENSE_LINE }] : [])])} />
          {dense && <ReferenceArea y1={Math.max(yAxis.domain[0], dense.accuracyMean - dense.accuracyStd)} y2={Math.min(yAxis.domain[1], dense.accuracyMean + dense.accuracyStd)} fill={OKABE_ITO.black} fillOpacity={0.05} ifOverflow="hidden" />}
          {dense && <ReferenceLine y={dense.accuracyMean} stroke={DENSE_LINE.color} strokeDasharray={DENSE_LINE.dash} />}
          {extra.map((e) => (
            <ReferenceLine key={e.label} y={e.y} stroke={OKABE_ITO.black} strokeDasharray="1 3" label={{ value: `${e.label}: ${e.y.toFixed(4)}`, position: 'insideTopLeft', fill: '#374151' }} />
          ))}
          {series.map((s) => (
            <Area key={`${s.id}-band`} dataKey={`b:${s.id}`} name={`${s.label} ± std`} legendType="none" tooltipType="none" stroke="none" fill={s.style.color} fillOpacity={0.12} activeDot={false} connectNulls isAnimationActive={false} />
          ))}
          {series.map((s) => (
            <Line
              key={s.id}
              dataKey={`m:${s.id}`}
              name={s.label}
              stroke={s.style.color}
              {...dashProps(s.style)}
              strokeWidth={2}
              dot={markerDot(s.style, 8)}
              activeDot={markerDot(s.style, 12)}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});
