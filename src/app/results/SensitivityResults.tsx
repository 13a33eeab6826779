import { useDeferredValue } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStore } from '../store';
import { FOLD_COLORS } from './TrainingCurves';
import { ChartFigure } from '../ui/ChartFigure';
import { pct } from './seriesStyle';

/** Distiller-style sensitivity: accuracy against one layer's sparsity, one line per layer, and per-layer targets. */
export function SensitivityResults() {
  const result = useDeferredValue(useStore((s) => (s.result?.kind === 'sensitivity' ? s.result : null)));
  const status = useStore((s) => s.status);
  const runLayerTargets = useStore((s) => s.runLayerTargets);
  if (!result || result.curves.length === 0) return null;
  const { curves, tolerance, targets } = result;
  const grid = curves[0]?.points.map((p) => p.sparsity) ?? [];
  const rows = grid.map((s) => ({ sparsity: 100 * s, ...Object.fromEntries(curves.map((c) => [c.slot, c.points.find((p) => p.sparsity === s)?.accuracy])) }));
  return (
    <section aria-labelledby="sens-title">
      <h2 id="sens-title">Sensitivity analysis</h2>
      {!result.complete && <p className="partial">{status === 'running' ? 'Running' : 'Stopped'}: curves show the folds measured so far.</p>}
      <ChartFigure name="Sensitivity per layer" view="chart" caption="Accuracy (mean over folds) with one layer pruned by |w|, no fine-tuning">
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={rows} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="sparsity" type="number" domain={[0, 100]} label={{ value: 'sparsity of the layer (%)', position: 'insideBottom', offset: -12 }} />
            <YAxis domain={[(min: number) => Math.max(0, Math.floor(min * 20) / 20), 1]} width={56} tickFormatter={(v: number) => v.toFixed(2)} label={{ value: 'accuracy', angle: -90, position: 'insideLeft' }} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(x) => `${x}% sparsity`} />
            <Legend verticalAlign="top" height={28} />
            {curves.map((c, i) => (
              <Line key={c.slot} dataKey={c.slot} name={c.slot} stroke={FOLD_COLORS[i % FOLD_COLORS.length] ?? '#111'} dot={{ r: 2 }} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
      <table className="results" data-testid="sensitivity-table" data-view="table">
        <caption>Accuracy per layer sparsity; the last row is each layer's largest sparsity within {pct(tolerance, 1)} points of its unpruned accuracy.</caption>
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
      <button type="button" className="primary" disabled={status !== 'done' || !result.complete} onClick={() => void runLayerTargets(targets)}>
        Set per-layer targets and run
      </button>
    </section>
  );
}
