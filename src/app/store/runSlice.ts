import type { StateCreator } from 'zustand';
import { loadExperimentData } from '../../core/data/resolve';
import { CancelledError, explainFailure } from '../../core/errors';
import { outcomeOf, runExperiment, type ExperimentOutcome } from '../../core/run/runExperiment';
import type { BackendInfo, Executor, ModelInput } from '../../core/run/protocol';
import type { ExperimentSpec } from '../../core/spec/schema';
import { resultsFile } from '../../core/run/results';
import { RunTracker } from '../../core/run/tracker';
import { parseSpec } from '../../core/spec/parse';
import { withTask } from '../../core/spec/edit';
import { applyCandidate, candidateText } from '../../core/search/params';
import { createBrowserExecutor } from '../engine/pool';
import { Playback } from './playback';
import { browserSources } from './sources';
import type { ImportState, RunSlice, Store } from './types';

/** UI updates from the workers are batched to at most one per FLUSH_MS, so the main thread stays free. */
const FLUSH_MS = 250;
/**
 * Specs already checked, by object (the store replaces the spec on every edit, never changes it in
 * place): the pointer on Run checks the spec the click will run, so the click does not (a parse
 * was 5–9 ms of Run's click task).
 */
const checkedSpecs = new WeakMap<ExperimentSpec, ReturnType<typeof parseSpec>>();
const checkSpec = (spec: ExperimentSpec): ReturnType<typeof parseSpec> => {
  let checked = checkedSpecs.get(spec);
  if (!checked) checkedSpecs.set(spec, (checked = parseSpec(spec)));
  return checked;
};
/** Resolves in a later task (a message to itself: not clamped like a nested setTimeout). */
const nextTask = () =>
  new Promise<void>((resume) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resume();
    };
    channel.port2.postMessage(null);
  });

let executor: Executor | null = null;
const getExecutor = (): Executor => (executor ??= createBrowserExecutor());

/** The newest run's abort handle; a cancelled run's late replies cannot touch a newer one. */
let current: AbortController | null = null;
/** The running run's play / pause / step control (presentation mode), if it was started stepped. */
let playback: Playback | null = null;

const CLEARED = { workerTensors: null, progress: null, result: null, runError: null, runNotice: null, backend: null, plan: null, currentFile: null } as const;

/** What a browser run records about where it ran. */
const environment = () => ({ version: __APP_VERSION__, runtime: navigator.userAgent });

export const getBrowserExecutor = getExecutor;

/**
 * The run slice only subscribes: the core's runExperiment plans, runs the jobs on the worker
 * pool and reduces; this slice mirrors its events into state (throttled) for the views.
 */
/** The imported model's files when the spec uses them (runExperiment says what is missing otherwise). */
function modelInputFor(spec: ExperimentSpec, imported: ImportState): ModelInput | undefined {
  if (spec.model.kind !== 'imported' || !imported.sha256) return undefined;
  return { sha256: imported.sha256, files: imported.files };
}

