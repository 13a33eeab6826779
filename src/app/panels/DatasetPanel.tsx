import { useEffect, useId } from 'react';
import { BUILTIN_DATASETS, BUILTIN_NAMES } from '../../core/data/builtin';
import { SYNTHETIC_NAMES, SYNTHETIC_TITLES } from '../../core/data/synthetic';
import type { DatasetSpec } from '../../core/spec/schema';
import { useStore } from '../store';
import { datasetKey } from '../store/dataSlice';
import { adaptToDataset } from '../store/specSlice';
import { CheckboxField, NumberField, Panel, SelectField } from '../ui/fields';

type Choice = string;

/** Built-in image datasets (a CNN needs rows that are images). */
export const isImageDataset = (d: DatasetSpec): boolean => d.kind === 'builtin' && d.name === 'digits'; // "builtin:iris" | "synthetic:xor" | "csv"

const choices = [
  ...BUILTIN_NAMES.map((n) => ({ value: `builtin:${n}`, label: BUILTIN_DATASETS[n].title })),
  ...SYNTHETIC_NAMES.map((n) => ({ value: `synthetic:${n}`, label: `Synthetic: ${SYNTHETIC_TITLES[n]}` })),
  { value: 'csv', label: 'Uploaded CSV file' },
];

function choiceOf(d: DatasetSpec): Choice {
  return d.kind === 'csv' ? 'csv' : `${d.kind}:${d.name}`;
}

export function DatasetPanel() {
  const spec = useStore((s) => s.spec);
  const editSpec = useStore((s) => s.editSpec);
  const upload = useStore((s) => s.upload);
  const uploadCsv = useStore((s) => s.uploadCsv);
  const chooseTarget = useStore((s) => s.chooseTarget);
  const refreshSummary = useStore((s) => s.refreshSummary);
  const running = useStore((s) => s.status === 'running');
  const fileId = useId();
  const d = spec.dataset;

  const key = datasetKey(spec);
  useEffect(() => {
    void refreshSummary();
  }, [key, upload, refreshSummary]);

  const pick = (v: Choice) =>
    editSpec((s) => {
      if (v === 'csv') {
        if (upload) s.dataset = { kind: 'csv', name: upload.fileName, targetColumn: upload.target, rows: upload.dataset.nRows };
        adaptToDataset(s, false);
        return;
      }
      const [kind, name] = v.split(':');
      if (kind === 'builtin') s.dataset = { kind: 'builtin', name: name as (typeof BUILTIN_NAMES)[number] };
      else s.dataset = { kind: 'synthetic', name: name as (typeof SYNTHETIC_NAMES)[number], samples: 400, noise: 0.1 };
      adaptToDataset(s, isImageDataset(s.dataset));
    });

  return (
    <Panel title="Data">
      <SelectField label="Dataset" value={choiceOf(d)} options={choices.filter((c) => c.value !== 'csv' || upload)} onChange={pick} disabled={running} />
      {d.kind === 'synthetic' && (
        <div className="row">
          <NumberField label="Samples" integer min={20} max={10000} value={d.samples} disabled={running} onChange={(v) => editSpec((s) => s.dataset.kind === 'synthetic' && (s.dataset.samples = v))} />
          <NumberField label="Noise" min={0} max={1} step={0.05} value={d.noise} disabled={running} onChange={(v) => editSpec((s) => s.dataset.kind === 'synthetic' && (s.dataset.noise = v))} />
        </div>
      )}
      <div className="field">
        <label htmlFor={fileId}>Upload CSV</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv,text/plain"
          disabled={running}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void uploadCsv(f);
            e.target.value = '';
          }}
        />
        <small className="hint">Numeric feature columns and one target column; a header row is detected.</small>
      </div>
      {d.kind === 'csv' && upload && (
        <SelectField
          label="Target column"
          value={d.targetColumn}
          options={upload.table.columns.map((c) => ({ value: c, label: c }))}
          onChange={chooseTarget}
          disabled={running}
        />
      )}
      <DatasetPreview />
      <CheckboxField
        label="Standardize features"
        hint="StandardScaler semantics, fitted on each training fold only (no leakage)."
        checked={spec.preprocessing.standardize}
        disabled={running}
        onChange={(v) => editSpec((s) => (s.preprocessing.standardize = v))}
      />
    </Panel>
  );
}

function DatasetPreview() {
  const summary = useStore((s) => s.datasetSummary);
  const dataError = useStore((s) => s.dataError);
  const spec = useStore((s) => s.spec);
  return (
    <div className="preview" aria-live="polite">
      {dataError && (
        <p role="alert" className="error">
          {dataError}
        </p>
      )}
      {summary && (
        <dl aria-label="Dataset preview">
          <dt>Rows</dt>
          <dd data-testid="preview-rows">{summary.rows}</dd>
          <dt>Features</dt>
          <dd data-testid="preview-features">{summary.features}</dd>
          <dt>Classes</dt>
          <dd data-testid="preview-classes">{summary.classes.map((c) => `${c.name}: ${c.count}`).join(', ')}</dd>
        </dl>
      )}
      {spec.dataset.kind === 'builtin' && <small className="attribution">{BUILTIN_DATASETS[spec.dataset.name].attribution}</small>}
    </div>
  );
}
