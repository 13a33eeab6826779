import { DatasetPanel } from './panels/DatasetPanel';
import { ModelPanel } from './panels/ModelPanel';
import { PruningPanel } from './panels/PruningPanel';
import { SensitivityPanel } from './panels/SensitivityPanel';
import { FeaturePanel } from './panels/FeaturePanel';
import { StructuralPanel } from './panels/StructuralPanel';
import { RunPanel, RunStatus } from './panels/RunPanel';
import { TrainingPanel } from './panels/TrainingPanel';
import { ValidationPanel } from './panels/ValidationPanel';
import { FoldTable } from './results/FoldTable';
import { SensitivityResults } from './results/SensitivityResults';
import { FeatureResults } from './results/FeatureResults';
import { StructuralResults } from './results/StructuralResults';
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
          <StructuralPanel />
          <FeaturePanel />
          <RunPanel />
        </form>
        <div className="results-area">
          <RunStatus />
          <TrainingCurves />
          <FoldTable />
          <SweepResults />
          <SensitivityResults />
          <StructuralResults />
          <FeatureResults />
        </div>
      </main>
    </div>
  );
}
