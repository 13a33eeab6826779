import { DatasetPanel } from './panels/DatasetPanel';
import { ModelPanel } from './panels/ModelPanel';
import { PruningPanel } from './panels/PruningPanel';
import { SensitivityPanel } from './panels/SensitivityPanel';
import { RunPanel, RunStatus } from './panels/RunPanel';
import { TrainingPanel } from './panels/TrainingPanel';
import { ValidationPanel } from './panels/ValidationPanel';
import { FoldTable } from './results/FoldTable';
import { SensitivityResults } from './results/SensitivityResults';
import { SweepResults } from './results/SweepResults';
import { TrainingCurves } from './results/TrainingCurves';

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
          <PruningPanel />
          <SensitivityPanel />
          <RunPanel />
        </form>
        <div className="results-area">
          <RunStatus />
          <TrainingCurves />
          <FoldTable />
          <SweepResults />
          <SensitivityResults />
        </div>
      </main>
    </div>
  );
}
