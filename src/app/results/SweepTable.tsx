import { memo } from 'react';
import { useRunMetric } from './metric';
import type { SweepRow } from '../../core/prune/report';
import { pct, seriesLabel } from './seriesStyle';
import { TableScroll } from './TableScroll';
import { countText, kbText } from '../../core/format';
import { useHoldCoreWhileDrawn } from '../engine/pageGate';

const int = countText;
const kb = kbText;

/** Every number of the sweep as text: the chart's points, with parameters, FLOPs and sizes. */
export const SweepTable = memo(function SweepTable({ rows, complete }: { rows: readonly SweepRow[]; complete: boolean }) {
  useHoldCoreWhileDrawn(rows, complete);
  const metric = useRunMetric();
  return (
    <section aria-labelledby="sweep-table-title" data-view="table">
      <h2 id="sweep-table-title">Sweep results</h2>
      <TableScroll label="Sweep results">
        <table className="results" data-testid="sweep-table">
          <caption>
            Mean ± std over folds{complete ? '' : ' (partial: some folds still running or the run was cancelled)'}. FLOPs per sample; size is gzip of a bitmap + nonzero values encoding.
          </caption>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Target</th>
              <th scope="col">Achieved</th>
              <th scope="col">Folds</th>
              <th scope="col">{metric.label}</th>
              <th scope="col">Nonzero params</th>
              <th scope="col">Compression</th>
              <th scope="col">FLOPs</th>
              <th scope="col">Speedup</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.series}@${r.targetSparsity}`} data-testid="sweep-row" data-series={r.series}>
                <th scope="row" className="series-name">{seriesLabel(r.series)}</th>
                <td>{pct(r.targetSparsity)}</td>
                <td>{pct(r.achievedSparsity, 2)}</td>
                <td>{r.folds}</td>
                <td data-testid="sweep-accuracy">
                  {r.accuracyMean.toFixed(4)} ± {r.accuracyStd.toFixed(4)}
                </td>
                <td>
                  {int(r.nonzeroParams)} / {int(r.totalParams)}
                </td>
                <td>{r.compressionRatio.toFixed(2)}×</td>
                <td>
                  {int(r.sparseFlops)} / {int(r.denseFlops)}
                </td>
                <td>{r.theoreticalSpeedup.toFixed(2)}×</td>
                <td>
                  {kb(r.sparseBytes)} <small>(dense {kb(r.denseBytes)})</small>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
});
