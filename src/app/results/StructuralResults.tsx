import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { StructuralFoldResult } from '../../core/kinds/structural';
import { mean } from '../../core/metrics';
import { sameSetup } from '../../core/spec/compare';
import { useStore } from '../store';
import { ChartFigure } from '../ui/ChartFigure';
import { fitLog, fitScore } from './axisFit';
import { CodeSizeChart } from './CodeSizeChart';
import { metricInfo, metricWord } from './metric';
import type { MetricInfo } from '../../core/task/learning';
import { CHART_MARGIN, tickFormat, X_AXIS_HEIGHT, X_PADDING, xLabel, yAxisWidth, yLabel } from './chartLayout';
import { tooltipContent } from './ChartTooltip';
import { legendContent } from './SeriesLegend';
import { markerDot } from './SeriesMarker';
import { dashProps, seriesLabel, seriesStyle, type SeriesStyle } from './seriesStyle';
import { TableScroll } from './TableScroll';
import { countText } from '../../core/format';

const int = countText;
const ms = (x: number) => `${x.toFixed(3)} ms`;

/** Structural pruning before/after (params, FLOPs, measured latency, accuracy), and accuracy vs parameters beside weight pruning of the same setup. */
export function StructuralResults() {
  const result = useStore((s) => (s.result?.kind === 'structural' ? s.result : null));
  const runSpec = useStore((s) => s.runSpec);
  const lastSweep = useStore((s) => s.lastResults.sweep);
  const status = useStore((s) => s.status);
  const metric = metricInfo(result?.metric);
  if (!result || result.folds.length === 0 || !runSpec) return null;
  const results = result.folds;
  const cnn = runSpec.model.kind === 'cnn';
  // A sweep is comparable only when it trained the same model on the same data.
  const sweep = lastSweep && sameSetup(lastSweep.spec, runSpec) ? lastSweep.result.rows : [];
  const avg = (f: (r: StructuralFoldResult) => number) => mean(results.map(f));
  const first = results[0] as StructuralFoldResult;
  const groups = new Map<string, PointGroup>();
  const add = (id: string, name: string, style: SeriesStyle, line: boolean, point: Omit<ParamPoint, 'group'>) => {
    const g = groups.get(id) ?? { id, name, style, line, points: [] };
    g.points.push({ ...point, group: name });
    groups.set(id, g);
  };
  add('dense', seriesLabel('dense'), seriesStyle('dense'), false, { params: avg((r) => r.before.params), accuracy: avg((r) => r.before.accuracy), what: 'before pruning' });
  const structuralName = first.action === 'layer' ? 'Structural (layer removed)' : `Structural (${first.criterion}, ${first.mode})`;
  add('structural', structuralName, seriesStyle('structural'), false, { params: avg((r) => r.after.params), accuracy: avg((r) => r.after.accuracy), what: result.removed });
  for (const row of sweep) if (row.series !== 'dense') add(`weights:${row.series}`, `Weight pruning: ${seriesLabel(row.series)}`, seriesStyle(row.series), true, { params: row.nonzeroParams, accuracy: row.accuracyMean, what: `${(row.targetSparsity * 100).toFixed(0)}% sparse` });
  const sweepNote = sweep.length ? '' : lastSweep ? ' (the last sweep trained another dataset or model: run a sweep with these settings to compare)' : ' (run a sweep with these settings to add it)';
  return (
    <section aria-labelledby="structural-title">
      <h2 id="structural-title">Structural pruning results</h2>
      <p data-testid="structural-removed">Removed: {result.removed}.</p>
      {!result.complete && <p className="partial">{status === 'running' ? 'Running' : 'Stopped'}: {results.length} fold(s) finished so far.</p>}
      <TableScroll label="Structural pruning table">
        <table className="results" data-testid="structural-table" data-view="table">
          <caption>
            Mean over {results.length} fold(s). Latency: median of repeated forward passes (with the read-back) on {first.before.latency.backend}, the dense and the pruned model timed in turns.
          </caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{cnn ? 'Filters per conv layer' : 'Hidden units'}</th>
              <th scope="col">Parameters</th>
              <th scope="col">FLOPs / sample</th>
              <th scope="col">Latency, {first.before.latency.batch} rows</th>
              <th scope="col">Latency, 1 row</th>
              <th scope="col">{metric.label}</th>
            </tr>
          </thead>
          <tbody>
            <tr data-testid="structural-before">
              <th scope="row">Before</th>
              <td>{first.before.hiddenUnits.join('-')}</td>
              <td>{int(avg((r) => r.before.params))}</td>
              <td>{int(avg((r) => r.before.flops))}</td>
              <td>{ms(avg((r) => r.before.latency.medianMs))}</td>
              <td>{ms(avg((r) => r.before.latency1?.medianMs ?? Number.NaN))}</td>
              <td>{avg((r) => r.before.accuracy).toFixed(4)}</td>
            </tr>
            <tr data-testid="structural-after">
              <th scope="row">After</th>
              <td>{first.after.hiddenUnits.join('-')}</td>
              <td>{int(avg((r) => r.after.params))}</td>
              <td>{int(avg((r) => r.after.flops))}</td>
              <td>{ms(avg((r) => r.after.latency.medianMs))}</td>
              <td>{ms(avg((r) => r.after.latency1?.medianMs ?? Number.NaN))}</td>
              <td>{avg((r) => r.after.accuracy).toFixed(4)}</td>
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Speedup</th>
              <td colSpan={2} />
              <td data-testid="theoretical-speedup">{avg((r) => r.theoreticalSpeedup).toFixed(2)}× (theoretical)</td>
              <td data-testid="measured-speedup">{avg((r) => r.measuredSpeedup).toFixed(2)}× (measured)</td>
              <td data-testid="measured-speedup-1">{avg((r) => r.measuredSpeedup1 ?? Number.NaN).toFixed(2)}× (measured)</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <CodeSizeChart folds={results} />
      <ChartFigure name={`${metric.label} against parameters`} view="chart" captionTestId="structural-chart-caption" caption={`${metric.label} against (nonzero) parameters: structural pruning beside the latest weight-pruning sweep${sweepNote}`}>
        <ParamsChart groups={[...groups.values()]} metric={metric} />
      </ChartFigure>
    </section>
  );
}

