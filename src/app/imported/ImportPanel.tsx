import { useId, useState } from 'react';
import { IMPORTED_METHOD_IDS, IMPORTED_METHODS, type ImportedMethod } from '../../core/imported/report';
import { useStore } from '../store';
import { Panel, SelectField } from '../ui/fields';

const METHOD_OPTIONS = IMPORTED_METHOD_IDS.map((m) => ({ value: m, label: IMPORTED_METHODS[m].split(':')[0] ?? m }));

/** A plain number input with its label and an inline message; the import panel's settings are not part of the spec. */
function PlainNumber(props: { label: string; value: string; onChange: (v: string) => void; error: string | null; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} type="number" inputMode="decimal" value={props.value} aria-invalid={props.error !== null} aria-describedby={`${id}-msg`} onChange={(e) => props.onChange(e.target.value)} />
      <small id={`${id}-msg`} className={props.error ? 'invalid' : 'hint'}>
        {props.error ?? props.hint ?? ''}
      </small>
    </div>
  );
}

const whole = (t: string, lo: number, hi: number): number | null => {
  const n = Number(t);
  return t.trim() !== '' && Number.isInteger(n) && n >= lo && n <= hi ? n : null;
};

/**
 * Your own TF.js LayersModel (model.json + weight files, as tensorflowjs_converter writes them from
 * Keras): opened in a worker, summarised, pruned without data, exported.
 */
export function ImportPanel() {
  const imported = useStore((s) => s.imported);
  const open = useStore((s) => s.openModelFiles);
  const prune = useStore((s) => s.pruneImported);
  const save = useStore((s) => s.saveImported);
  const close = useStore((s) => s.closeImported);
  const adoptModel = useStore((s) => s.useImportedModel);
  const inUse = useStore((s) => s.spec.model.kind === 'imported' && s.spec.model.sha256 === s.imported.sha256);
  const seed = useStore((s) => s.spec.seed);
  const fileId = useId();
  const [method, setMethod] = useState<ImportedMethod>('magnitude-global');
  const [sparsity, setSparsity] = useState('50');
  const [n, setN] = useState('2');
  const [m, setM] = useState('4');
  const [dragging, setDragging] = useState(false);
  const busy = imported.status === 'opening' || imported.status === 'pruning' || imported.status === 'saving';
  const s = Number(sparsity);
  const sparsityError = method === 'nm' ? null : sparsity.trim() !== '' && s >= 0 && s <= 100 ? null : 'Enter a percentage from 0 to 100.';
  const nv = whole(n, 1, 63);
  const mv = whole(m, 2, 64);
  const nmError = method !== 'nm' ? null : nv === null || mv === null ? 'N and M are whole numbers (1 ≤ N, M ≤ 64).' : nv >= mv ? `N must be less than M (got ${nv}:${mv}).` : null;
  const invalid = sparsityError ?? nmError;
  return (
    <Panel title="Import a TF.js model" advanced collapsed>
      <p className="hint">
        A TF.js LayersModel: <code>model.json</code> with its weight files, as <code>tensorflowjs_converter</code> writes them from Keras (Sequential or Functional, legacy Keras 2 files and quantized weights too). It is pruned without data; nothing leaves this tab.
      </p>
      <div className="field">
        <label htmlFor={fileId}>Model files (model.json and weights)</label>
        <input
          id={fileId}
          type="file"
          multiple
          disabled={busy}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) void open(files);
          }}
        />
        <small className="hint">Pick model.json and every weight file together (Ctrl- or Shift-click), or drop them below.</small>
      </div>
      <div
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-testid="model-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const files = [...e.dataTransfer.files];
          if (files.length && !busy) void open(files);
        }}
      >
        Drop model.json and its weight files here
      </div>
      {imported.status === 'opening' && <p role="status">Opening the model in a worker…</p>}
      {imported.error && (
        <p role="alert" className="error" data-testid="import-error">
          {imported.error}
        </p>
      )}
      {imported.summary && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid) void prune({ method, sparsity: method === 'nm' ? 0 : s / 100, nm: { n: nv ?? 2, m: mv ?? 4 }, seed });
          }}
        >
          <SelectField label="Pruning method" value={method} options={METHOD_OPTIONS} onChange={setMethod} hint={IMPORTED_METHODS[method]} />
          {method === 'nm' ? (
            <div className="row">
              <PlainNumber label="N (kept)" value={n} onChange={setN} error={nmError} />
              <PlainNumber label="M (group)" value={m} onChange={setM} error={null} />
            </div>
          ) : (
            <PlainNumber label={method === 'filters-l1' ? 'Channels to zero per layer (%)' : 'Sparsity (%)'} value={sparsity} onChange={setSparsity} error={sparsityError} hint="Each press starts again from the model as opened." />
          )}
          <div className="buttons">
            <button type="submit" disabled={busy || invalid !== null} title={invalid ?? undefined}>
              {imported.status === 'pruning' ? 'Pruning…' : 'Prune'}
            </button>
            <button type="button" onClick={() => void save()} disabled={busy}>
              {imported.report ? 'Download pruned model' : 'Download model'}
            </button>
            <button type="button" onClick={close} disabled={busy}>
              Close model
            </button>
          </div>
          <div className="buttons">
            <button type="button" onClick={() => void adoptModel()} disabled={busy || inUse} title="Makes it the Model section's architecture: cross-validation, sweeps and sensitivity train it with the dataset">
              {inUse ? 'In use as the experiment’s model' : 'Train it with the dataset'}
            </button>
          </div>
          {invalid && <p className="invalid">Prune is blocked: {invalid}</p>}
        </form>
      )}
    </Panel>
  );
}
