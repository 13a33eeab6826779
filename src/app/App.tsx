import { lazy, Suspense } from 'react';
import { DatasetPanel } from './panels/DatasetPanel';
import { ExperimentPanel } from './panels/ExperimentPanel';
import { ModelPanel } from './panels/ModelPanel';
import { RunPanel, RunStatus } from './panels/RunPanel';
import { SharePanel } from './panels/SharePanel';
import { HistoryPanel } from './history/HistoryPanel';
import { Notices } from './panels/Notices';
import { TrainingPanel } from './panels/TrainingPanel';
import { ValidationPanel } from './panels/ValidationPanel';
import { KIND_VIEWS } from './kinds/registry';
import { Summary } from './results/Summary';
import { ResultsSource } from './results/ResultsSource';
import { Downloads } from './results/Downloads';
import { TrainingCurves } from './results/TrainingCurves';
import { useStore } from './store';

const CompareView = lazy(() => import('./results/CompareView').then((m) => ({ default: m.CompareView })));

/** The results of the run on screen: where they came from, the headline, the kind's views, the curves, the exports; then a comparison of saved runs. */
function Results() {
  const kind = useStore((s) => s.runSpec?.task.kind);
  const comparing = useStore((s) => s.compareIds.length >= 2);
  const Results = kind ? KIND_VIEWS[kind].Results : null;
  return (
    <>
      <ResultsSource />
      <Summary />
      {Results && (
        <Suspense fallback={<p className="hint">Loading the charts…</p>}>
          <Results />
        </Suspense>
      )}
      {kind && KIND_VIEWS[kind].curves !== false && <TrainingCurves />}
      <Downloads />
      {comparing && (
        <Suspense fallback={<p className="hint">Loading the comparison…</p>}>
          <CompareView />
        </Suspense>
      )}
    </>
  );
}

const NONE: readonly string[] = [];

export function App() {
  const hidden: readonly string[] = useStore((s) => s.teacher?.hide ?? NONE);
  return (
    <div className="app">
      <header>
        <h1>PruneLab</h1>
        <p>Train, cross-validate and prune neural networks in your browser. Nothing leaves this tab.</p>
      </header>
      <main>
        <div className="sidebar">
          <form className="controls" aria-label="Experiment settings" onSubmit={(e) => e.preventDefault()}>
            <Notices />
            {!hidden.includes('data') && <DatasetPanel />}
            {!hidden.includes('model') && <ModelPanel />}
            {!hidden.includes('training') && <TrainingPanel />}
            {!hidden.includes('validation') && <ValidationPanel />}
            {!hidden.includes('experiment') && <ExperimentPanel />}
            {hidden.length > 0 && <p className="hint" data-testid="hidden-note">Some settings are hidden by the link’s teacher options.</p>}
            <RunPanel />
          </form>
          {/* Outside the settings form: History has forms of its own (rename). */}
          <SharePanel />
          <HistoryPanel />
        </div>
        <div className="results-area">
          <RunStatus />
          <Results />
        </div>
      </main>
    </div>
  );
}
