import { useStore } from '../store';
import { metricInfo } from './metric';
import { TableScroll } from './TableScroll';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

const extraUnits = (k: string): string => (k === 'mse' ? "target's units²" : "target's units");

/** Per-fold metric (accuracy, R², reconstruction MSE) with mean ± std (population std, as sklearn's cv_results_). */
export function FoldTable() {
  const result = useStore((s) => (s.result?.kind === 'cv' ? s.result : null));
  if (!result || result.folds.length === 0) return null;
  const { folds, summary, complete } = result;
  const metric = metricInfo(result.metric);
  const extras = [...new Set(folds.flatMap((f) => Object.keys(f.extra ?? {})))].sort();
  // Accuracy as a percentage, as before; other metrics as numbers.
  const show = (x: number) => (metric.id === 'accuracy' ? pct(x) : x.toFixed(4));
  return (
    <section aria-labelledby="fold-table-title" data-view="table">
      <h2 id="fold-table-title">Cross-validation results</h2>
      <TableScroll label="Cross-validation results">
        <table className="results">
          <caption>{metric.label} on each held-out fold{complete ? '' : ' (partial: folds still running, or the run was cancelled)'}</caption>
          <thead>
            <tr>
              <th scope="col">Fold</th>
              <th scope="col">Train rows</th>
              <th scope="col">Test rows</th>
              <th scope="col">Epochs</th>
              <th scope="col">Test loss</th>
              <th scope="col">{metric.label}</th>
              {extras.map((k) => (
                <th scope="col" key={k}>
                  {k.toUpperCase()} ({extraUnits(k)})
                </th>
              ))}
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
                {extras.map((k) => (
                  <td key={k} data-testid={`fold-${k}`}>
                    {(f.extra?.[k] ?? Number.NaN).toPrecision(4)}
                  </td>
                ))}
                <td>{(f.ms / 1000).toFixed(1)} s</td>
              </tr>
            ))}
          </tbody>
          {summary && complete && (
            <tfoot>
              <tr>
                <th scope="row">Mean ± std</th>
                <td colSpan={4} />
                <td data-testid="fold-mean">
                  {show(summary.mean)} ± {show(summary.std)}
                </td>
                <td colSpan={1 + extras.length} />
              </tr>
            </tfoot>
          )}
        </table>
      </TableScroll>
    </section>
  );
}
