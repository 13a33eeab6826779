import { useReportInvalid } from './fields';
import { useId, useState } from 'react';
import { withinBounds, type NumberBounds } from '../../core/spec/bounds';

/** Parses "50, 75, 90" (percent) into sorted unique fractions; null when any entry is outside the bounds (fractions). */
export function parsePercentList(text: string, bounds: NumberBounds): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values = parts.map((p) => Math.round(Number(p) * 10) / 1000);
  if (parts.length === 0 || parts.some((p) => !Number.isFinite(Number(p))) || values.some((v) => !withinBounds(v, bounds))) return null;
  const unique = [...new Set(values)].sort((a, b) => a - b);
  if ((bounds.minItems !== undefined && unique.length < bounds.minItems) || (bounds.maxItems !== undefined && unique.length > bounds.maxItems)) return null;
  return unique;
}

const pct = (x: number | undefined) => (x === undefined ? '' : String(+(x * 100).toFixed(1)));

/** A comma-separated list of percentages, edited as text and stored as fractions; its bounds come from the schema. */
export function PercentListField(props: { label: string; value: readonly number[]; bounds: NumberBounds; disabled: boolean; onChange: (v: number[]) => void }) {
  const id = useId();
  const format = (v: readonly number[]) => v.map((s) => +(s * 100).toFixed(1)).join(', ');
  const [text, setText] = useState(format(props.value));
  const valid = parsePercentList(text, props.bounds) !== null;
  const b = props.bounds;
  const count = b.minItems !== undefined || b.maxItems !== undefined ? `, ${b.minItems ?? 1} to ${b.maxItems ?? '∞'} values` : '';
  const message = `Enter percentages from ${pct(b.min)} to ${pct(b.max)}, separated by commas${count}.`;
  useReportInvalid(id, props.label, valid || props.disabled ? null : message);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        value={text}
        disabled={props.disabled}
        aria-invalid={!valid}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parsePercentList(e.target.value, props.bounds);
          if (parsed) props.onChange(parsed);
        }}
      />
      {!valid && <small className="invalid">{message}</small>}
    </div>
  );
}
