import { useCallback, useMemo } from 'react';
import { naturalCompare } from '../../core/format';
import type { FeaturesResult } from '../../core/kinds/features';
import { useStore } from '../store';
import { fitLinear } from './axisFit';
import { seriesStyle } from './seriesStyle';
import { SvgLineChart, type Series } from './SvgLineChart';
import { TableScroll } from './TableScroll';

const COUNT_TEXT = (n: number) => String(Math.round(n));

/** RFECV: CV accuracy (mean ± std) against the number of features, the chosen count marked, and the ranking. */
export function FeatureResults() {
  const r = useStore((s) => (s.result?.kind === 'features' ? s.result : null));
  const keepFeatures = useStore((s) => s.keepFeatures);
  if (!r || !r.complete) return null;
  const order = r.featureNames.map((name, i) => ({ name, rank: r.ranking[i] ?? 0 })).sort((a, b) => a.rank - b.rank || naturalCompare(a.name, b.name));
  const best = r.meanScore[r.counts.indexOf(r.nFeatures)];
  return (
    <section aria-labelledby="rfecv-title">
      <h2 id="rfecv-title">Feature selection (RFECV)</h2>
      <p data-testid="rfecv-summary">
        {r.estimator}: best mean CV accuracy <strong>{best?.toFixed(4)}</strong> with <strong data-testid="rfecv-chosen">{r.nFeatures}</strong> of {r.featureNames.length} features.
      </p>
      <ScoreChart r={r} />
      <details className="chart-table">
        <summary>The chart’s numbers: accuracy by number of features</summary>
        <TableScroll label="CV accuracy by number of features">
          <table className="results" data-testid="rfecv-scores-table">
            <caption>Mean ± std over {r.foldScores.length} folds of the held-out accuracy with each number of features kept (sklearn's cv_results_).</caption>
            <thead>
              <tr>
                <th scope="col">Features kept</th>
                <th scope="col">Mean accuracy</th>
                <th scope="col">± std</th>
              </tr>
            </thead>
            <tbody>
              {r.counts.map((n, i) => (
                <tr key={n} data-testid="rfecv-score-row" className={n === r.nFeatures ? 'chosen' : undefined}>
                  <th scope="row">
                    {n}
                    {n === r.nFeatures ? ' (chosen)' : ''}
                  </th>
                  <td>{(r.meanScore[i] ?? 0).toFixed(4)}</td>
                  <td>{(r.stdScore[i] ?? 0).toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
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

/** CV accuracy (mean line, ± std band) against the features kept, the chosen count marked: the light SVG chart (recharts took ~70 ms to mount here). */
function ScoreChart({ r }: { r: FeaturesResult }) {
  const series = useMemo<Series[]>(
    () => [{ id: 'mean', name: 'mean accuracy', style: seriesStyle('mean accuracy', 0), points: r.counts.map((n, i) => [n, r.meanScore[i] ?? 0] as const), band: r.counts.map((_, i) => [(r.meanScore[i] ?? 0) - (r.stdScore[i] ?? 0), (r.meanScore[i] ?? 0) + (r.stdScore[i] ?? 0)] as const) }],
    [r],
  );
  const xAxis = useMemo(() => ({ axis: fitLinear(r.counts, { min: 1 }), text: COUNT_TEXT, integer: true }), [r]);
  const pointText = useCallback((_s: Series, i: number) => `${(r.meanScore[i] ?? 0).toFixed(4)} ± ${(r.stdScore[i] ?? 0).toFixed(4)}${r.counts[i] === r.nFeatures ? ' (chosen)' : ''}`, [r]);
  return (
    <SvgLineChart
      title="CV accuracy against number of features"
      caption="CV accuracy (mean ± std over folds) against the number of features kept"
      view="chart"
      xLabel="features kept"
      yLabel="accuracy"
      series={series}
      y="accuracy"
      xAxis={xAxis}
      height={260}
      markAll
      pointText={pointText}
      markX={{ x: r.nFeatures, label: `chosen: ${r.nFeatures}` }}
    />
  );
}
