import { useEffect, useRef } from 'react';
import { EXAMPLES } from '../../core/examples';
import { useStore } from '../store';

/** Ready experiments, each a question with its settings and what to expect; opening one replaces the settings (the old ones stay in History once run). */
export function Gallery() {
  const open = useStore((s) => s.examplesOpen);
  const toggle = useStore((s) => s.toggleExamples);
  const openExample = useStore((s) => s.openExample);
  const running = useStore((s) => s.status === 'running');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <section id="examples" className="gallery" aria-labelledby="examples-title">
      <div className="gallery-head">
        <h2 id="examples-title" tabIndex={-1} ref={heading}>
          Examples
        </h2>
        <button type="button" onClick={toggle}>
          Close examples
        </button>
      </div>
      <p className="hint">Each example replaces the settings on the left and runs in under a minute. Edit anything afterwards and run again.</p>
      <ul className="examples">
        {EXAMPLES.map((ex) => (
          <li key={ex.id} className="example" data-example={ex.id}>
            <h3>{ex.title}</h3>
            <p className="question">{ex.question}</p>
            <p className="hint">{ex.settings}</p>
            <p className="expect">
              <strong>Expect:</strong> {ex.expect}
            </p>
            <div className="buttons">
              <button type="button" className="primary" disabled={running} onClick={() => void openExample(ex.id, true)} aria-label={`Run example: ${ex.title}`}>
                Run it
              </button>
              <button type="button" disabled={running} onClick={() => void openExample(ex.id)} aria-label={`Open example: ${ex.title}`}>
                Open settings
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The opened example's expectation, kept beside the results it predicts. */
export function ExampleNote() {
  const example = useStore((s) => s.example);
  const close = useStore((s) => s.closeExample);
  if (!example) return null;
  return (
    <section className="example-note" aria-label="Example">
      <p>
        <strong>Example: {example.title}.</strong> Expect: {example.expect}
      </p>
      <button type="button" className="small" onClick={close} aria-label="Hide the example note">
        Hide
      </button>
    </section>
  );
}