interface ParamPoint {
  params: number;
  accuracy: number;
  /** What the point is: "before pruning", "hidden layer 2 removed", "90% sparse". */
  what: string;
  group: string;
}

interface PointGroup {
  id: string;
  name: string;
  style: SeriesStyle;
  /** Joined by a line (a sweep's levels) or a lone point. */
  line: boolean;
  points: ParamPoint[];
}

const isParamPoint = (p: unknown): p is ParamPoint => typeof p === 'object' && p !== null && 'params' in p && 'accuracy' in p && 'what' in p && 'group' in p;

/** Accuracy against parameters on a log axis, one marker shape per group. */
function ParamsChart({ groups, metric }: { groups: readonly PointGroup[]; metric: MetricInfo }) {
  const points = groups.flatMap((g) => g.points);
  const xAxis = fitLog(points.map((p) => p.params));
  const yAxis = fitScore(metric.id, points.map((p) => p.accuracy));
  const yTick = tickFormat(yAxis);
  const style = new Map(groups.map((g) => [g.name, g.style]));
  const tooltip = tooltipContent((_label, payload) => {
    const p: unknown = payload[0]?.payload;
    if (!isParamPoint(p)) return null;
    const s = style.get(p.group);
    return { title: p.group, rows: [{ key: 'point', label: p.what, value: `${metricWord(metric)} ${p.accuracy.toFixed(4)} · ${int(p.params)} parameters`, ...(s ? { style: s } : {}) }] };
  });
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ScatterChart margin={CHART_MARGIN}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="params" type="number" scale="log" domain={xAxis.domain} ticks={xAxis.ticks} allowDataOverflow height={X_AXIS_HEIGHT} padding={X_PADDING} tickFormatter={(v: number) => int(v)} label={xLabel('parameters (nonzero, log)')} />
        <YAxis dataKey="accuracy" type="number" domain={yAxis.domain} ticks={yAxis.ticks} allowDataOverflow width={yAxisWidth(yAxis.ticks.map(yTick))} tickFormatter={yTick} label={yLabel(metricWord(metric))} />
        <Tooltip content={tooltip} />
        <Legend verticalAlign="top" content={legendContent(groups.map((g) => ({ key: g.id, label: g.name, style: g.style, line: g.line })))} />
        {groups.map((g) => (
          <Scatter key={g.id} name={g.name} data={g.points} fill={g.style.color} shape={markerDot(g.style, g.line ? 8 : 12)} line={g.line ? { stroke: g.style.color, strokeWidth: 1.5, ...dashProps(g.style) } : false} isAnimationActive={false} />
        ))}
      </ScatterChart>
    </ResponsiveContainer>
  );
}
