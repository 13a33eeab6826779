import { useStore } from '../store';
import { PointInspector } from './PointInspector';
import { SweepChart } from './SweepChart';
import { SweepTable } from './SweepTable';

export function SweepResults() {
  const result = useStore((s) => (s.result?.kind === 'sweep' ? s.result : null));
  const status = useStore((s) => s.status);
  if (!result || result.points.length === 0) return null;
  return (
    <>
      <section aria-label="Pruning sweep results">
        <h2>Accuracy vs sparsity</h2>
        {!result.complete && (
          <p className="partial" data-testid="sweep-partial">
            {status === 'running' ? 'Running' : status === 'cancelled' ? 'Cancelled' : 'Stopped'}: {result.points.length} of {result.expectedPoints} points measured; means cover the folds finished so far.
          </p>
        )}
        <SweepChart rows={result.rows} />
      </section>
      <SweepTable rows={result.rows} complete={result.complete} />
      <PointInspector rows={result.rows} points={result.points} detail={result.detail} />
    </>
  );
}
