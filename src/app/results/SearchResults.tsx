import { countText, naturalCompare } from '../../core/format';
import { useCallback, useMemo, useState } from 'react';
import type { CandidateScore, SearchResult } from '../../core/kinds/search';
import type { EpochMetrics } from '../../core/kinds/types';
import { mean } from '../../core/metrics';
import { candidateText, type ParamValue } from '../../core/search/params';
import { useStore } from '../store';
import { fitLinear, fitLog } from './axisFit';
import { seriesStyle } from './seriesStyle';
import { SvgLineChart, type Series } from './SvgLineChart';
import { TableScroll } from './TableScroll';

const fmt = (v: ParamValue | undefined) => (v === undefined ? '' : String(v));

/** A colour from red (worst) to green (best) for a heatmap cell. */
function heat(v: number, lo: number, hi: number): string {
  const t = hi > lo ? (v - lo) / (hi - lo) : 1;
  return `hsl(${Math.round(10 + 110 * t)} 70% ${Math.round(88 - 18 * t)}%)`;
}

/** A finished search: the ranking (sortable), a heatmap for two fields, a line with error bars for one, the best candidates' curves; Apply best and optimize → prune. */
export function SearchResults() {
  const r = useStore((s) => (s.result?.kind === 'search' ? s.result : null));
  const status = useStore((s) => s.status);
  const apply = useStore((s) => s.applySearchBest);
  const prune = useStore((s) => s.pruneSearchBest);
  if (!r || r.candidates.length === 0) return null;
  const best = r.best;
  return (
    <>
      <section aria-labelledby="search-title">
        <h2 id="search-title">Hyper-parameter search</h2>
        {!r.complete && <p className="partial">{status === 'running' ? 'Running' : 'Stopped'}: the candidates finished so far.</p>}
        {best && (
          <p data-testid="search-best">
            Best: <strong>{candidateText(best.params) || 'the current settings'}</strong> — mean CV accuracy {best.mean.toFixed(4)} ± {best.std.toFixed(4)} (rank 1 of {r.candidates.length}).
          </p>
        )}
        {r.nested?.summary && (
          <p className="unbiased" data-testid="search-nested">
            Nested CV, the number to report: <strong>{r.nested.summary.mean.toFixed(4)} ± {r.nested.summary.std.toFixed(4)}</strong> over {r.nested.summary.n} outer folds. The best candidate’s own score above is optimistic: the same folds chose it.
          </p>
        )}
        {r.refit && (
          <p data-testid="search-refit">
            Refit on all rows (GridSearchCV’s refit): training accuracy {r.refit.trainAccuracy.toFixed(4)}; its cross-validated accuracy is the best candidate’s, {best?.mean.toFixed(4)}.
          </p>
        )}
        {r.cost && (
          <p data-testid="search-cost">
            Successive halving trained {countText(r.cost.used)} of the full grid’s {countText(r.cost.full)} {r.rounds[0] && r.cost.full ? 'resource units × folds' : ''} ({Math.round((100 * r.cost.used) / Math.max(1, r.cost.full))}%): {r.rounds.map((x) => `round ${x.round + 1}: ${x.candidates.length} at ${x.resource}`).join(' → ')}.
          </p>
        )}
        <div className="buttons">
          <button type="button" className="primary" disabled={!best || status === 'running'} onClick={apply}>
            Apply best
          </button>
          <button type="button" disabled={!best || status === 'running'} onClick={() => void prune()}>
            Prune the best model (optimize → prune)
          </button>
        </div>
      </section>
      {r.paths.length === 2 && <Heatmap r={r} />}
      {r.paths.length === 1 && <ErrorBarChart r={r} />}
      <TopCurves r={r} />
      <CandidateTable r={r} />
      {r.nested && r.nested.folds.length > 0 && (
        <TableScroll label="Nested CV table">
          <table className="results" data-testid="nested-table">
            <caption>Nested CV: each outer fold’s choice, scored on rows its inner search never saw</caption>
            <thead>
              <tr>
                <th scope="col">Outer fold</th>
                <th scope="col">Chosen</th>
                <th scope="col">Outer accuracy</th>
              </tr>
            </thead>
            <tbody>
              {r.nested.folds.map((f) => (
                <tr key={f.outer}>
                  <th scope="row">{f.outer + 1}</th>
                  <td>{candidateText(f.params) || 'current settings'}</td>
                  <td>{f.accuracy.toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

type SortKey = 'rank' | 'mean' | 'std' | 'ms' | number;

function CandidateTable({ r }: { r: SearchResult }) {
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'rank', up: true });
  const rows = useMemo(() => {
    const val = (c: CandidateScore): number | string => (typeof sort.key === 'number' ? fmt(c.params[r.paths[sort.key] ?? '']) : c[sort.key]);
    return [...r.candidates].sort((a, b) => {
      const x = val(a);
      const y = val(b);
      const cmp = typeof x === 'number' && typeof y === 'number' ? x - y : naturalCompare(String(x), String(y));
      return (sort.up ? cmp : -cmp) || a.index - b.index;
    });
  }, [r, sort]);
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.up ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort({ key, up: sort.key === key ? !sort.up : true })}>
        {label}
        {sort.key === key ? (sort.up ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
  return (
    <section aria-labelledby="candidates-title" data-view="table">
      <h2 id="candidates-title">Candidates</h2>
      <TableScroll label="Candidates">
        <table className="results" data-testid="search-table">
          <caption>Mean ± std of the held-out accuracy over the same folds; rank as scikit-learn’s rank_test_score. Sort by any column.</caption>
          <thead>
            <tr>
              {header('rank', 'Rank')}
              {r.paths.map((p, i) => header(i, p))}
              {header('mean', 'Mean')}
              {header('std', 'Std')}
              {r.method === 'halving' && <th scope="col">Round</th>}
              {header('ms', 'Time')}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.index} data-testid="search-row">
                <td>{c.rank}</td>
                {r.paths.map((p) => (
                  <td key={p}>{c.current ? '(current)' : fmt(c.params[p])}</td>
                ))}
                <td data-testid="search-mean">{c.mean.toFixed(4)}</td>
                <td>{c.std.toFixed(4)}</td>
                {r.method === 'halving' && <td>{c.round + 1}</td>}
                <td>{(c.ms / 1000).toFixed(1)} s</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function Heatmap({ r }: { r: SearchResult }) {
  const [pa, pb] = r.paths as [string, string];
  const scored = r.candidates.filter((c) => !c.current);
    const as = [...new Set(scored.map((c) => fmt(c.params[pa])))].sort(naturalCompare);
  const bs = [...new Set(scored.map((c) => fmt(c.params[pb])))].sort(naturalCompare);
  const means = scored.map((c) => c.mean);
  const lo = Math.min(...means);
  const hi = Math.max(...means);
  return (
    <section aria-labelledby="heatmap-title" data-view="chart">
      <h2 id="heatmap-title">Mean CV accuracy by {pa} and {pb}</h2>
      <TableScroll label="Heatmap">
        <table className="heatmap-table" data-testid="search-heatmap" aria-label={`Heatmap of mean CV accuracy by ${pa} and ${pb}`}>
          <thead>
            <tr>
              <th scope="col">
                {pa} ↓ / {pb} →
              </th>
              {bs.map((b) => (
                <th scope="col" key={b}>
                  {b}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {as.map((a) => (
              <tr key={a}>
                <th scope="row">{a}</th>
                {bs.map((b) => {
                  const c = scored.find((x) => fmt(x.params[pa]) === a && fmt(x.params[pb]) === b);
                  return (
                    <td key={b} data-testid="heatmap-cell" style={c ? { background: heat(c.mean, lo, hi) } : undefined} title={c ? `rank ${c.rank}` : 'not run'}>
                      {c ? `${c.mean.toFixed(3)}${c.rank === 1 ? ' ★' : ''}` : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function ErrorBarChart({ r }: { r: SearchResult }) {
  const path = r.paths[0] as string;
  const pts = useMemo(() => r.candidates.filter((c) => !c.current && typeof c.params[path] === 'number').map((c) => ({ x: c.params[path] as number, mean: c.mean, err: c.std })).sort((a, b) => a.x - b.x), [r, path]);
  const xs = pts.map((p) => p.x);
  const log = Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) >= 100;
  const series = useMemo<Series[]>(() => [{ id: 'mean', name: 'mean accuracy', style: seriesStyle('mean accuracy', 0), points: pts.map((p) => [p.x, p.mean] as const), band: pts.map((p) => [p.mean - p.err, p.mean + p.err] as const), bars: true }], [pts]);
  const xAxis = useMemo(() => ({ axis: log ? fitLog(pts.map((p) => p.x)) : fitLinear(pts.map((p) => p.x)), text: (v: number) => String(Number(v.toPrecision(6))), log }), [pts, log]);
  const pointText = useCallback(
    (_s: Series, i: number) => {
      const p = pts[i];
      return p ? `${p.mean.toFixed(4)} ± ${p.err.toFixed(4)}` : '';
    },
    [pts],
  );
  if (pts.length < 2) return null;
  // A section of its own, like the other result views. The light SVG chart (recharts took 60–90 ms to mount here).
  return (
    <section>
      <SvgLineChart
        title="Accuracy against the searched value"
        caption={`Mean CV accuracy ± std against ${path}${log ? ' (log scale)' : ''}`}
        view="chart"
        xLabel={path}
        yLabel="accuracy"
        series={series}
        y="accuracy"
        xAxis={xAxis}
        height={280}
        markAll
        pointText={pointText}
      />
    </section>
  );
}

/** The best three candidates' held-out accuracy per epoch, mean over their folds. */
function TopCurves({ r }: { r: SearchResult }) {
  const curves = useStore((s) => s.curves);
  const plan = useStore((s) => s.plan);
  const top = r.candidates.slice(0, 3);
  const series: Series[] = top.flatMap((c, i) => {
    const jobs = (plan ?? []).filter((j) => (j.payload as { stage?: string; candidate?: number; round?: number } | undefined)?.stage === 'cv' && (j.payload as { candidate: number }).candidate === c.index && ((j.payload as { round?: number }).round ?? 0) === c.round);
    const byEpoch = new Map<number, number[]>();
    for (const j of jobs) for (const m of (curves[j.index] ?? []) as EpochMetrics[]) if (m.valAccuracy !== null) byEpoch.set(m.epoch, [...(byEpoch.get(m.epoch) ?? []), m.valAccuracy]);
    const points = [...byEpoch.entries()].sort((a, b) => a[0] - b[0]).map(([e, v]): [number, number] => [e, mean(v)]);
    const id = `candidate${c.index}`;
    return points.length ? [{ id, name: `#${c.rank}: ${candidateText(c.params) || 'current settings'}`, style: seriesStyle(id, i), points }] : [];
  });
  if (series.length === 0) return null;
  const xMax = Math.max(2, ...series.flatMap((s) => s.points.map((p) => p[0])));
  return (
    <section aria-label="Training curves of the best candidates" data-view="curves">
      <SvgLineChart title="Held-out accuracy per epoch of the best candidates (mean over folds)" xLabel="epoch" yLabel="accuracy" series={series} y="accuracy" xMax={xMax} />
    </section>
  );
}
