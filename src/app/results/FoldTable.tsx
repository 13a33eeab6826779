import { useStore } from '../store';
import { TableScroll } from './TableScroll';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** Per-fold accuracy with mean ± std (population std, as sklearn's cv_results_). */
export function FoldTable() {
  const result = useStore((s) => (s.result?.kind === 'cv' ? s.result : null));
  if (!result || result.folds.length === 0) return null;
  const { folds, summary, complete } = result;
  return (
    <section aria-labelledby="fold-table-title" data-view="table">
      <h2 id="fold-table-title">Cross-validation results</h2>
      <TableScroll label="Cross-validation results">
        <table className="results">
          <caption>Accuracy on each held-out fold{complete ? '' : ' (partial: folds still running, or the run was cancelled)'}</caption>
          <thead>
            <tr>
              <th scope="col">Fold</th>
              <th scope="col">Train rows</th>
              <th scope="col">Test rows</th>
              <th scope="col">Epochs</th>
              <th scope="col">Test loss</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {folds.map((f) => (
              <tr key={f.fold} data-testid="fold-row">
                <th scope="row">{f.fold + 1}</th>
                <td>{f.trainSize}</td>
                <td>{f.testSize}</td>
                <td>
                  {f.epochsRun}
                  {f.stoppedEarly ? ' (early stop)' : ''}
                </td>
                <td>{f.testLoss.toFixed(4)}</td>
                <td data-testid="fold-accuracy">{f.accuracy.toFixed(4)}</td>
                <td>{(f.ms / 1000).toFixed(1)} s</td>
              </tr>
            ))}
          </tbody>
          {summary && complete && (
            <tfoot>
              <tr>
                <th scope="row">Mean ± std</th>
                <td colSpan={4} />
                <td>
                  {pct(summary.mean)} ± {pct(summary.std)}
                </td>
                <td />
              </tr>
            </tfoot>
          )}
        </table>
      </TableScroll>
    </section>
  );
}
