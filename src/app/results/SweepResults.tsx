import { useMemo } from 'react';
import { summarizeSweep } from '../../core/prune/report';
import { useStore } from '../store';
import { PointInspector } from './PointInspector';
import { SweepChart } from './SweepChart';
import { SweepTable } from './SweepTable';

export function SweepResults() {
  const points = useStore((s) => s.points);
  const detail = useStore((s) => s.sweepDetail);
  const status = useStore((s) => s.status);
  const rows = useMemo(() => summarizeSweep(points), [points]);
  if (points.length === 0) return null;
  return (
    <>
      <section aria-label="Pruning sweep">
        <h2>Accuracy vs sparsity</h2>
        <SweepChart rows={rows} />
      </section>
      <SweepTable rows={rows} complete={status === 'done'} />
      <PointInspector rows={rows} points={points} detail={detail} />
    </>
  );
}
