import { useMemo } from 'react';
import { pointsPerFold } from '../../core/prune/plan';
import { summarizeSweep } from '../../core/prune/report';
import { useStore } from '../store';
import { PointInspector } from './PointInspector';
import { SweepChart } from './SweepChart';
import { SweepTable } from './SweepTable';

export function SweepResults() {
  const points = useStore((s) => s.points);
  const detail = useStore((s) => s.sweepDetail);
  const status = useStore((s) => s.status);
  const runSpec = useStore((s) => s.runSpec);
  const rows = useMemo(() => summarizeSweep(points), [points]);
  if (points.length === 0 || !runSpec?.pruning) return null;
  const folds = runSpec.cv.kind === 'holdout' ? 1 : runSpec.cv.folds;
  const expected = folds * (1 + pointsPerFold(runSpec.pruning));
  return (
    <>
      <section aria-label="Pruning sweep results">
        <h2>Accuracy vs sparsity</h2>
        {status !== 'done' && (
          <p className="partial" data-testid="sweep-partial">
            {status === 'running' ? 'Running' : status === 'cancelled' ? 'Cancelled' : 'Stopped'}: {points.length} of {expected} points measured; means cover the folds finished so far.
          </p>
        )}
        <SweepChart rows={rows} />
      </section>
      <SweepTable rows={rows} complete={status === 'done'} />
      <PointInspector rows={rows} points={points} detail={detail} />
    </>
  );
}
