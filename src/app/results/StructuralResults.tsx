import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { StructuralFoldResult } from '../../core/kinds/structural';
import { mean } from '../../core/metrics';
import { sameSetup } from '../../core/spec/compare';
import { useStore } from '../store';
import { ChartFigure } from '../ui/ChartFigure';
import { seriesColor } from './seriesStyle';

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => `${x.toFixed(3)} ms`;

/** Structural pruning before/after (params, FLOPs, measured latency, accuracy), and accuracy vs parameters beside weight pruning of the same setup. */
export function StructuralResults() {
  const result = useStore((s) => (s.result?.kind === 'structural' ? s.result : null));
  const runSpec = useStore((s) => s.runSpec);
  const lastSweep = useStore((s) => s.lastResults.sweep);
  const status = useStore((s) => s.status);
  if (!result || result.folds.length === 0 || !runSpec) return null;
  const results = result.folds;
  const cnn = runSpec.model.kind === 'cnn';
  // A sweep is comparable only when it trained the same model on the same data.
  const sweep = lastSweep && sameSetup(lastSweep.spec, runSpec) ? lastSweep.result.rows : [];
  const avg = (f: (r: StructuralFoldResult) => number) => mean(results.map(f));
  const first = results[0] as StructuralFoldResult;
  const pointsBy = new Map<string, { params: number; accuracy: number; label: string }[]>();
  const add = (series: string, params: number, accuracy: number, label: string) => pointsBy.set(series, [...(pointsBy.get(series) ?? []), { params, accuracy, label }]);
  add('dense', avg((r) => r.before.params), avg((r) => r.before.accuracy), 'dense');
  const structuralName = first.action === 'layer' ? 'structural (layer removed)' : `structural (${first.criterion}, ${first.mode})`;
  add(structuralName, avg((r) => r.after.params), avg((r) => r.after.accuracy), result.removed);
  for (const row of sweep) if (row.series !== 'dense') add(`weights: ${row.series}`, row.nonzeroParams, row.accuracyMean, `${(row.targetSparsity * 100).toFixed(0)}% sparse`);
  const sweepNote = sweep.length ? '' : lastSweep ? ' (the last sweep trained another dataset or model: run a sweep with these settings to compare)' : ' (run a sweep with these settings to add it)';
  return (
    <section aria-labelledby="structural-title">
      <h2 id="structural-title">Structural pruning results</h2>
      <p data-testid="structural-removed">Removed: {result.removed}.</p>
      {!result.complete && <p className="partial">{status === 'running' ? 'Running' : 'Stopped'}: {results.length} fold(s) finished so far.</p>}
      <table className="results" data-testid="structural-table" data-view="table">
        <caption>
          Mean over {results.length} fold(s). Latency: median of repeated forward passes of a {first.before.latency.batch}-row batch on {first.before.latency.backend}.
        </caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">{cnn ? 'Filters per conv layer' : 'Hidden units'}</th>
            <th scope="col">Parameters</th>
            <th scope="col">FLOPs / sample</th>
            <th scope="col">Latency</th>
            <th scope="col">Accuracy</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="structural-before">
            <th scope="row">Before</th>
            <td>{first.before.hiddenUnits.join('-')}</td>
            <td>{int(avg((r) => r.before.params))}</td>
            <td>{int(avg((r) => r.before.flops))}</td>
            <td>{ms(avg((r) => r.before.latency.medianMs))}</td>
            <td>{avg((r) => r.before.accuracy).toFixed(4)}</td>
          </tr>
          <tr data-testid="structural-after">
            <th scope="row">After</th>
            <td>{first.after.hiddenUnits.join('-')}</td>
            <td>{int(avg((r) => r.after.params))}</td>
            <td>{int(avg((r) => r.after.flops))}</td>
            <td>{ms(avg((r) => r.after.latency.medianMs))}</td>
            <td>{avg((r) => r.after.accuracy).toFixed(4)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Speedup</th>
            <td colSpan={2} />
            <td data-testid="theoretical-speedup">{avg((r) => r.theoreticalSpeedup).toFixed(2)}× (theoretical)</td>
            <td data-testid="measured-speedup">{avg((r) => r.measuredSpeedup).toFixed(2)}× (measured)</td>
            <td />
          </tr>
        </tfoot>
      </table>
      <ChartFigure name="Accuracy against parameters" view="chart" captionTestId="structural-chart-caption" caption={`Accuracy against (nonzero) parameters: structural pruning beside the latest weight-pruning sweep${sweepNote}`}>
        <ResponsiveContainer width="100%" height={280}>
          <ScatterChart margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="params" type="number" scale="log" domain={['auto', 'auto']} tickFormatter={(v: number) => int(v)} label={{ value: 'parameters (nonzero, log)', position: 'insideBottom', offset: -12 }} />
            <YAxis dataKey="accuracy" type="number" domain={[(min: number) => Math.max(0, Math.floor(min * 20) / 20), 1]} width={56} tickFormatter={(v: number) => v.toFixed(2)} />
            <Tooltip formatter={(v, name) => (name === 'params' ? int(Number(v)) : Number(v).toFixed(4))} />
            <Legend verticalAlign="top" height={28} />
            {[...pointsBy.entries()].map(([name, pts]) => (
              <Scatter key={name} name={name} data={pts} fill={name.startsWith('structural') ? '#ea580c' : seriesColor(name.replace('weights: ', ''))} line={name.startsWith('weights')} isAnimationActive={false} />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </ChartFigure>
    </section>
  );
}
