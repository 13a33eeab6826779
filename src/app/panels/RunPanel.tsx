import { RUN_KINDS } from '../../core/kinds/registry';
import { BACKEND_CHOICES, type BackendChoice } from '../../core/spec/schema';
import { useStore } from '../store';
import { download } from '../ui/download';
import { FileField, Panel, SelectField } from '../ui/fields';
import { throughput } from './throughput';

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

/** Where and how the run goes: the backend, and the spec as a file. Run and Cancel are in the toolbar. */
export function RunPanel() {
  const backend = useStore((s) => s.spec.backend);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  return (
    <Panel title="Run options" advanced>
      <SelectField label="Backend" path="backend" value={backend} options={BACKEND_CHOICES.map((b) => ({ value: b, label: backendLabels[b] }))} disabled={running} onChange={(v) => editSpec((s) => (s.backend = v))} />
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

/** Where the run went (backend), what it left behind (tensors), and why it stopped when it failed. */
export function RunStatus() {
  const status = useStore((s) => s.status);
  const backend = useStore((s) => s.backend);
  const runError = useStore((s) => s.runError);
  const runNotice = useStore((s) => s.runNotice);
  const workerTensors = useStore((s) => s.workerTensors);
  const done = useStore((s) => (s.status === 'done' ? s.progress?.done : undefined));
  const environment = useStore((s) => (s.status === 'done' ? s.currentFile?.environment : undefined));
  if (!backend && !runError && !runNotice) return null;
  return (
    <section className="status" aria-label="Run status">
      {backend && (
        <p data-testid="backend-info" className="hint">
          Backend: <strong>{backend.name}</strong> — {backend.reason}
          {backend.kernels && (
            <>
              {' · '}
              <span data-testid="kernels-info">training kernels: WebAssembly SIMD, {backend.kernels === 'fma' ? 'fused multiply-add (one rounding)' : 'multiply then add'}</span>
            </>
          )}
          {status === 'done' && workerTensors !== null && (
            <>
              {' · '}
              <span data-testid="worker-tensors">Tensors left in the workers after the run: {workerTensors}</span>
            </>
          )}
        </p>
      )}
      {done !== undefined && environment && done > 0 && (
        <p className="hint" data-testid="run-throughput">
          {throughput(done, environment.wallMs, environment.executor)}
        </p>
      )}
      {runNotice && (
        <p className="notice" role="status" data-testid="run-notice">
          {runNotice}
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

