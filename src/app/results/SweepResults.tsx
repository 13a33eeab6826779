import { useDeferredValue, useMemo } from 'react';
import { sameSetup } from '../../core/spec/compare';
import { useStore } from '../store';
import { PointInspector } from './PointInspector';
import { SweepChart } from './SweepChart';
import { SweepTable } from './SweepTable';
import { useStagedReveal } from '../ui/useStagedReveal';
import { useThrottled } from '../ui/useThrottled';

export function SweepResults() {
  const status = useStore((s) => s.status);
  // The chart and the table redraw at most once a second while points stream in (redrawn on every
  // flush, they made the main thread's long tasks).
  // Drawn at transition priority: React renders them in slices that yield to the page.
  const result = useDeferredValue(
    useThrottled(
      useStore((s) => (s.result?.kind === 'sweep' ? s.result : null)),
      1000,
      status === 'running',
    ),
  );
  const runSpec = useStore((s) => s.runSpec);
  const pipeline = useStore((s) => s.pipeline);
  const flow = pipeline && runSpec && sameSetup(pipeline.spec, runSpec) ? pipeline : null;
  const before = flow?.before?.mean;
  const extra = useMemo(() => (before !== undefined ? [{ y: before, label: 'before optimization' }] : []), [before]);
  // The inspector (recharts) mounts a frame after the run's end, in a task of its own.
  const stage = useStagedReveal(status !== 'running', 1);
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
        {flow && (
          <p data-testid="pipeline">
            Optimize → prune: {flow.before ? `before the search, your settings scored ${flow.before.mean.toFixed(4)} ± ${flow.before.std.toFixed(4)}; ` : ''}the search chose {flow.optimized.params} ({flow.optimized.mean.toFixed(4)} ± {flow.optimized.std.toFixed(4)}); below, that model dense and pruned, on the same folds.
          </p>
        )}
        <SweepChart rows={result.rows} extra={extra} live={status === 'running'} />
      </section>
      <SweepTable rows={result.rows} complete={result.complete} />
      {stage >= 1 ? (
        <PointInspector rows={result.rows} points={result.points} detail={result.detail} />
      ) : (
        <p className="hint" data-testid="inspector-pending">
          The point inspector (a point’s per-layer sparsity, weight histogram and mask) opens when the run ends.
        </p>
      )}
    </>
  );
}
