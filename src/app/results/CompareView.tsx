import { useId, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { RUN_KINDS } from '../../core/kinds/registry';
import type { EpochMetrics } from '../../core/kinds/types';
import { seriesLabel } from '../../core/kinds/sweep';
import { mean } from '../../core/metrics';
import { useStore } from '../store';
import type { ListedRun } from '../store/types';
import { ChartFigure } from '../ui/ChartFigure';
import { SvgLineChart, type Series } from './SvgLineChart';

/** Okabe–Ito: told apart under every common colour-vision deficiency. One colour per run. */
const RUN_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7'];
const DASHES = ['0', '6 3', '2 2', '8 3 2 3', '1 3'];

/** Every leaf of a spec by its dotted path, as JSON text. */
export function flattenSpec(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenSpec(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(value));
  return out;
}

/** The settings in which the runs differ: one row per spec path. */
export function settingsDiff(specs: readonly unknown[]): { path: string; values: (string | undefined)[] }[] {
  const flat = specs.map((s) => flattenSpec(s));
  const paths = [...new Set(flat.flatMap((f) => [...f.keys()]))].sort();
  return paths.map((path) => ({ path, values: flat.map((f) => f.get(path)) })).filter((r) => new Set(r.values).size > 1);
}

/** Mean held-out accuracy per epoch over a run's jobs. */
function meanCurve(curves: EpochMetrics[][]): [number, number][] {
  const byEpoch = new Map<number, number[]>();
  for (const c of curves) for (const m of c) if (m.valAccuracy !== null) byEpoch.set(m.epoch, [...(byEpoch.get(m.epoch) ?? []), m.valAccuracy]);
  return [...byEpoch.entries()].sort((a, b) => a[0] - b[0]).map(([e, v]) => [e, mean(v)]);
}

/** 2 to 4 saved runs side by side: their numbers, their curves overlaid, and the settings that differ. */
export function CompareView() {
  const ids = useStore((s) => s.compareIds);
  const saved = useStore((s) => s.saved);
  const clear = useStore((s) => s.clearCompare);
  const titleId = useId();
  const runs = useMemo(() => ids.map((id) => saved.find((r) => r.id === id)).filter((r): r is ListedRun => r !== undefined), [ids, saved]);
  if (runs.length < 2) return null;
  const diff = settingsDiff(runs.map((r) => r.file.spec));
  const curves: Series[] = runs.map((r, i) => ({ name: `Run ${i + 1}`, color: RUN_COLORS[i] ?? '#333', points: meanCurve(r.file.curves) })).filter((s) => s.points.length > 0);
  const xMax = Math.max(2, ...curves.flatMap((s) => s.points.map((p) => p[0])));
  return (
    <section aria-labelledby={titleId} className="compare" data-testid="compare">
      <h2 id={titleId}>Compare {runs.length} runs</h2>
      <button type="button" onClick={clear}>
        Stop comparing
      </button>
      <table className="results" data-testid="compare-summary">
        <caption>Each run’s headline: mean ± std of its metric over folds</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Kind</th>
            <th scope="col">Data</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => (
            <tr key={r.id}>
              <th scope="row">
                <span className="swatch" style={{ background: RUN_COLORS[i] }} /> Run {i + 1}: {r.name}
              </th>
              <td>{RUN_KINDS[r.file.spec.task.kind].label}</td>
              <td>{r.file.data.name}</td>
              <td>{r.file.result.summary ? `${r.file.result.summary.mean.toFixed(4)} ± ${r.file.result.summary.std.toFixed(4)} (${r.file.result.summary.of})` : '—'}{r.partial ? ' · partial' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <SweepOverlay runs={runs} />
      <FeaturesOverlay runs={runs} />
      <SensitivityOverlay runs={runs} />
      {curves.length > 0 && <SvgLineChart title="Held-out accuracy per epoch, mean over folds (compared)" xLabel="epoch" yLabel="accuracy" series={curves} yDomain={[0, 1]} xMax={xMax} />}
      <table className="results" data-testid="settings-diff">
        <caption>{diff.length ? 'Settings that differ between the runs' : 'The runs have identical settings'}</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            {runs.map((r, i) => (
              <th scope="col" key={r.id} title={r.name}>
                Run {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {diff.map((d) => (
            <tr key={d.path} data-testid="diff-row">
              <th scope="row">{d.path}</th>
              {d.values.map((v, i) => (
                <td key={runs[i]?.id ?? i} className="diff-value">
                  {v ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type Row = Record<string, number | undefined> & { x: number };

/** Lines keyed "run i: series", merged on x, for recharts. */
function mergeLines(lines: { key: string; points: [number, number][] }[]): Row[] {
  const rows = new Map<number, Row>();
  for (const l of lines) for (const [x, y] of l.points) rows.set(x, { ...(rows.get(x) ?? { x }), [l.key]: y });
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

function Overlay({ name, caption, xLabel, lines, xDomain }: { name: string; caption: string; xLabel: string; lines: { key: string; label: string; color: string; dash: string; points: [number, number][] }[]; xDomain?: [number, number] }) {
  if (lines.length === 0) return null;
  return (
    <ChartFigure name={name} caption={caption}>
      <ResponsiveContainer width="100%" height={340}>
        <LineChart data={mergeLines(lines)} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={xDomain ?? ['dataMin', 'dataMax']} label={{ value: xLabel, position: 'insideBottom', offset: -12 }} />
          <YAxis domain={[(min: number) => Math.max(0, Math.floor(min * 20) / 20), 1]} width={56} tickFormatter={(v: number) => v.toFixed(2)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend verticalAlign="top" />
          {lines.map((l) => (
            <Line key={l.key} dataKey={l.key} name={l.label} stroke={l.color} strokeDasharray={l.dash} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

function SweepOverlay({ runs }: { runs: ListedRun[] }) {
  const lines = runs.flatMap((r, i) => {
    if (r.file.result.kind !== 'sweep') return [];
    const series = [...new Set(r.file.result.rows.map((row) => row.series))].filter((s) => s !== 'dense');
    return series.map((s, j) => ({
      key: `r${i}:${s}`,
      label: `Run ${i + 1}: ${seriesLabel(s)}`,
      color: RUN_COLORS[i] ?? '#333',
      dash: DASHES[j % DASHES.length] ?? '0',
      points: (r.file.result.kind === 'sweep' ? r.file.result.rows : []).filter((row) => row.series === s).map((row): [number, number] => [Math.round(1000 * row.achievedSparsity) / 10, row.accuracyMean]),
    }));
  });
  return <Overlay name="Accuracy against sparsity (compared)" caption="Accuracy (mean over folds) against achieved sparsity: one colour per run, one dash per method" xLabel="achieved sparsity (%)" lines={lines} xDomain={[0, 100]} />;
}

function FeaturesOverlay({ runs }: { runs: ListedRun[] }) {
  const lines = runs.flatMap((r, i) => (r.file.result.kind === 'features' ? [{ key: `r${i}`, label: `Run ${i + 1}`, color: RUN_COLORS[i] ?? '#333', dash: '0', points: r.file.result.counts.map((n, j): [number, number] => [n, (r.file.result.kind === 'features' ? r.file.result.meanScore[j] : 0) ?? 0]) }] : []));
  return <Overlay name="RFECV (compared)" caption="CV accuracy (mean over folds) against the number of features kept" xLabel="features kept" lines={lines} />;
}

function SensitivityOverlay({ runs }: { runs: ListedRun[] }) {
  const lines = runs.flatMap((r, i) =>
    r.file.result.kind === 'sensitivity'
      ? r.file.result.curves.map((c, j) => ({ key: `r${i}:${c.slot}`, label: `Run ${i + 1}: ${c.slot}`, color: RUN_COLORS[i] ?? '#333', dash: DASHES[j % DASHES.length] ?? '0', points: c.points.map((p): [number, number] => [Math.round(p.sparsity * 1000) / 10, p.accuracy]) }))
      : [],
  );
  return <Overlay name="Sensitivity (compared)" caption="Accuracy with one layer pruned, no fine-tuning: one colour per run, one dash per layer" xLabel="sparsity of the layer (%)" lines={lines} xDomain={[0, 100]} />;
}
