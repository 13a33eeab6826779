import { useState } from 'react';
import { RESULT_VIEWS, SECTION_PATHS, SECTIONS, type ResultView, type SectionId, type TeacherOptions } from '../../core/link/codec';
import { useStore } from '../store';
import { CheckboxField, Panel, SelectField } from '../ui/fields';

export const SECTION_LABELS: Record<SectionId, string> = { data: 'Data', model: 'Model', training: 'Training', validation: 'Validation', experiment: 'Experiment' };
const VIEW_LABELS: Record<ResultView, string> = { summary: 'The headline numbers', chart: 'The main chart', table: 'The results table', curves: 'The training curves' };

/** The address bar holds the experiment; this copies it, and sets what a class sees when it opens the link. */
export function SharePanel() {
  const teacher = useStore((s) => s.teacher);
  const setTeacher = useStore((s) => s.setTeacher);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'manual'>('idle');
  const edit = (change: (t: TeacherOptions) => void) => {
    const next: TeacherOptions = structuredClone(teacher ?? {});
    change(next);
    if (!next.hide?.length) delete next.hide;
    if (!next.lock?.length) delete next.lock;
    if (!next.view) delete next.view;
    setTeacher(Object.keys(next).length ? next : undefined);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setCopied('copied');
    } catch {
      setCopied('manual');
    }
  };
  return (
    <Panel title="Share">
      <p className="hint">The address bar always holds this experiment: anyone who opens it gets these settings and, on the same backend, the same numbers.</p>
      <div className="buttons">
        <button type="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      {copied === 'copied' && (
        <p role="status" className="hint" data-testid="link-copied">
          Link copied.
        </p>
      )}
      {copied === 'manual' && (
        <div className="field">
          <label htmlFor="share-link">Link (copy it from here)</label>
          <input id="share-link" readOnly value={location.href} onFocus={(e) => e.target.select()} />
        </div>
      )}
      <details className="teacher">
        <summary>Teacher options</summary>
        <fieldset>
          <legend>Hide sections</legend>
          {SECTIONS.map((id) => (
            <CheckboxField key={id} label={`Hide ${SECTION_LABELS[id]}`} checked={teacher?.hide?.includes(id) ?? false} onChange={(on) => edit((t) => (t.hide = on ? [...(t.hide ?? []), id] : (t.hide ?? []).filter((h) => h !== id)))} />
          ))}
        </fieldset>
        <fieldset>
          <legend>Lock settings</legend>
          {SECTIONS.map((id) => (
            <CheckboxField
              key={id}
              label={`Lock ${SECTION_LABELS[id]}`}
              checked={SECTION_PATHS[id].every((p) => teacher?.lock?.includes(p))}
              onChange={(on) => edit((t) => (t.lock = on ? [...new Set([...(t.lock ?? []), ...SECTION_PATHS[id]])] : (t.lock ?? []).filter((p) => !SECTION_PATHS[id].includes(p))))}
            />
          ))}
        </fieldset>
        <SelectField<ResultView | ''>
          label="Open the results at"
          value={teacher?.view ?? ''}
          options={[{ value: '', label: 'The top (default)' }, ...RESULT_VIEWS.map((v) => ({ value: v, label: VIEW_LABELS[v] }))]}
          onChange={(v) => edit((t) => (v ? (t.view = v) : delete t.view))}
        />
        <p className="hint">These travel in the link; a student who opens it sees the hidden sections gone and the locked settings fixed.</p>
      </details>
    </Panel>
  );
}
