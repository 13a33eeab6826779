import { useId, useState, type ReactNode } from 'react';

/** Every control has a visible <label> bound to it, which is also its accessible name. */
interface FieldProps {
  label: string;
  hint?: string;
}

export function NumberField(props: FieldProps & { value: number; min?: number; max?: number; step?: number | 'any'; integer?: boolean; onChange: (v: number) => void; disabled?: boolean }) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    // The value changed from outside (a reset, a loaded spec): show it (React's "adjust state while rendering").
    setShown(props.value);
    if (Number(text) !== props.value) setText(String(props.value));
  }
  const accepts = (t: string): boolean => {
    const v = Number(t);
    return t.trim() !== '' && Number.isFinite(v) && (!props.integer || Number.isInteger(v)) && (props.min === undefined || v >= props.min) && (props.max === undefined || v <= props.max);
  };
  const valid = accepts(text);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={props.min}
        max={props.max}
        step={props.step ?? (props.integer ? 1 : 'any')}
        aria-invalid={!valid}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        disabled={props.disabled}
        onChange={(e) => {
          setText(e.target.value);
          if (accepts(e.target.value)) props.onChange(Number(e.target.value));
        }}
      />
      {props.hint && (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
      {!valid && (
        <small className="invalid" role="status">
          {`Enter ${props.integer ? 'a whole number' : 'a number'}${props.min !== undefined ? ` ≥ ${props.min}` : ''}${props.max !== undefined ? ` and ≤ ${props.max}` : ''}.`}
        </small>
      )}
    </div>
  );
}

export function SelectField<T extends string>(props: FieldProps & { value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.target.value as T)}>
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
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <small className="hint">{props.hint}</small>}
    </div>
  );
}

export function Panel(props: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}
