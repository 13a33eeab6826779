import { useCallback, useMemo } from 'react';
import type { StructuralFoldResult } from '../../core/kinds/structural';
import type { SweepResult } from '../../core/kinds/sweep';
import { mean } from '../../core/metrics';
import { sameSetup } from '../../core/spec/compare';
import { useStore } from '../store';
import { fitLog } from './axisFit';
import { CodeSizeChart } from './CodeSizeChart';
import { metricInfo, metricWord } from './metric';
import type { MetricInfo } from '../../core/task/learning';
import { seriesLabel, seriesStyle, type SeriesStyle } from './seriesStyle';
import { SvgLineChart, type Series } from './SvgLineChart';
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
  // A sweep is comparable only when it trained the same model on the same data.
  const sweep = useMemo(() => (lastSweep && runSpec && sameSetup(lastSweep.spec, runSpec) ? lastSweep.result.rows : []), [lastSweep, runSpec]);
  // The chart's groups, made anew only when the results they come from change (the chart is memoised on them).
  const groups = useMemo(() => (result && result.folds.length > 0 ? paramGroups(result, sweep) : []), [result, sweep]);
  if (!result || result.folds.length === 0 || !runSpec) return null;
  const results = result.folds;
  const cnn = runSpec.model.kind === 'cnn';
  const avg = (f: (r: StructuralFoldResult) => number) => mean(results.map(f));
  const first = results[0] as StructuralFoldResult;
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
      <ParamsChart groups={groups} metric={metric} caption={`${metric.label} against (nonzero) parameters: structural pruning beside the latest weight-pruning sweep${sweepNote}`} />
    </section>
  );
}

interface ParamPoint {
  params: number;
  accuracy: number;
  /** What the point is: "before pruning", "hidden layer 2 removed", "90% sparse". */
  what: string;
}

interface PointGroup {
  id: string;
  name: string;
  style: SeriesStyle;
  /** Joined by a line (a sweep's levels) or a lone point. */
  line: boolean;
  points: ParamPoint[];
}

const PARAMS_TEXT = (v: number) => int(v);

/** The chart's groups of points: the dense and the structurally pruned model (means over folds), and each method of a comparable sweep. */
function paramGroups(result: { folds: readonly StructuralFoldResult[]; removed: string }, sweep: readonly SweepResult['rows'][number][]): PointGroup[] {
  const avg = (f: (r: StructuralFoldResult) => number) => mean(result.folds.map(f));
  const first = result.folds[0] as StructuralFoldResult;
  const groups = new Map<string, PointGroup>();
  const add = (id: string, name: string, style: SeriesStyle, line: boolean, point: ParamPoint) => {
    const g = groups.get(id) ?? { id, name, style, line, points: [] };
    g.points.push(point);
    groups.set(id, g);
  };
  add('dense', seriesLabel('dense'), seriesStyle('dense'), false, { params: avg((r) => r.before.params), accuracy: avg((r) => r.before.accuracy), what: 'before pruning' });
  const structuralName = first.action === 'layer' ? 'Structural (layer removed)' : `Structural (${first.criterion}, ${first.mode})`;
  add('structural', structuralName, seriesStyle('structural'), false, { params: avg((r) => r.after.params), accuracy: avg((r) => r.after.accuracy), what: result.removed });
  for (const row of sweep) if (row.series !== 'dense') add(`weights:${row.series}`, `Weight pruning: ${seriesLabel(row.series)}`, seriesStyle(row.series), true, { params: row.nonzeroParams, accuracy: row.accuracyMean, what: `${(row.targetSparsity * 100).toFixed(0)}% sparse` });
  return [...groups.values()];
}

/** Accuracy against parameters on a log axis, one marker shape per group, in the light SVG chart (recharts took ~110 ms to mount here). */
function ParamsChart({ groups, metric, caption }: { groups: readonly PointGroup[]; metric: MetricInfo; caption: string }) {
  // Each group's points in x order; the series' point i is sorted[id][i].
  const sorted = useMemo(() => new Map(groups.map((g) => [g.id, [...g.points].sort((p, q) => p.params - q.params)])), [groups]);
  const series = useMemo<Series[]>(() => groups.map((g) => ({ id: g.id, name: g.name, style: g.style, line: g.line, points: (sorted.get(g.id) ?? []).map((p) => [p.params, p.accuracy] as const) })), [groups, sorted]);
  const xAxis = useMemo(() => ({ axis: fitLog(series.flatMap((s) => s.points.map((p) => p[0]))), text: PARAMS_TEXT, log: true }), [series]);
  // Each point reads its metric, its parameters and what it is ("before pruning", "90% sparse").
  const pointText = useCallback(
    (s: Series, i: number) => {
      const p = sorted.get(s.id)?.[i];
      return p ? `${p.accuracy.toFixed(4)} · ${int(p.params)} parameters (${p.what})` : '';
    },
    [sorted],
  );
  return (
    <SvgLineChart
      title={`${metric.label} against parameters`}
      caption={caption}
      captionTestId="structural-chart-caption"
      view="chart"
      xLabel="parameters (nonzero, log)"
      yLabel={metricWord(metric)}
      series={series}
      y={metric.id}
      xAxis={xAxis}
      height={280}
      markAll
      pointText={pointText}
    />
  );
}
