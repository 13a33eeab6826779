import { useReportInvalid } from '../ui/fields';
import { useId, useState } from 'react';
import { searchKind, searchTaskSchema, SEARCH_METHODS, type SearchTask } from '../../core/kinds/search';
import { numberBounds } from '../../core/spec/bounds';
import { SEARCHABLE, parseRange, parseValues } from '../../core/search/params';
import { baseOf } from '../../core/spec/schema';
import { useStore } from '../store';
import { formatDuration } from '../panels/RunPanel';
import { CheckboxField, NumberField, SelectField } from '../ui/fields';
import { useTask } from './useTask';

const METHOD_LABELS: Record<SearchTask['method'], string> = {
  grid: 'Grid (GridSearchCV): every combination',
  random: 'Random (RandomizedSearchCV): draw N candidates',
  halving: 'Successive halving (HalvingGridSearchCV)',
};

const BOUNDS = {
  candidates: numberBounds(searchTaskSchema, 'candidates'),
  factor: numberBounds(searchTaskSchema, 'halving.factor'),
  outerFolds: numberBounds(searchTaskSchema, 'nested.outerFolds'),
};

type Param = SearchTask['params'][number];
const paramText = (p: Param) => (p.range ? `${p.range.low}:${p.range.high}${p.range.log ? ':log' : ''}` : (p.values ?? []).join(', '));

/** Reads "0.001, 0.01, 0.1" (a list) or "1e-4:1e-1:log" (a range); null with the reason when it is neither. */
function readParam(path: string, text: string): { param: Param } | { error: string } {
  try {
    return text.includes(':') ? { param: { path, range: parseRange(text) } } : { param: { path, values: parseValues(text) } };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** One searched field: which one, and its values or range. */
function ParamRow({ index, param, onChange, onRemove, disabled, canRemove }: { index: number; param: Param; onChange: (p: Param) => void; onRemove: () => void; disabled: boolean; canRemove: boolean }) {
  const id = useId();
  const [text, setText] = useState(paramText(param));
  const read = readParam(param.path, text);
  const known = SEARCHABLE.some((s) => s.path === param.path);
  return (
    <li className="search-param">
      <div className="row">
        <SelectField
          label={`Field ${index + 1}`}
          value={param.path}
          options={[...SEARCHABLE.map((s) => ({ value: s.path, label: s.label })), ...(known ? [] : [{ value: param.path, label: param.path }])]}
          disabled={disabled}
          onChange={(path) => onChange({ ...param, path })}
        />
        <button type="button" disabled={disabled || !canRemove} onClick={onRemove} aria-label={`Remove field ${index + 1}`}>
          Remove
        </button>
      </div>
      <div className="field">
        <label htmlFor={id}>{`Values or range ${index + 1}`}</label>
        <input
          id={id}
          value={text}
          disabled={disabled}
          aria-invalid={'error' in read}
          onChange={(e) => {
            setText(e.target.value);
            const r = readParam(param.path, e.target.value);
            if ('param' in r) onChange(r.param);
          }}
        />
        {'error' in read && <small className="invalid">{read.error}</small>}
        <ReportInvalid id={id} label={`Values or range ${index + 1}`} message={'error' in read && !disabled ? read.error : null} />
      </div>
    </li>
  );
}

function ReportInvalid(props: { id: string; label: string; message: string | null }) {
  useReportInvalid(props.id, props.label, props.message);
  return null;
}

/** The search: which fields, over which values, how (grid, random, halving), with or without nested CV; and what it will cost. */
export function SearchOptions() {
  const { task, edit, running } = useTask('search');
  const spec = useStore((s) => s.spec);
  const summary = useStore((s) => s.datasetSummary);
  const pace = useStore((s) => s.lastPace);
  if (!task) return null;
  let plan: { jobs: number; rowEpochs: number; candidates: number } | { error: string };
  try {
    const data = { nRows: summary?.rows ?? 0, nFeatures: summary?.features ?? 0, nClasses: summary?.classes.length ?? 2, featureNames: [] };
    const jobs = searchKind.plan(baseOf(spec), task, data);
    const candidates = new Set(jobs.map((j) => (j.payload as { candidate: number }).candidate).filter((c) => c >= 0)).size;
    plan = { jobs: jobs.length, rowEpochs: jobs.reduce((n, j) => n + j.epochs, 0) * data.nRows, candidates };
  } catch (e) {
    plan = { error: e instanceof Error ? e.message : String(e) };
  }
  return (
    <>
      <SelectField label="Search method" value={task.method} options={SEARCH_METHODS.map((m) => ({ value: m, label: METHOD_LABELS[m] }))} disabled={running} onChange={(v) => edit((t) => (t.method = v))} />
      <p className="hint">Each field takes a list (0.001, 0.01, 0.1) or, for random search, a range to draw from (1e-4:1e-1:log).</p>
      <ol className="layers search-params">
        {task.params.map((p, i) => (
          <ParamRow key={`${i}-${task.params.length}`} index={i} param={p} disabled={running} canRemove={task.params.length > 1} onChange={(np) => edit((t) => (t.params[i] = np))} onRemove={() => edit((t) => t.params.splice(i, 1))} />
        ))}
      </ol>
      <button type="button" disabled={running || task.params.length >= 8} onClick={() => edit((t) => t.params.push({ path: SEARCHABLE.find((s) => !t.params.some((p) => p.path === s.path))?.path ?? 'model.l2', values: [0, 0.001] }))}>
        Add a field
      </button>
      {task.method === 'random' && <NumberField label="Candidates to draw" bounds={BOUNDS.candidates} value={task.candidates} disabled={running} onChange={(v) => edit((t) => (t.candidates = v))} />}
      {task.method === 'halving' && (
        <div className="row">
          <NumberField label="Halving factor" bounds={BOUNDS.factor} value={task.halving.factor} disabled={running} onChange={(v) => edit((t) => (t.halving.factor = v))} hint="Each round keeps the best 1/factor and gives them factor× more." />
          <SelectField
            label="Resource"
            value={task.halving.resource}
            options={[
              { value: 'epochs', label: 'Training epochs' },
              { value: 'rows', label: 'Training rows (n_samples)' },
            ]}
            disabled={running}
            onChange={(v) => edit((t) => (t.halving.resource = v))}
          />
        </div>
      )}
      <CheckboxField label="Nested CV (an unbiased estimate)" checked={task.nested.enabled} disabled={running || task.method === 'halving'} onChange={(v) => edit((t) => (t.nested.enabled = v))} hint="Repeats the whole search inside each outer fold and scores its choice on the outer fold it never saw." />
      {task.nested.enabled && <NumberField label="Outer folds" bounds={BOUNDS.outerFolds} value={task.nested.outerFolds} disabled={running} onChange={(v) => edit((t) => (t.nested.outerFolds = v))} />}
      <CheckboxField label="Also score the current settings" checked={task.includeCurrent} disabled={running} onChange={(v) => edit((t) => (t.includeCurrent = v))} hint="The “before” of optimize → prune." />
      {'error' in plan ? (
        <p role="alert" className="error" data-testid="search-plan-error">
          {plan.error}
        </p>
      ) : (
        <p className="hint" data-testid="search-plan">
          {plan.candidates} candidate{plan.candidates === 1 ? '' : 's'}, {plan.jobs} trainings (the refit included){pace && plan.rowEpochs ? ` · about ${formatDuration(pace * plan.rowEpochs)} at the last run’s pace` : ' · run anything once to estimate the time'}.
        </p>
      )}
    </>
  );
}
