import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { mean } from '../../core/metrics';
import type { StructuralResult } from '../../core/structural/structural';
import { useStore } from '../store';
import { seriesColor } from './seriesStyle';

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => `${x.toFixed(3)} ms`;

/** Structural pruning before/after (params, FLOPs, measured latency, accuracy), and accuracy vs parameters beside weight pruning. */
export function StructuralResults() {
  const results = useStore((s) => s.structural);
  const lastSweep = useStore((s) => s.lastSweep);
  const status = useStore((s) => s.status);
  const cnn = useStore((s) => s.runSpec?.model.kind === 'cnn');
  if (results.length === 0) return null;
  const avg = (f: (r: StructuralResult) => number) => mean(results.map(f));
  const first = results[0] as StructuralResult;
  const pointsBy = new Map<string, { params: number; accuracy: number; label: string }[]>();
  const add = (series: string, params: number, accuracy: number, label: string) => pointsBy.set(series, [...(pointsBy.get(series) ?? []), { params, accuracy, label }]);
  add('dense', avg((r) => r.before.params), avg((r) => r.before.accuracy), 'dense');
  add(`structural (${first.criterion}, ${first.mode})`, avg((r) => r.after.params), avg((r) => r.after.accuracy), `${Math.round(first.ratio * 100)}% of ${cnn ? 'filters' : 'neurons'} removed`);
  for (const row of lastSweep) if (row.series !== 'dense') add(`weights: ${row.series}`, row.nonzeroParams, row.accuracyMean, `${(row.targetSparsity * 100).toFixed(0)}% sparse`);
  return (
    <section aria-labelledby="structural-title">
      <h2 id="structural-title">Structural pruning results</h2>
      {status !== 'done' && <p className="partial">{status === 'running' ? 'Running' : 'Stopped'}: {results.length} fold(s) finished so far.</p>}
      <table className="results" data-testid="structural-table">
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
      <figure className="chart" aria-label="Accuracy against parameters">
        <figcaption>Accuracy against (nonzero) parameters: structural pruning beside the latest weight-pruning sweep{lastSweep.length ? '' : ' (run a sweep to add it)'}</figcaption>
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
      </figure>
    </section>
  );
}
