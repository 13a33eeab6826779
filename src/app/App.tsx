import { Suspense } from 'react';
import { DatasetPanel } from './panels/DatasetPanel';
import { ExperimentPanel } from './panels/ExperimentPanel';
import { ModelPanel } from './panels/ModelPanel';
import { RunPanel, RunStatus } from './panels/RunPanel';
import { TrainingPanel } from './panels/TrainingPanel';
import { ValidationPanel } from './panels/ValidationPanel';
import { KIND_VIEWS } from './kinds/registry';
import { Summary } from './results/Summary';
import { TrainingCurves } from './results/TrainingCurves';
import { useStore } from './store';

/** The results of the run on screen: its headline first, then its kind's views, then the training curves. */
function Results() {
  const kind = useStore((s) => s.runSpec?.task.kind);
  const Results = kind ? KIND_VIEWS[kind].Results : null;
  return (
    <>
      <Summary />
      {Results && (
        <Suspense fallback={<p className="hint">Loading the charts…</p>}>
          <Results />
        </Suspense>
      )}
      <TrainingCurves />
    </>
  );
}

export function App() {
  return (
    <div className="app">
      <header>
        <h1>PruneLab</h1>
        <p>Train, cross-validate and prune neural networks in your browser. Nothing leaves this tab.</p>
      </header>
      <main>
        <form className="controls" aria-label="Experiment settings" onSubmit={(e) => e.preventDefault()}>
          <DatasetPanel />
          <ModelPanel />
          <TrainingPanel />
          <ValidationPanel />
          <ExperimentPanel />
          <RunPanel />
        </form>
        <div className="results-area">
          <RunStatus />
          <Results />
        </div>
      </main>
    </div>
  );
}
