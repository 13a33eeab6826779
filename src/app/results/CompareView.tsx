import { useId, useMemo } from 'react';
import { RUN_KINDS } from '../../core/kinds/registry';
import type { EpochMetrics } from '../../core/kinds/types';
import { mean } from '../../core/metrics';
import { useStore } from '../store';
import type { ListedRun } from '../store/types';
import { FeaturesOverlay, runStyle, SensitivityOverlay, SweepOverlay } from './CompareOverlays';
import { SeriesGlyph } from './SeriesMarker';
import { SvgLineChart, type Series } from './SvgLineChart';
import { TableScroll } from './TableScroll';

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
  const curves: Series[] = runs.map((r, i) => ({ id: `run${i}`, name: `Run ${i + 1}`, style: runStyle(i), points: meanCurve(r.file.curves) })).filter((s) => s.points.length > 0);
  const xMax = Math.max(2, ...curves.flatMap((s) => s.points.map((p) => p[0])));
  return (
    <section aria-labelledby={titleId} className="compare" data-testid="compare">
      <h2 id={titleId}>Compare {runs.length} runs</h2>
      <button type="button" onClick={clear}>
        Stop comparing
      </button>
      <TableScroll label="Compared runs">
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
                  <SeriesGlyph style={runStyle(i)} /> Run {i + 1}: {r.name}
                </th>
                <td>{RUN_KINDS[r.file.spec.task.kind].label}</td>
                <td>{r.file.data.name}</td>
                <td>{r.file.result.summary ? `${r.file.result.summary.mean.toFixed(4)} ± ${r.file.result.summary.std.toFixed(4)} (${r.file.result.summary.of})` : '—'}{r.partial ? ' · partial' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <SweepOverlay runs={runs} />
      <FeaturesOverlay runs={runs} />
      <SensitivityOverlay runs={runs} />
      {curves.length > 0 && <SvgLineChart title="Held-out accuracy per epoch, mean over folds (compared)" xLabel="epoch" yLabel="accuracy" series={curves} y="accuracy" xMax={xMax} />}
      <TableScroll label="Settings that differ">
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
      </TableScroll>
    </section>
  );
}
