import { RUN_KINDS } from '../../core/kinds/registry';
import { useStore } from '../store';
import { metricInfo, metricWord } from './metric';

/** The run's headline numbers as text: mean ± std of its metric, what they are of, and over how many folds. */
export function Summary() {
  const result = useStore((s) => s.result);
  const status = useStore((s) => s.status);
  const runSpec = useStore((s) => s.runSpec);
  const summary = result?.summary;
  if (!summary || status !== 'done' || !runSpec) return null;
  const n = summary.n;
  return (
    <section aria-labelledby="summary-title" className="summary" data-view="summary">
      <h2 id="summary-title">{RUN_KINDS[runSpec.task.kind].label}: result</h2>
      <p data-testid="cv-summary">
        Mean {metricWord(metricInfo(summary.metric))} of {summary.of}: <strong data-testid="cv-mean">{summary.mean.toFixed(4)}</strong> ± <span data-testid="cv-std">{summary.std.toFixed(4)}</span> over {n} {runSpec.cv.kind === 'holdout' ? 'hold-out split' : n === 1 ? 'fold' : 'folds'}
      </p>
    </section>
  );
}
