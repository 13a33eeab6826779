import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '../ui/ChartFigure';
import { useStore } from '../store';

/** RFECV: CV accuracy (mean ± std) against the number of features, the chosen count marked, and the ranking. */
export function FeatureResults() {
  const r = useStore((s) => (s.result?.kind === 'features' ? s.result : null));
  const keepFeatures = useStore((s) => s.keepFeatures);
  if (!r || !r.complete) return null;
  const rows = r.counts.map((n, i) => {
    const m = r.meanScore[i] ?? 0;
    const sd = r.stdScore[i] ?? 0;
    return { n, mean: m, band: [m - sd, m + sd] as [number, number] };
  });
  const order = r.featureNames.map((name, i) => ({ name, rank: r.ranking[i] ?? 0 })).sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  const best = rows.find((row) => row.n === r.nFeatures);
  return (
    <section aria-labelledby="rfecv-title">
      <h2 id="rfecv-title">Feature selection (RFECV)</h2>
      <p data-testid="rfecv-summary">
        {r.estimator}: best mean CV accuracy <strong>{best?.mean.toFixed(4)}</strong> with <strong data-testid="rfecv-chosen">{r.nFeatures}</strong> of {r.featureNames.length} features.
      </p>
      <ChartFigure name="CV accuracy against number of features" view="chart" caption="CV accuracy (mean ± std over folds) against the number of features kept">
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={rows} margin={{ top: 24, right: 24, bottom: 24, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="n" type="number" domain={[1, 'dataMax']} allowDecimals={false} label={{ value: 'features kept', position: 'insideBottom', offset: -12 }} />
            <YAxis domain={[(min: number) => Math.max(0, Math.floor(min * 20) / 20), 1]} width={56} tickFormatter={(v: number) => v.toFixed(2)} label={{ value: 'accuracy', angle: -90, position: 'insideLeft' }} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? `${Number(v[0]).toFixed(4)} – ${Number(v[1]).toFixed(4)}` : Number(v).toFixed(4))} labelFormatter={(n) => `${n} features`} />
            <Area dataKey="band" stroke="none" fill="#2563eb" fillOpacity={0.15} isAnimationActive={false} name="± std" />
            <Line dataKey="mean" stroke="#2563eb" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} name="mean accuracy" />
            <ReferenceLine x={r.nFeatures} stroke="#dc2626" strokeDasharray="5 3" label={{ value: `chosen: ${r.nFeatures}`, position: 'top' }} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      <button type="button" className="primary" onClick={() => keepFeatures(r.selected)}>
        Keep these {r.selected.length} features
      </button>
      <table className="results" data-testid="ranking-table" data-view="table">
        <caption>Ranking as sklearn's ranking_: 1 = selected; larger numbers were eliminated earlier.</caption>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Rank</th>
            <th scope="col">Selected</th>
          </tr>
        </thead>
        <tbody>
          {order.map((f) => (
            <tr key={f.name} data-testid="ranking-row">
              <th scope="row">{f.name}</th>
              <td>{f.rank}</td>
              <td>{f.rank === 1 ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
