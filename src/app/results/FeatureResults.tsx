import { naturalCompare } from '../../core/format';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFigure } from '../ui/ChartFigure';
import { useStore } from '../store';
import { fitAccuracy, fitLinear } from './axisFit';
import { CHART_MARGIN, tickFormat, X_AXIS_HEIGHT, X_PADDING, xLabel, yAxisWidth, yLabel } from './chartLayout';
import { tooltipContent } from './ChartTooltip';
import { markerDot } from './SeriesMarker';
import { OKABE_ITO, seriesStyle } from './seriesStyle';
import { TableScroll } from './TableScroll';

/** RFECV: CV accuracy (mean ± std) against the number of features, the chosen count marked, and the ranking. */
export function FeatureResults() {
  const r = useStore((s) => (s.result?.kind === 'features' ? s.result : null));
  const keepFeatures = useStore((s) => s.keepFeatures);
  if (!r || !r.complete) return null;
  const rows = r.counts.map((n, i) => {
    const m = r.meanScore[i] ?? 0;
    const sd = r.stdScore[i] ?? 0;
    return { n, mean: m, sd, band: [m - sd, m + sd] as [number, number] };
  });
  const order = r.featureNames.map((name, i) => ({ name, rank: r.ranking[i] ?? 0 })).sort((a, b) => a.rank - b.rank || naturalCompare(a.name, b.name));
  const best = rows.find((row) => row.n === r.nFeatures);
  const xAxis = fitLinear(r.counts, { min: 1 });
  const yAxis = fitAccuracy(rows.flatMap((row) => row.band));
  const yTick = tickFormat(yAxis);
  const style = seriesStyle('mean accuracy', 0);
  const tooltip = tooltipContent((label) => {
    const row = rows.find((x) => x.n === Number(label));
    if (!row) return null;
    return { title: `${row.n} feature${row.n === 1 ? '' : 's'}${row.n === r.nFeatures ? ' (chosen)' : ''}`, rows: [{ key: 'mean', label: 'mean accuracy', style, value: `${row.mean.toFixed(4)} ± ${row.sd.toFixed(4)}` }] };
  });
  return (
    <section aria-labelledby="rfecv-title">
      <h2 id="rfecv-title">Feature selection (RFECV)</h2>
      <p data-testid="rfecv-summary">
        {r.estimator}: best mean CV accuracy <strong>{best?.mean.toFixed(4)}</strong> with <strong data-testid="rfecv-chosen">{r.nFeatures}</strong> of {r.featureNames.length} features.
      </p>
      <ChartFigure name="CV accuracy against number of features" view="chart" caption="CV accuracy (mean ± std over folds) against the number of features kept">
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={rows} margin={{ ...CHART_MARGIN, top: 20 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="n" type="number" domain={xAxis.domain} ticks={xAxis.ticks} allowDataOverflow allowDecimals={false} height={X_AXIS_HEIGHT} padding={X_PADDING} label={xLabel('features kept')} />
            <YAxis domain={yAxis.domain} ticks={yAxis.ticks} allowDataOverflow width={yAxisWidth(yAxis.ticks.map(yTick))} tickFormatter={yTick} label={yLabel('accuracy')} />
            <Tooltip content={tooltip} />
            <Area dataKey="band" stroke="none" fill={style.color} fillOpacity={0.12} activeDot={false} isAnimationActive={false} name="± std" tooltipType="none" />
            <Line dataKey="mean" stroke={style.color} strokeWidth={2} dot={markerDot(style, 6)} activeDot={markerDot(style, 10)} isAnimationActive={false} name="mean accuracy" />
            <ReferenceLine x={r.nFeatures} stroke={OKABE_ITO.vermillion} strokeDasharray="5 3" label={{ value: `chosen: ${r.nFeatures}`, position: 'top' }} />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFigure>
      <button type="button" className="primary" onClick={() => keepFeatures(r.selected)}>
        Keep these {r.selected.length} features
      </button>
      <TableScroll label="Feature ranking">
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
      </TableScroll>
    </section>
  );
}
