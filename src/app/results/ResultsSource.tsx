import { useEffect } from 'react';
import { BUILTIN_DATASETS } from '../../core/data/builtin';
import { SYNTHETIC_TITLES } from '../../core/data/synthetic';
import { RUN_KINDS } from '../../core/kinds/registry';
import { canonicalJson } from '../../core/spec/compare';
import type { ExperimentSpec } from '../../core/spec/schema';
import { useStore } from '../store';

/** "MLP 64-32", "CNN conv 16-32, dense 64", "LSTM 64, dense 32". */
export function modelSummary(spec: ExperimentSpec): string {
  const m = spec.model;
  if (m.kind === 'imported') return `your model ${m.name}`;
  const dense = m.hidden.map((h) => h.units).join('-') || 'no hidden layer';
  if (m.kind === 'cnn') return `CNN conv ${m.conv.map((c) => c.filters).join('-')}, dense ${dense}`;
  if (m.kind === 'rnn') return `${{ simple: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' }[m.cell]} ${m.units}${m.hidden.length ? `, dense ${dense}` : ''}`;
  return `MLP ${dense}`;
}

export const datasetTitle = (d: ExperimentSpec['dataset']): string => (d.kind === 'builtin' ? BUILTIN_DATASETS[d.name].title : d.kind === 'synthetic' ? SYNTHETIC_TITLES[d.name] : d.name);

export function specSummary(spec: ExperimentSpec, datasetName?: string): string {
  const data = datasetName ?? datasetTitle(spec.dataset);
  const cv = spec.cv.kind === 'holdout' ? `hold-out ${Math.round(spec.cv.testFraction * 100)}%` : `${spec.cv.folds}-fold${spec.cv.kind === 'stratified-kfold' ? ' stratified' : ''}`;
  const sparsities = spec.task.kind === 'sweep' ? ` · sparsities ${spec.task.sparsities.map((x) => `${+(100 * x).toFixed(1)}`).join(', ')} %` : '';
  return `${RUN_KINDS[spec.task.kind].label} · ${data} · ${modelSummary(spec)} · ${spec.training.optimizer} ${spec.training.learningRate}, ${spec.training.epochs} epochs · ${cv}${sparsities} · seed ${spec.seed}`;
}

/** Which spec made the results on screen, where they came from, and whether the settings have moved on since. */
export function ResultsSource() {
  const runSpec = useStore((s) => s.runSpec);
  const spec = useStore((s) => s.spec);
  const status = useStore((s) => s.status);
  const shown = useStore((s) => s.shown);
  const file = useStore((s) => s.currentFile);
  const view = useStore((s) => s.teacher?.view);
  const stale = runSpec !== null && canonicalJson(runSpec) !== canonicalJson(spec);
  // A link's teacher options can open the results at a given view.
  useEffect(() => {
    if (status === 'done' && view) document.querySelector(`[data-view="${view}"]`)?.scrollIntoView({ block: 'start' });
  }, [status, view]);
  if (!runSpec || status === 'idle') return null;
  return (
    <section aria-label="Results source" className="source">
      <p data-testid="results-source">
        Results of: {specSummary(runSpec, file?.data.name)}
        {shown && shown.origin !== 'run' ? ` — ${shown.origin === 'file' ? 'opened from a file' : 'reopened from History'}: “${shown.name}”` : ''}
      </p>
      {stale && status !== 'running' && (
        <p className="partial" data-testid="results-stale">
          Out of date: the settings have changed since this run. Run again to see results for them.
        </p>
      )}
    </section>
  );
}
