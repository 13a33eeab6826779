import { lazy, Suspense, useEffect, useRef } from 'react';
import { DatasetPanel } from './panels/DatasetPanel';
import { ExperimentPanel } from './panels/ExperimentPanel';
import { ModelPanel } from './panels/ModelPanel';
import { RunPanel, RunStatus } from './panels/RunPanel';
import { SharePanel } from './panels/SharePanel';
import { HistoryPanel } from './history/HistoryPanel';
import { ImportedModelView } from './imported/ImportedModelView';
import { ImportPanel } from './imported/ImportPanel';
import { Notices } from './panels/Notices';
import { Toolbar } from './panels/Toolbar';
import { TrainingPanel } from './panels/TrainingPanel';
import { ValidationPanel } from './panels/ValidationPanel';
import { Guide } from './teach/Guide';
import { ExampleNote, Gallery } from './teach/Gallery';
import { TeachingViews } from './teach/TeachingViews';
import { KIND_VIEWS, preloadResults } from './kinds/registry';
import { Summary } from './results/Summary';
import { ResultsSource } from './results/ResultsSource';
import { Downloads } from './results/Downloads';
import { TrainingCurves } from './results/TrainingCurves';
import { useStore } from './store';

const CompareView = lazy(() => import('./results/CompareView').then((m) => ({ default: m.CompareView })));

/** The results of the run on screen: where they came from, the headline, the kind's views, the teaching views, the curves, the exports; then a comparison of saved runs. */
function Results() {
  const kind = useStore((s) => s.runSpec?.task.kind);
  const comparing = useStore((s) => s.compareIds.length >= 2);
  const Results = kind ? KIND_VIEWS[kind].Results : null;
  return (
    <>
      <ResultsSource />
      <Summary />
      {Results && (
        <Suspense fallback={<p className="hint">Loading the charts…</p>}>
          <Results />
        </Suspense>
      )}
      <TeachingViews />
      {kind && KIND_VIEWS[kind].curves !== false && <TrainingCurves />}
      <RunStatus />
      <Downloads />
      {comparing && (
        <Suspense fallback={<p className="hint">Loading the comparison…</p>}>
          <CompareView />
        </Suspense>
      )}
    </>
  );
}

/**
 * The results column's heading: focus moves here when a run ends, so keyboard users land on what
 * it produced. When a run starts with the heading out of view (a phone's single column, where the
 * form comes first), the page scrolls to it so the live results show; focus stays on Cancel.
 */
function ResultsHeading() {
  const status = useStore((s) => s.status);
  const ref = useRef<HTMLHeadingElement>(null);
  const was = useRef(status);
  useEffect(() => {
    const started = was.current !== 'running' && status === 'running';
    const ended = was.current === 'running' && status !== 'running';
    was.current = status;
    if (started) {
      const frame = requestAnimationFrame(() => {
        const top = ref.current?.getBoundingClientRect().top;
        if (top !== undefined && (top < 0 || top > window.innerHeight * 0.6)) ref.current?.scrollIntoView({ block: 'start' });
      });
      return () => cancelAnimationFrame(frame);
    }
    if (!ended) return;
    // In the next frame, where the page is laid out anyway (focus and scrolling force a layout,
    // which in the run's last message made that task a long one). Scrolled to its top (not merely
    // into view), so the headline chart below it shows too.
    const frame = requestAnimationFrame(() => {
      ref.current?.focus({ preventScroll: true });
      ref.current?.scrollIntoView({ block: 'start' });
    });
    return () => cancelAnimationFrame(frame);
  }, [status]);
  return (
    <h2 id="results-heading" className="results-heading" tabIndex={-1} ref={ref}>
      Results
    </h2>
  );
}

const NONE: readonly string[] = [];

export function App() {
  const hidden: readonly string[] = useStore((s) => s.teacher?.hide ?? NONE);
  const presenting = useStore((s) => s.presenting);
  // Once the page has loaded and gone idle, the engine workers start and the chosen kind's result views load,
  // so the first run skips both; a kind chosen later loads its views then.
  const kind = useStore((s) => s.spec.task.kind);
  useEffect(() => {
    const t = setTimeout(() => preloadResults(kind), 0);
    return () => clearTimeout(t);
  }, [kind]);
  useEffect(() => {
    const warm = () => useStore.getState().warmEngine();
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(warm, { timeout: 3000 });
      return () => cancelIdleCallback(id);
    }
    const t = setTimeout(warm, 1000);
    return () => clearTimeout(t);
  }, []);
  return (
    <div className={presenting ? 'app presenting' : 'app'}>
      <header className="topbar">
        <div className="brand">
          <h1>PruneLab</h1>
          <p>Train, cross-validate and prune neural networks in your browser. Nothing leaves this tab.</p>
        </div>
        <Toolbar />
      </header>
      <main>
        <div className="sidebar" role="region" aria-label="Settings" tabIndex={0}>
          <form className="controls" aria-label="Experiment settings" onSubmit={(e) => e.preventDefault()}>
            <Notices />
            {!hidden.includes('data') && <DatasetPanel />}
            {!hidden.includes('model') && <ModelPanel />}
            {!hidden.includes('training') && <TrainingPanel />}
            {!hidden.includes('validation') && <ValidationPanel />}
            {!hidden.includes('experiment') && <ExperimentPanel />}
            {hidden.length > 0 && <p className="hint" data-testid="hidden-note">Some settings are hidden by the link’s teacher options.</p>}
            <RunPanel />
          </form>
          {/* Outside the settings form: History has forms of its own (rename). */}
          {!presenting && <SharePanel />}
          {!presenting && <HistoryPanel />}
          <ImportPanel />
        </div>
        <div className="results-area" role="region" aria-labelledby="results-heading" tabIndex={0}>
          <ResultsHeading />
          <Gallery />
          <Guide />
          <ExampleNote />
          <ImportedModelView />
          <Results />
        </div>
      </main>
    </div>
  );
}
