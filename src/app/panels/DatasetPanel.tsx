import { useEffect } from 'react';
import { BUILTIN_DATASETS, BUILTIN_NAMES } from '../../core/data/builtin';
import { SYNTHETIC_NAMES, SYNTHETIC_TITLES } from '../../core/data/synthetic';
import { datasetByName } from '../../core/spec/edit';
import { defaultDenseLayer } from '../../core/spec/schema';
import type { DatasetSpec } from '../../core/spec/schema';
import { BOUNDS } from '../bounds';
import { SECTION_PATHS } from '../../core/link/codec';
import { learningTaskOf } from '../../core/spec/schema';
import { targetWarning } from '../../core/data/dataset';
import { useStore } from '../store';
import { RegressionSuggestion, TaskField } from './TaskField';

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3))));
import { datasetKey } from '../store/dataSlice';
import { Advanced, CheckboxField, FileField, NumberField, Panel, SelectField } from '../ui/fields';

/** "builtin:iris" | "synthetic:xor" | "csv" */
type Choice = string;

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
  const d = spec.dataset;

  const key = datasetKey(spec);
  useEffect(() => {
    void refreshSummary();
  }, [key, upload, refreshSummary]);

  const chooseDataset = useStore((s) => s.chooseDataset);
  const pick = (v: Choice) => {
    if (v === 'csv') {
      if (upload) chooseDataset({ kind: 'csv', name: upload.fileName, targetColumn: upload.target, rows: upload.dataset.nRows, sha256: upload.sha256 }, false);
      return;
    }
    chooseDataset(datasetByName(v.split(':')[1] ?? ''));
  };

  return (
    <Panel title="Data" lockPaths={SECTION_PATHS.data}>
      <SelectField label="Dataset" path="dataset" value={choiceOf(d)} options={choices.filter((c) => c.value !== 'csv' || upload)} onChange={pick} disabled={running} />
      {d.kind === 'synthetic' && (
        <div className="row">
          <NumberField label="Samples" bounds={BOUNDS.samples} value={d.samples} disabled={running} onChange={(v) => editSpec((s) => s.dataset.kind === 'synthetic' && (s.dataset.samples = v))} />
          <NumberField label="Noise" bounds={BOUNDS.noise} step={0.05} value={d.noise} disabled={running} onChange={(v) => editSpec((s) => s.dataset.kind === 'synthetic' && (s.dataset.noise = v))} />
        </div>
      )}
      <Advanced>
      <FileField label="Upload CSV" accept=".csv,text/csv,text/plain" disabled={running} onFile={(f) => void uploadCsv(f)} hint="Numeric feature columns and one target column; a header row is detected." />
      </Advanced>
      {d.kind === 'csv' && upload && (
        <SelectField
          label="Target column"
          value={d.targetColumn}
          options={upload.columns.map((c) => ({ value: c, label: c }))}
          onChange={chooseTarget}
          disabled={running}
        />
      )}
      <TaskField />
      <SequenceShape />
      <KeptFeatures />
      <DatasetPreview />
      <RegressionSuggestion />
      <CheckboxField
        label="Standardize features" path="preprocessing.standardize"
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
  const dataLoading = useStore((s) => s.dataLoading);
  const spec = useStore((s) => s.spec);
  const warning = summary && learningTaskOf(spec) === 'classification' ? targetWarning(summary) : null;
  return (
    <div className="preview" aria-live="polite">
      {dataLoading && (
        <p role="status" data-testid="data-loading">
          {dataLoading}
        </p>
      )}
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
          {summary.classes.length > 0 && learningTaskOf(spec) === 'classification' && (
            <>
              <dt>Classes</dt>
              <dd data-testid="preview-classes">{summary.classes.map((c) => `${c.name}: ${c.count}`).join(', ')}</dd>
            </>
          )}
          {summary.target && learningTaskOf(spec) === 'regression' && (
            <>
              <dt>Target</dt>
              <dd data-testid="preview-target">
                {summary.target.name}: {fmt(summary.target.min)} … {fmt(summary.target.max)}, mean {fmt(summary.target.mean)} ± {fmt(summary.target.std)}
              </dd>
            </>
          )}
        </dl>
      )}
      {warning && (
        <p className="notice" role="status" data-testid="target-warning">
          {warning}
        </p>
      )}
      {spec.dataset.kind === 'builtin' && <small className="attribution">{BUILTIN_DATASETS[spec.dataset.name].attribution}</small>}
    </div>
  );
}

/** An uploaded CSV's rows read as sequences: its feature columns, in file order, as steps of equal width. */
function SequenceShape() {
  const d = useStore((s) => s.spec.dataset);
  const width = useStore((s) => s.upload?.dataset.nFeatures);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  if (d.kind !== 'csv' || width === undefined) return null;
  const steps = d.sequenceSteps;
  return (
    <>
      <CheckboxField
        label="Rows are sequences"
        checked={steps !== undefined}
        disabled={running}
        hint="The feature columns, in file order, are steps of equal width (t1's values, then t2's…): an RNN reads them step by step."
        onChange={(on) =>
          editSpec((s) => {
            if (s.dataset.kind !== 'csv') return;
            if (on) s.dataset.sequenceSteps = Math.min(width, BOUNDS.sequenceSteps.max ?? width);
            else {
              delete s.dataset.sequenceSteps;
              // Plain columns: a CNN or an RNN cannot read them.
              if (s.model.kind === 'cnn' || s.model.kind === 'rnn') s.model = { kind: 'mlp', hidden: s.model.hidden.length ? s.model.hidden : [defaultDenseLayer()], l1: s.model.l1, l2: s.model.l2 };
            }
          })
        }
      />
      {steps !== undefined && (
        <NumberField
          label="Sequence steps"
          bounds={BOUNDS.sequenceSteps}
          value={steps}
          disabled={running}
          hint={width % steps === 0 ? `${steps} steps of ${width / steps} value${width / steps === 1 ? '' : 's'} each.` : `${width} columns do not split into ${steps} equal steps: choose a divisor of ${width}.`}
          onChange={(v) => editSpec((s) => s.dataset.kind === 'csv' && (s.dataset.sequenceSteps = v))}
        />
      )}
    </>
  );
}

/** A feature subset kept from an RFECV run travels in the spec (preprocessing.keepFeatures); this says so and undoes it. */
function KeptFeatures() {
  const kept = useStore((s) => s.spec.preprocessing.keepFeatures);
  const editSpec = useStore((s) => s.editSpec);
  const running = useStore((s) => s.status === 'running');
  if (!kept) return null;
  return (
    <p data-testid="kept-features">
      Using {kept.length} selected feature{kept.length === 1 ? '' : 's'}.{' '}
      <button type="button" disabled={running} onClick={() => editSpec((s) => delete s.preprocessing.keepFeatures)}>
        Use all features
      </button>
    </p>
  );
}
