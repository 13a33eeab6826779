import { useStore } from '../store';

/** A three-step guide for a first visit, shown until dismissed (remembered) and only while nothing is on screen. */
export function Guide() {
  const open = useStore((s) => s.guideOpen);
  const idle = useStore((s) => s.status === 'idle' && s.result === null);
  const dismiss = useStore((s) => s.dismissGuide);
  const toggleExamples = useStore((s) => s.toggleExamples);
  const examplesOpen = useStore((s) => s.examplesOpen);
  if (!open || !idle) return null;
  return (
    <section className="guide" aria-labelledby="guide-title">
      <h2 id="guide-title">Getting started</h2>
      <ol>
        <li>
          <strong>Pick data and a model</strong> on the left. Each dataset comes with a model that learns it.
        </li>
        <li>
          <strong>Choose what to run</strong> under Experiment: cross-validation, a pruning sweep, structural pruning, feature selection, a search.
        </li>
        <li>
          <strong>Press Run</strong> (or the R key). Charts fill in here while the workers train; Esc cancels.
        </li>
      </ol>
      <p>Not sure where to start? The examples are ready-made questions with the answer you should expect.</p>
      <div className="buttons">
        {!examplesOpen && (
          <button type="button" className="primary" onClick={toggleExamples}>
            Show the examples
          </button>
        )}
        <button type="button" onClick={dismiss}>
          Got it, hide this guide
        </button>
      </div>
    </section>
  );
}
