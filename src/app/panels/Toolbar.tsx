import { metricInfo, metricWord } from '../results/metric';
import { useEffect, useRef } from 'react';
import { RUN_KINDS } from '../../core/kinds/registry';
import { useStore } from '../store';
import { formatDuration } from './RunPanel';

/**
 * Run, Cancel, progress and the run's status, always in view. Focus follows the run (Cancel while
 * it runs); a polite live region speaks at most every 10 % and once at the end. R runs, Esc cancels.
 */
export function Toolbar() {
  const status = useStore((s) => s.status);
  const progress = useStore((s) => s.progress);
  const kind = useStore((s) => s.spec.task.kind);
  const run = useStore((s) => s.run);
  const warmEngine = useStore((s) => s.warmEngine);
  const cancel = useStore((s) => s.cancel);
  const summary = useStore((s) => s.result?.summary);
  const presenting = useStore((s) => s.presenting);
  const togglePresenting = useStore((s) => s.togglePresenting);
  const examplesOpen = useStore((s) => s.examplesOpen);
  const toggleExamples = useStore((s) => s.toggleExamples);
  const paused = useStore((s) => s.paused);
  const epoch = useStore((s) => s.curves[0]?.at(-1)?.epoch ?? 0);
  const play = useStore((s) => s.play);
  const pause = useStore((s) => s.pause);
  const stepEpoch = useStore((s) => s.stepEpoch);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const invalidFields = useStore((s) => s.invalidFields);
  const invalid = Object.values(invalidFields);
  const blocked = invalid.length > 0;
  const running = status === 'running';
  const pct = progress ? Math.round(100 * progress.fraction) : 0;
  // Focus follows the run: to Cancel when it starts (not in presentation mode, where Play and Step keep it).
  // In the next frame, where the page is laid out anyway: focus() forces a layout, which in the click's
  // own task (the form cleared, the results emptied) made it a long one.
  useEffect(() => {
    if (!running || useStore.getState().presenting) return;
    const frame = requestAnimationFrame(() => cancelRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [running]);

  // The live region's text changes only at each tenth of the progress and once at the end, so it speaks no more often.
  const decile = running ? Math.floor(pct / 10) : 0;
  const endText = status === 'done' ? `Finished.${summary ? ` Mean ${metricWord(metricInfo(summary.metric))} ${summary.mean.toFixed(4)} ± ${summary.std.toFixed(4)}.` : ''}` : status === 'cancelled' ? 'Cancelled.' : status === 'error' ? 'Stopped with an error.' : '';
  const spoken = running ? (decile > 0 ? `${decile * 10}% done` : 'Running.') : endText;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.closest('input, select, textarea, [contenteditable="true"]') || e.ctrlKey || e.metaKey || e.altKey)) return;
      const st = useStore.getState();
      if (e.key === 'r' || e.key === 'R') {
        e.preventDefault();
        void st.run();
      } else if (e.key === 'Escape') st.cancel();
      else if (st.presenting && (e.key === 'p' || e.key === 'P')) {
        e.preventDefault();
        if (st.status === 'running' && !st.paused) st.pause();
        else st.play();
      } else if (st.presenting && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        st.stepEpoch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const label: Record<typeof status, string> = {
    idle: 'Ready. Press Run.',
    running: paused ? `Paused after epoch ${epoch} (fold 1). Step trains one more epoch; Play resumes.` : `Running… ${pct}%${progress?.etaMs != null ? ` · ETA ${formatDuration(progress.etaMs)}` : ''}`,
    done: 'Finished.',
    cancelled: 'Cancelled. Partial results below are not a finished run.',
    error: 'Stopped with an error.',
  };
  return (
    <div className="toolbar-controls" role="toolbar" aria-label="Run controls">
      <button
        type="button"
        className="primary"
        onClick={() => void run()}
        // The pointer or focus on Run: the engine workers start now, not when it is pressed.
        onPointerEnter={warmEngine}
        onFocus={warmEngine}
        disabled={running || blocked}
        aria-keyshortcuts="R"
        aria-describedby={blocked ? 'run-blocked' : undefined}
        title={blocked ? `Run is blocked: ${invalid.join(' ')}` : `Run the ${RUN_KINDS[kind].label.toLowerCase()} (R)`}
      >
        Run
      </button>
      <button type="button" ref={cancelRef} onClick={cancel} disabled={!running} aria-keyshortcuts="Escape" title="Cancel (Esc)">
        Cancel
      </button>
      {presenting && (
        <>
          <button type="button" onClick={running && !paused ? pause : play} aria-keyshortcuts="P" title="Play or pause the training (P)">
            {running && !paused ? 'Pause' : 'Play'}
          </button>
          <button type="button" onClick={stepEpoch} aria-keyshortcuts="S" title="Train one epoch, then pause (S)">
            Step one epoch
          </button>
        </>
      )}
      <progress aria-label="Progress" max={100} value={status === 'idle' ? 0 : status === 'done' ? 100 : pct} />
      {blocked && !running ? (
        <span id="run-blocked" data-testid="run-blocked" className="run-status run-blocked" role="status">
          Run is blocked — {invalid[0]}
          {invalid.length > 1 ? ` (and ${invalid.length - 1} more field${invalid.length > 2 ? 's' : ''})` : ''}
        </span>
      ) : (
        <span data-testid="run-status" className="run-status">
          {label[status]}
        </span>
      )}
      <span className="sr-only" aria-live="polite" data-testid="announcer">
        {spoken}
      </span>
      <span className="toolbar-spacer" />
      <button type="button" aria-expanded={examplesOpen} onClick={toggleExamples}>
        Examples
      </button>
      <button type="button" className="present-toggle" aria-pressed={presenting} onClick={togglePresenting}>
        Presentation mode
      </button>
    </div>
  );
}
