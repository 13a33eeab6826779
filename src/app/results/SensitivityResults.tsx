import { useDeferredValue } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStore } from '../store';
import { ChartFigure } from '../ui/ChartFigure';
import { fitPercent, fitScore } from './axisFit';
import { metricInfo, metricWord } from './metric';
import { CHART_MARGIN, tickFormat, X_AXIS_HEIGHT, X_PADDING, xLabel, yAxisWidth, yLabel } from './chartLayout';
import { tooltipContent } from './ChartTooltip';
import { legendContent } from './SeriesLegend';
import { markerDot } from './SeriesMarker';
import { dashProps, pct, seriesStyle } from './seriesStyle';
import { TableScroll } from './TableScroll';

/** Distiller-style sensitivity: accuracy against one layer's sparsity, one line per layer, and per-layer targets. */
export function SensitivityResults() {
  const result = useDeferredValue(useStore((s) => (s.result?.kind === 'sensitivity' ? s.result : null)));
  const status = useStore((s) => s.status);
  const runLayerTargets = useStore((s) => s.runLayerTargets);
  const metric = metricInfo(result?.metric);
  if (!result || result.curves.length === 0) return null;
  const { curves, tolerance, targets } = result;
  const grid = curves[0]?.points.map((p) => p.sparsity) ?? [];
  const lines = curves.map((c, i) => ({ ...c, style: seriesStyle(c.slot, i) }));
  const rows = grid.map((s) => ({ sparsity: 100 * s, ...Object.fromEntries(curves.map((c) => [c.slot, c.points.find((p) => p.sparsity === s)?.accuracy])) }));
  const xAxis = fitPercent(grid.map((s) => 100 * s));
  const yAxis = fitScore(metric.id, curves.flatMap((c) => c.points.map((p) => p.accuracy)));
  const yTick = tickFormat(yAxis);
  const tooltip = tooltipContent((label) => {
    const s = Number(label) / 100;
    return {
      title: `Layer sparsity ${Number(label).toFixed(0)}%`,
      rows: lines.flatMap((c) => {
        const p = c.points.find((q) => Math.abs(q.sparsity - s) < 1e-9);
        return p ? [{ key: c.slot, label: c.slot, style: c.style, value: p.accuracy.toFixed(4) }] : [];
      }),
    };
  });
  return (
    <section aria-labelledby="sens-title">
      <h2 id="sens-title">Sensitivity analysis</h2>
      {!result.complete && <p className="partial">{status === 'running' ? 'Running' : 'Stopped'}: curves show the folds measured so far.</p>}
      <ChartFigure name="Sensitivity per layer" view="chart" caption={`${metric.label} (mean over folds) with one layer pruned by |w|, no fine-tuning`}>
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={rows} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="sparsity" type="number" domain={xAxis.domain} ticks={xAxis.ticks} allowDataOverflow height={X_AXIS_HEIGHT} padding={X_PADDING} label={xLabel('sparsity of the layer (%)')} />
            <YAxis domain={yAxis.domain} ticks={yAxis.ticks} allowDataOverflow width={yAxisWidth(yAxis.ticks.map(yTick))} tickFormatter={yTick} label={yLabel(metricWord(metric))} />
            <Tooltip content={tooltip} />
            <Legend verticalAlign="top" content={legendContent(lines.map((c) => ({ key: c.slot, label: c.slot, style: c.style })))} />
            {lines.map((c) => (
              <Line key={c.slot} dataKey={c.slot} name={c.slot} stroke={c.style.color} {...dashProps(c.style)} strokeWidth={2} dot={markerDot(c.style)} activeDot={markerDot(c.style, 11)} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
      <TableScroll label="Sensitivity table">
        <table className="results" data-testid="sensitivity-table" data-view="table">
          <caption>
            {metric.label} per layer sparsity; the last row is each layer's largest sparsity within {metric.id === 'accuracy' ? `${pct(tolerance, 1)} points` : tolerance} of its unpruned {metricWord(metric)}
            {metric.higherIsBetter ? '' : ' (an error may rise by at most that)'}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Sparsity</th>
              {curves.map((c) => (
                <th scope="col" key={c.slot}>
                  {c.slot}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.map((s) => (
              <tr key={s}>
                <th scope="row">{pct(s, 0)}</th>
                {curves.map((c) => (
                  <td key={c.slot}>{c.points.find((p) => p.sparsity === s)?.accuracy.toFixed(4)}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="layer-targets">
              <th scope="row">Target</th>
              {curves.map((c) => (
                <td key={c.slot}>{result.complete ? pct(targets[c.slot] ?? 0, 0) : '—'}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <button type="button" className="primary" disabled={status !== 'done' || !result.complete} onClick={() => void runLayerTargets(targets)}>
        Set per-layer targets and run
      </button>
    </section>
  );
}