export const createRunSlice: StateCreator<Store, [], [], RunSlice> = (set, get) => ({
  status: 'idle',
  ...CLEARED,
  curves: [],
  runSpec: null,
  lastResults: {},
  currentFile: null,

  exportModel: async (tag, label, job) => {
    const spec = get().runSpec;
    if (!spec) throw new Error('There is no run on screen to export a model from.');
    const data = await loadExperimentData(spec, browserSources(get().upload?.dataset ?? null));
    const plan = job === undefined ? undefined : get().currentFile?.plan[job];
    return getExecutor().exportModel(spec, data, tag, label, plan, modelInputFor(spec, get().imported));
  },

  lastPace: null,
  pipeline: null,
  paused: false,

  play: () => {
    if (get().status !== 'running') {
      set({ paused: false });
      void get().run();
      return;
    }
    playback?.play();
    set({ paused: false });
  },
  pause: () => {
    if (get().status !== 'running' || !playback) return;
    playback.pause();
    set({ paused: true });
  },
  stepEpoch: () => {
    if (get().status !== 'running') {
      set({ paused: true });
      void get().run();
    }
    playback?.step();
    set({ paused: true });
  },

  applySearchBest: () => {
    const result = get().result;
    if (result?.kind !== 'search' || !result.best) return;
    const spec = applyCandidate(get().spec, result.best.params);
    set({ spec, specNotice: { kind: 'info', text: `Applied the best parameters: ${candidateText(result.best.params) || 'the current settings were best'}. Run cross-validation to evaluate them, or a pruning sweep to prune them.` } });
    get().chooseKind('cv');
  },

  pruneSearchBest: async () => {
    const result = get().result;
    if (result?.kind !== 'search' || !result.best) return;
    const current = result.candidates.find((c) => c.current);
    get().applySearchBest();
    get().chooseKind('sweep');
    set({ pipeline: { before: current ? { mean: current.mean, std: current.std } : null, optimized: { mean: result.best.mean, std: result.best.std, params: candidateText(result.best.params) || 'the current settings' }, spec: get().spec } });
    await get().run();
  },

  showFile: (file, partial) => {
    current?.abort();
    current = null;
    set({
      ...CLEARED,
      spec: file.spec,
      runSpec: file.spec,
      result: file.result,
      curves: file.curves,
      plan: file.plan,
      backend: file.environment.backend,
      status: partial ? 'cancelled' : 'done',
      currentFile: file,
    });
    get().clearTeach();
  },

  warmEngine: () => {
    if (get().status === 'running') return;
    getExecutor().warm?.(get().spec.backend);
    // The spec schema's first parse builds zod's parsers (tens of ms), and each parse takes a few: done here, at
    // idle or with the pointer on Run, rather than in Run's click.
    checkSpec(get().spec);
  },

  run: async () => {
    if (get().status === 'running') return;
    // What the form shows is what runs: an invalid field blocks the run (the R key too), and says so beside Run.
    if (Object.keys(get().invalidFields).length > 0) return;
    const checked = checkSpec(get().spec);
    if (!checked.ok) {
      set({ ...CLEARED, curves: [], status: 'error', runError: checked.error });
      return;
    }
    const spec = checked.spec;
    const abort = new AbortController();
    current?.abort();
    current = abort;
    // Presentation mode runs stepped: it can pause before any epoch (and starts paused after Step).
    playback?.stop();
    const stepped = get().presenting ? new Playback(get().paused) : null;
    playback = stepped;
    abort.signal.addEventListener('abort', () => stepped?.stop(), { once: true });
    const isCurrent = () => current === abort && !abort.signal.aborted;
    set({ ...CLEARED, curves: [], status: 'running', runSpec: spec, shown: null });
    // The page draws "Running" (and the cleared results) in a task of its own; loading the data and
    // starting the jobs come in the next one, so the click's task stays short.
    await nextTask();
    if (!isCurrent()) return;
    let tracker: RunTracker | null = null;
    let backend: BackendInfo | null = null;
    let dataName = '';
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    /** A cancelled run is kept too, marked partial: whatever finished or streamed before the cancel. */
    const savePartial = () => {
      if (!tracker) return;
      const outcome: ExperimentOutcome = { ...outcomeOf(tracker), backend, executor: getExecutor().name, startedAt, wallMs: performance.now() - t0 };
      const file = resultsFile(outcome, environment(), dataName);
      set({ currentFile: file });
      void get().saveRun(file, true);
    };
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Only what changed is pushed: a sweep's fine-tuning epochs move the progress, not the result or the curves,
    // so the charts and the reductions behind them are not redone four times a second for nothing.
    let pushed = { result: -1, curves: -1 };
    const flush = () => {
      timer = null;
      if (!tracker || current !== abort) return;
      const next = { result: tracker.resultVersion, curves: tracker.curvesVersion };
      set({
        progress: tracker.progress(),
        ...(next.result !== pushed.result ? { result: tracker.result() } : {}),
        ...(next.curves !== pushed.curves ? { curves: tracker.curves.map((c) => c.slice()) } : {}),
      });
      pushed = next;
    };
    const schedule = () => (timer ??= setTimeout(flush, FLUSH_MS));
    try {
      const sources = browserSources(get().upload?.dataset ?? null);
      const data = await loadExperimentData(spec, sources);
      dataName = data.name;
      // RFE's removed features are drawn greyed in the network diagram: the diagram needs them all.
      const all = spec.preprocessing.keepFeatures ? (await loadExperimentData({ ...spec, preprocessing: { standardize: spec.preprocessing.standardize } }, sources)).featureNames : data.featureNames;
      if (!isCurrent()) return;
      get().startTeach(data, all, spec);
      const model = modelInputFor(spec, get().imported);
      const outcome = await runExperiment(spec, data, {
        ...(model ? { model } : {}),
        executor: getExecutor(),
        signal: abort.signal,
        teach: true,
        ...(stepped ? { gate: stepped.gate } : {}),
        onEvent: (e) => {
          // Nothing that arrives after a cancel is shown (a job's last events can still be in flight).
          if (!isCurrent()) return;
          if (e.type === 'job' && e.event.type === 'snapshot') return get().addSnapshot(e.event.snapshot);
          if (e.type === 'plan') {
            tracker = new RunTracker(e.spec, e.plan, e.data);
            set({ plan: e.plan, progress: tracker.progress() });
          } else if (e.type === 'backend') set({ backend: (backend = e.info) });
          else if (e.type === 'job') tracker?.event(e.job, e.event);
          else if (e.type === 'job-done') tracker?.jobDone(e.job, e.output);
          else if (e.type === 'resolved') for (const j of e.jobs) tracker?.adopt(j);
          else if (e.type === 'job-restart') {
            tracker?.restart(e.job);
            const label = tracker?.plan[e.job]?.label ?? `job ${e.job + 1}`;
            set({ runNotice: `The worker running ${label} crashed (${e.reason}); ${label} started again on a fresh worker, with the same seed.` });
          }
          if (e.type !== 'progress') schedule();
        },
      });
      if (timer) clearTimeout(timer);
      if (!isCurrent()) return;
      const result = outcome.result;
      const t = tracker as RunTracker | null;
      const file = resultsFile(outcome, environment(), data.name);
      const rowEpochs = outcome.plan.reduce((n, j) => n + j.epochs, 0) * data.nRows;
      set({
        status: 'done',
        paused: false,
        result,
        lastPace: rowEpochs > 0 ? outcome.wallMs / rowEpochs : get().lastPace,
        curves: outcome.curves,
        progress: t ? t.progress() : null,
        currentFile: file,
        lastResults: { ...get().lastResults, [result.kind]: { spec, result } },
      });
      void get().saveRun(file, false);
      const workerTensors = await getExecutor().tensorCount();
      if (current === abort) set({ workerTensors });
    } catch (e) {
      if (timer) clearTimeout(timer);
      if (current !== abort) return;
      if (e instanceof CancelledError || abort.signal.aborted) {
        // Whatever finished or streamed before the cancel stays on screen, marked partial, and is saved.
        flush();
        set({ status: 'cancelled', paused: false });
        savePartial();
        return;
      }
      // A failed run keeps what finished before the failure on screen, marked partial, and saved, as a cancelled one does.
      flush();
      set({ status: 'error', paused: false, runError: explainFailure(e instanceof Error ? e.message : String(e)) });
      const t = tracker as RunTracker | null;
      if (t?.jobs.some((j) => j.output !== undefined)) savePartial();
    }
  },

  keepFeatures: (names) => {
    get().editSpec((s) => {
      s.preprocessing.keepFeatures = names;
    });
    get().chooseKind('cv');
  },

  runLayerTargets: async (targets) => {
    const { spec, taskMemory } = get();
    const sweep = withTask(spec, 'sweep', taskMemory.sweep);
    if (sweep.task.kind !== 'sweep') return;
    sweep.task = { ...sweep.task, methods: ['layer-targets'], layerTargets: targets, schedule: 'oneshot' };
    set({ spec: sweep, taskMemory: { ...taskMemory, [spec.task.kind]: spec.task } });
    await get().run();
  },

  cancel: () => {
    if (get().status !== 'running') return;
    set({ status: 'cancelled', paused: false });
    current?.abort();
  },
});
