import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { StructuralFoldResult } from '../../core/kinds/structural';
import { mean } from '../../core/metrics';
import { ChartFigure } from '../ui/ChartFigure';
import { fitLinear } from './axisFit';
import { CHART_MARGIN, tickFormat, X_AXIS_HEIGHT, X_PADDING, xLabel, yAxisWidth, yLabel } from './chartLayout';
import { tooltipContent } from './ChartTooltip';
import { legendContent } from './SeriesLegend';
import { markerDot } from './SeriesMarker';
import { dashProps, OKABE_ITO, type SeriesStyle } from './seriesStyle';
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
  const pts = codeCurve(folds);
  if (pts.length === 0) return null;
  // A unit of room either side, so the end markers are whole.
  const xAxis = fitLinear([Math.min(...pts.map((p) => p.units)) - 1, Math.max(...pts.map((p) => p.units)) + 1], { min: 0 });
  const yAxis = fitLinear(pts.flatMap((p) => [p.autoencoder, p.pca]), { min: 0 });
  const yTick = tickFormat(yAxis);
  const ae = pts.map((p) => ({ x: p.units, y: p.autoencoder, what: p.what, series: 'Autoencoder' }));
  const pca = pts.map((p) => ({ x: p.units, y: p.pca, what: `${p.units} components`, series: 'PCA' }));
  const tooltip = tooltipContent((_l, payload) => {
    const x = (payload[0]?.payload as { x?: number } | undefined)?.x;
    const p = pts.find((q) => q.units === x);
    if (!p) return null;
    return {
      title: `Code of ${p.units} units (${p.what})`,
      rows: [
        { key: 'ae', label: 'Autoencoder', style: AE, value: p.autoencoder.toFixed(4) },
        { key: 'pca', label: 'PCA', style: PCA, value: p.pca.toFixed(4) },
      ],
    };
  });
  return (
    <>
      <ChartFigure name="Reconstruction error against code size" view="chart" caption={`Reconstruction MSE per feature (mean over ${folds.length} folds; lower is better) against the code size, with PCA at the same size fitted on the same training rows`}>
        <ResponsiveContainer width="100%" height={280}>
          <ScatterChart margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="x" type="number" domain={xAxis.domain} ticks={xAxis.ticks} allowDataOverflow height={X_AXIS_HEIGHT} padding={X_PADDING} label={xLabel('code size (units)')} />
            <YAxis dataKey="y" type="number" domain={yAxis.domain} ticks={yAxis.ticks} allowDataOverflow width={yAxisWidth(yAxis.ticks.map(yTick))} tickFormatter={yTick} label={yLabel('reconstruction MSE')} />
            <Tooltip content={tooltip} />
            <Legend verticalAlign="top" content={legendContent([{ key: 'ae', label: 'Autoencoder (pruned, fine-tuned)', style: AE, line: true }, { key: 'pca', label: 'PCA, same size', style: PCA, line: true }])} />
            <Scatter name="Autoencoder" data={ae} fill={AE.color} shape={markerDot(AE, 10)} line={{ stroke: AE.color, strokeWidth: 2, ...dashProps(AE) }} isAnimationActive={false} />
            <Scatter name="PCA" data={pca} fill={PCA.color} shape={markerDot(PCA, 9)} line={{ stroke: PCA.color, strokeWidth: 1.5, ...dashProps(PCA) }} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </ChartFigure>
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
