import { useEffect, useId, useState, type ReactNode } from 'react';
import { isLocked } from '../../core/link/codec';
import { describeBounds, withinBounds, type NumberBounds } from '../../core/spec/bounds';
import { useStore } from '../store';

/** Whether a link's teacher options lock the setting at `path` (a locked path locks everything under it). */
export const useLocked = (path: string | undefined): boolean => useStore((s) => path !== undefined && isLocked(s.teacher, path));

/**
 * Reports a field's invalid text to the store (cleared when valid again or unmounted): Run stays
 * blocked, with the reason beside it, while any field shows a value that is not the one in the spec.
 */
export function useReportInvalid(id: string, label: string, message: string | null): void {
  const report = useStore((s) => s.setFieldInvalid);
  const text = message === null ? null : `${label}: ${message}`;
  useEffect(() => {
    report(id, text);
  }, [id, text, report]);
  useEffect(() => () => report(id, null), [id, report]);
}

/** Every control has a visible <label> bound to it, which is also its accessible name. */
interface FieldProps {
  label: string;
  hint?: string;
  /** The spec path the field edits: a teacher's link can lock it. */
  path?: string;
}

interface NumberFieldProps extends FieldProps {
  value: number;
  /** The field's bounds, read from the spec's schema (spec/bounds.ts). */
  bounds: NumberBounds;
  /** Shown value = stored value × scale (e.g. 100 for a fraction shown as a percentage). */
  scale?: number;
  step?: number | 'any';
  onChange: (v: number) => void;
  disabled?: boolean;
}

/** A number input whose bounds come from the schema; only valid values reach the spec. */
export function NumberField(props: NumberFieldProps) {
  const id = useId();
  const scale = props.scale ?? 1;
  const shownValue = +(props.value * scale).toPrecision(12);
  const [text, setText] = useState(String(shownValue));
  const [shown, setShown] = useState(shownValue);
  if (shown !== shownValue) {
    // The value changed from outside (a reset, a loaded spec): show it (React's "adjust state while rendering").
    setShown(shownValue);
    if (Number(text) !== shownValue) setText(String(shownValue));
  }
  const locked = useLocked(props.path);
  const b = props.bounds;
  const accepts = (t: string): boolean => t.trim() !== '' && withinBounds(Number(t) / scale, b) && (!b.integer || Number.isInteger(Number(t)));
  const valid = accepts(text);
  const lo = b.min === undefined ? undefined : b.min * scale;
  const hi = b.max === undefined ? undefined : b.max * scale;
  const message = `Enter ${describeBounds(b, scale)}.`;
  useReportInvalid(id, props.label, valid || props.disabled ? null : message);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={lo}
        max={hi}
        step={props.step ?? (b.integer ? 1 : 'any')}
        aria-invalid={!valid}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        disabled={props.disabled || locked}
        onChange={(e) => {
          setText(e.target.value);
          if (accepts(e.target.value)) props.onChange(+(Number(e.target.value) / scale).toPrecision(12));
        }}
      />
      {props.hint && (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
      {!valid && (
        <small className="invalid" role="status">
          {message}
        </small>
      )}
    </div>
  );
}

export function SelectField<T extends string>(props: FieldProps & { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void; disabled?: boolean }) {
  const id = useId();
  const locked = useLocked(props.path);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} disabled={props.disabled || locked} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint && <small className="hint">{props.hint}</small>}
    </div>
  );
}

export function CheckboxField(props: FieldProps & { checked: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  const id = useId();
  const locked = useLocked(props.path);
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={props.checked} disabled={props.disabled || locked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <small className="hint">{props.hint}</small>}
    </div>
  );
}

/** One choice among several, as radio buttons in a fieldset; each option's hint is bound to it. */
export function RadioGroup<T extends string>(props: { legend: string; name: string; value: T; options: readonly { value: T; label: string; hint?: string }[]; onChange: (v: T) => void; disabled?: boolean; path?: string }) {
  const id = useId();
  const locked = useLocked(props.path);
  return (
    <fieldset className="radio-group" disabled={props.disabled || locked}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <div key={o.value} className="radio">
          <input
            type="radio"
            id={`${id}-${o.value}`}
            name={`${id}-${props.name}`}
            value={o.value}
            checked={props.value === o.value}
            aria-describedby={o.hint ? `${id}-${o.value}-hint` : undefined}
            onChange={() => props.onChange(o.value)}
          />
          <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          {o.hint && (
            <small id={`${id}-${o.value}-hint`} className="hint">
              {o.hint}
            </small>
          )}
        </div>
      ))}
    </fieldset>
  );
}

/** A file picker with its label; the chosen file is handed over and the input cleared, so the same file can be chosen again. */
export function FileField(props: FieldProps & { accept: string; onFile: (f: File) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="file"
        accept={props.accept}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) props.onFile(f);
        }}
      />
      {props.hint && (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

/** A titled section of the form. With `lockPaths`, a teacher's link that locks any of them fixes the whole section. */
export function Panel(props: { title: string; children: ReactNode; lockPaths?: readonly string[]; advanced?: boolean; collapsed?: boolean }) {
  const id = useId();
  const locked = useStore((s) => (props.lockPaths ?? []).some((p) => isLocked(s.teacher, p)));
  const hiddenForPresenting = useStore((s) => s.presenting && props.advanced === true);
  const [open, setOpen] = useState(!props.collapsed);
  if (hiddenForPresenting) return null;
  return (
    <section className="panel" aria-labelledby={id}>
      <Disclosure id={id} title={props.title} open={open} onToggle={() => setOpen(!open)} controls={`${id}-body`} />
      <div id={`${id}-body`} hidden={!open}>
        {locked && (
          <p className="hint locked" data-testid="locked-note">
            Locked by the link’s teacher options.
          </p>
        )}
        <fieldset className="panel-body" disabled={locked}>
          {props.children}
        </fieldset>
      </div>
    </section>
  );
}

/** Settings a beginner can leave alone: not rendered in presentation mode. */
export function Advanced(props: { children: ReactNode }) {
  const presenting = useStore((s) => s.presenting);
  return presenting ? null : <>{props.children}</>;
}

/** A section heading that opens and closes its section (the disclosure pattern: a button inside the heading). */
export function Disclosure(props: { id: string; title: string; open: boolean; onToggle: () => void; controls: string; level?: 2 | 3 }) {
  const H = props.level === 3 ? 'h3' : 'h2';
  return (
    <H id={props.id} className="disclosure">
      <button type="button" aria-expanded={props.open} aria-controls={props.controls} onClick={props.onToggle}>
        <span aria-hidden="true" className="chevron">
          {props.open ? '▾' : '▸'}
        </span>
        {props.title}
      </button>
    </H>
  );
}
