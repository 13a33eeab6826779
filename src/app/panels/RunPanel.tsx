import { RUN_KINDS } from '../../core/kinds/registry';
import { BACKEND_CHOICES, type BackendChoice } from '../../core/spec/schema';
import { useStore } from '../store';
import { download } from '../ui/download';
import { FileField, Panel, SelectField } from '../ui/fields';

const backendLabels: Record<BackendChoice, string> = {
  auto: 'Auto (fastest for this model)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU (plain JS)',
};

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export function RunPanel() {
  const backend = useStore((s) => s.spec.backend);
  const editSpec = useStore((s) => s.editSpec);
  const status = useStore((s) => s.status);
  const run = useStore((s) => s.run);
  const cancel = useStore((s) => s.cancel);
  const running = status === 'running';
  return (
    <Panel title="Run">
      <SelectField label="Backend" path="backend" value={backend} options={BACKEND_CHOICES.map((b) => ({ value: b, label: backendLabels[b] }))} disabled={running} onChange={(v) => editSpec((s) => (s.backend = v))} />
      <div className="buttons">
        <button type="button" className="primary" onClick={() => void run()} disabled={running}>
          Run
        </button>
        <button type="button" onClick={cancel} disabled={!running}>
          Cancel
        </button>
      </div>
      <SpecFile />
    </Panel>
  );
}

/** The experiment spec as a JSON file: saved to replay it here or with `prunelab run spec.json`, opened (older versions migrated). */
function SpecFile() {
  const spec = useStore((s) => s.spec);
  const openSpecText = useStore((s) => s.openSpecText);
  const running = useStore((s) => s.status === 'running');
  return (
    <div className="spec-file">
      <div className="buttons">
        <button type="button" disabled={running} onClick={() => download(`prunelab-${spec.task.kind}-spec.json`, `${JSON.stringify(spec, null, 2)}\n`, 'application/json')}>
          Save spec (JSON)
        </button>
      </div>
      <FileField
        label="Open spec (JSON)"
        accept=".json,application/json"
        disabled={running}
        onFile={(f) => void f.text().then((t) => openSpecText(t, f.name))}
        hint="The same file the CLI runs: prunelab run spec.json. Version 1 specs are migrated."
      />
      <p className="hint">Runs: {RUN_KINDS[spec.task.kind].label}.</p>
    </div>
  );
}

export function RunStatus() {
  const status = useStore((s) => s.status);
  const progress = useStore((s) => s.progress);
  const backend = useStore((s) => s.backend);
  const runError = useStore((s) => s.runError);
  const workerTensors = useStore((s) => s.workerTensors);
  const pct = progress ? Math.round(100 * progress.fraction) : 0;
  const label: Record<typeof status, string> = {
    idle: 'Ready. Press Run.',
    running: `Running… ${pct}%${progress?.etaMs != null ? ` · ETA ${formatDuration(progress.etaMs)}` : ''}`,
    done: 'Finished.',
    cancelled: 'Cancelled. Partial results below are not a finished run.',
    error: 'Stopped with an error.',
  };
  return (
    <section className="status" aria-label="Run status">
      <progress aria-label="Progress" max={100} value={status === 'idle' ? 0 : status === 'done' ? 100 : pct} />
      <p data-testid="run-status" aria-live="polite">
        {label[status]}
      </p>
      {backend && (
        <p data-testid="backend-info">
          Backend: <strong>{backend.name}</strong> — {backend.reason}
        </p>
      )}
      {status === 'done' && workerTensors !== null && (
        <p className="hint" data-testid="worker-tensors">
          Tensors left in the workers after the run: {workerTensors}
        </p>
      )}
      {runError && (
        <p role="alert" className="error">
          {runError}
        </p>
      )}
    </section>
  );
}
