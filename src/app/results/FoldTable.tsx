import { runKind } from '../../core/spec/schema';
import { useStore } from '../store';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

/** Per-fold accuracy with mean ± std (population std, as sklearn's cv_results_). */
export function FoldTable() {
  const folds = useStore((s) => s.folds);
  const summary = useStore((s) => s.cvSummary);
  const status = useStore((s) => s.status);
  const sweep = useStore((s) => s.runSpec !== null && runKind(s.runSpec) !== 'cv');
  const done = summary !== null && status === 'done';
  if (folds.length === 0 && !done) return null;
  const n = sweep ? undefined : folds.length;
  return (
    <section aria-labelledby="fold-table-title">
      <h2 id="fold-table-title">Cross-validation results</h2>
      {done && (
        <p data-testid="cv-summary">
          {sweep ? 'Dense baseline: mean' : 'Mean'} accuracy <strong data-testid="cv-mean">{summary.mean.toFixed(4)}</strong> ± <span data-testid="cv-std">{summary.std.toFixed(4)}</span>
          {n !== undefined && ` over ${n} ${n === 1 ? 'split' : 'folds'}`}
        </p>
      )}
      {folds.length > 0 && <FoldRows />}
    </section>
  );
}

function FoldRows() {
  const folds = useStore((s) => s.folds);
  const summary = useStore((s) => s.cvSummary);
  const status = useStore((s) => s.status);
  return (
      <table className="results">
        <caption>Accuracy on each held-out fold</caption>
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
        {summary && status === 'done' && (
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
  );
}
