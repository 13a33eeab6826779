import { useId, useState } from 'react';

/** Parses "50, 75, 90" (percent) into sorted unique fractions; null when any entry is not a percentage below 100. */
export function parsePercentList(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0 || values.some((v) => !Number.isFinite(v) || v < 0 || v >= 100)) return null;
  return [...new Set(values.map((v) => Math.round(v * 10) / 1000))].sort((a, b) => a - b);
}

/** A comma-separated list of percentages, edited as text and stored as fractions. */
export function PercentListField(props: { label: string; value: readonly number[]; disabled: boolean; onChange: (v: number[]) => void }) {
  const id = useId();
  const format = (v: readonly number[]) => v.map((s) => +(s * 100).toFixed(1)).join(', ');
  const [text, setText] = useState(format(props.value));
  const valid = parsePercentList(text) !== null;
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
          const parsed = parsePercentList(e.target.value);
          if (parsed) props.onChange(parsed);
        }}
      />
      {!valid && <small className="invalid">Enter percentages from 0 to 99.9, separated by commas.</small>}
    </div>
  );
}
