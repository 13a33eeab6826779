import { useDeferredValue, useMemo } from 'react';
import { useStore } from '../store';
import { fitPercent } from './axisFit';
import { metricInfo, metricWord } from './metric';
import { pct, seriesStyle } from './seriesStyle';
import { SvgLineChart, type Series } from './SvgLineChart';
import { TableScroll } from './TableScroll';

const SPARSITY_TEXT = (x: number) => `${Number(x.toFixed(1))}%`;

/** Distiller-style sensitivity: accuracy against one layer's sparsity, one line per layer, and per-layer targets. */
export function SensitivityResults() {
  const result = useDeferredValue(useStore((s) => (s.result?.kind === 'sensitivity' ? s.result : null)));
  const status = useStore((s) => s.status);
  const runLayerTargets = useStore((s) => s.runLayerTargets);
  const metric = metricInfo(result?.metric);
  if (!result || result.curves.length === 0) return null;
  const { curves, tolerance, targets } = result;
  const grid = curves[0]?.points.map((p) => p.sparsity) ?? [];
  return (
    <section aria-labelledby="sens-title">
      <h2 id="sens-title">Sensitivity analysis</h2>
      {!result.complete && <p className="partial">{status === 'running' ? 'Running' : 'Stopped'}: curves show the folds measured so far.</p>}
      <SensitivityChart curves={curves} metric={metric} />
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

/** One line per layer: the metric (mean over folds) against that layer's sparsity, in the light SVG chart (recharts took ~120 ms to mount here). */
function SensitivityChart({ curves, metric }: { curves: readonly { slot: string; points: readonly { sparsity: number; accuracy: number }[] }[]; metric: ReturnType<typeof metricInfo> }) {
  const series = useMemo<Series[]>(() => curves.map((c, i) => ({ id: c.slot, name: c.slot, style: seriesStyle(c.slot, i), points: c.points.map((p) => [100 * p.sparsity, p.accuracy] as const) })), [curves]);
  const xAxis = useMemo(() => ({ axis: fitPercent(series.flatMap((s) => s.points.map((p) => p[0]))), text: SPARSITY_TEXT }), [series]);
  return (
    <SvgLineChart
      title="Sensitivity per layer"
      caption={`${metric.label} (mean over folds) with one layer pruned by |w|, no fine-tuning`}
      view="chart"
      xLabel="sparsity of the layer"
      yLabel={metricWord(metric)}
      series={series}
      y={metric.id}
      xAxis={xAxis}
      height={280}
      markAll
    />
  );
}
