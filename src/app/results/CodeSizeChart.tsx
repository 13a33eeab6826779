import { useCallback, useMemo } from 'react';
import type { StructuralFoldResult } from '../../core/kinds/structural';
import { mean } from '../../core/metrics';
import { fitLinear } from './axisFit';
import { OKABE_ITO, type SeriesStyle } from './seriesStyle';
import { SvgLineChart, type Series } from './SvgLineChart';
import { TableScroll } from './TableScroll';

interface CodePoint {
  units: number;
  autoencoder: number;
  pca: number;
  what: string;
}

const AE: SeriesStyle = { color: OKABE_ITO.blue, dash: '', marker: 'circle', hollow: false };
const PCA: SeriesStyle = { color: OKABE_ITO.black, dash: '6 4', marker: 'square', hollow: false };

/** Mean over folds of the autoencoder's error and PCA's at each code size: before pruning, then after each step. */
export function codeCurve(folds: readonly StructuralFoldResult[]): CodePoint[] {
  const first = folds[0];
  if (!first?.before.code) return [];
  const at = (pick: (f: StructuralFoldResult) => { accuracy: number; code?: { units: number; pcaError: number } | undefined } | undefined, what: string): CodePoint[] => {
    const xs = folds.map(pick).filter((p) => p?.code);
    const p0 = xs[0];
    if (!p0?.code || xs.length !== folds.length) return [];
    return [{ units: p0.code.units, autoencoder: mean(xs.map((p) => p?.accuracy ?? 0)), pca: mean(xs.map((p) => p?.code?.pcaError ?? 0)), what }];
  };
  return [at((f) => f.before, 'before pruning'), ...first.steps.map((s, i) => at((f) => f.steps[i], `after step ${s.step}`))].flat();
}

/**
 * An autoencoder's reconstruction error against its code size as structural pruning shrinks the
 * code, with PCA at the same size on the same held-out rows as the reference line (a linear
 * autoencoder can at best match PCA; a non-linear one can beat it).
 */
export function CodeSizeChart({ folds }: { folds: readonly StructuralFoldResult[] }) {
  const pts = useMemo(() => codeCurve(folds), [folds]);
  // In code-size order (the curve's points are in the order pruning reached them: largest first).
  const byUnits = useMemo(() => [...pts].sort((a, b) => a.units - b.units), [pts]);
  const series = useMemo<Series[]>(
    () => [
      { id: 'ae', name: 'Autoencoder (pruned, fine-tuned)', style: AE, points: byUnits.map((p) => [p.units, p.autoencoder] as const) },
      { id: 'pca', name: 'PCA, same size', style: PCA, points: byUnits.map((p) => [p.units, p.pca] as const) },
    ],
    [byUnits],
  );
  // A unit of room either side, so the end markers are whole.
  const xAxis = useMemo(() => ({ axis: fitLinear(byUnits.length ? [(byUnits[0]?.units ?? 1) - 1, (byUnits.at(-1)?.units ?? 1) + 1] : [0, 1], { min: 0 }), text: (v: number) => String(Math.round(v)), integer: true }), [byUnits]);
  const pointText = useCallback(
    (s: Series, i: number) => {
      const p = byUnits[i];
      return p ? `${(s.id === 'ae' ? p.autoencoder : p.pca).toFixed(4)}${s.id === 'ae' ? ` (${p.what})` : ''}` : '';
    },
    [byUnits],
  );
  if (pts.length === 0) return null;
  return (
    <>
      <SvgLineChart
        title="Reconstruction error against code size"
        caption={`Reconstruction MSE per feature (mean over ${folds.length} folds; lower is better) against the code size, with PCA at the same size fitted on the same training rows`}
        view="chart"
        xLabel="code size (units)"
        yLabel="reconstruction MSE"
        series={series}
        y="mse"
        xAxis={xAxis}
        height={280}
        markAll
        pointText={pointText}
      />
      <TableScroll label="Reconstruction error by code size">
        <table className="results" data-testid="code-size-table">
          <caption>Reconstruction MSE per feature at each code size (mean over folds), the autoencoder beside PCA</caption>
          <thead>
            <tr>
              <th scope="col">Code size</th>
              <th scope="col">Moment</th>
              <th scope="col">Autoencoder</th>
              <th scope="col">PCA</th>
              <th scope="col">Ratio</th>
            </tr>
          </thead>
          <tbody>
            {pts.map((p) => (
              <tr key={p.what} data-testid="code-size-row">
                <th scope="row">{p.units}</th>
                <td>{p.what}</td>
                <td data-testid="code-ae">{p.autoencoder.toFixed(4)}</td>
                <td data-testid="code-pca">{p.pca.toFixed(4)}</td>
                <td>{(p.autoencoder / p.pca).toFixed(2)}×</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
