import type { StateCreator } from 'zustand';
import { loadExperimentData } from '../../core/data/resolve';
import { CancelledError } from '../../core/errors';
import { runExperiment } from '../../core/run/runExperiment';
import type { Executor } from '../../core/run/protocol';
import { RunTracker } from '../../core/run/tracker';
import { parseSpec } from '../../core/spec/parse';
import { withTask } from '../../core/spec/edit';
import { createBrowserExecutor } from '../engine/pool';
import { browserSources } from './sources';
import type { RunSlice, Store } from './types';

/** UI updates from the workers are batched to at most one per FLUSH_MS, so the main thread stays free. */
const FLUSH_MS = 250;

let executor: Executor | null = null;
const getExecutor = (): Executor => (executor ??= createBrowserExecutor());

/** The newest run's abort handle; a cancelled run's late replies cannot touch a newer one. */
let current: AbortController | null = null;

const CLEARED = { workerTensors: null, progress: null, result: null, runError: null, backend: null, plan: null } as const;

/**
 * The run slice only subscribes: the core's runExperiment plans, runs the jobs on the worker
 * pool and reduces; this slice mirrors its events into state (throttled) for the views.
 */
export const createRunSlice: StateCreator<Store, [], [], RunSlice> = (set, get) => ({
  status: 'idle',
  ...CLEARED,
  curves: [],
  runSpec: null,
  lastResults: {},

  run: async () => {
    if (get().status === 'running') return;
    const checked = parseSpec(get().spec);
    if (!checked.ok) {
      set({ ...CLEARED, curves: [], status: 'error', runError: checked.error });
      return;
    }
    const spec = checked.spec;
    const abort = new AbortController();
    current?.abort();
    current = abort;
    const isCurrent = () => current === abort && !abort.signal.aborted;
    set({ ...CLEARED, curves: [], status: 'running', runSpec: spec });
    let tracker: RunTracker | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (!tracker || current !== abort) return;
      set({ result: tracker.result(), curves: tracker.curves.map((c) => c.slice()), progress: tracker.progress() });
    };
    const schedule = () => (timer ??= setTimeout(flush, FLUSH_MS));
    try {
      const data = await loadExperimentData(spec, browserSources(get().upload?.dataset ?? null));
      if (!isCurrent()) return;
      const outcome = await runExperiment(spec, data, {
        executor: getExecutor(),
        signal: abort.signal,
        onEvent: (e) => {
          if (current !== abort) return;
          if (e.type === 'plan') {
            tracker = new RunTracker(e.spec, e.plan, e.data);
            set({ plan: e.plan, progress: tracker.progress() });
          } else if (e.type === 'backend') set({ backend: e.info });
          else if (e.type === 'job') tracker?.event(e.job, e.event);
          else if (e.type === 'job-done') tracker?.jobDone(e.job, e.output);
          if (e.type !== 'progress') schedule();
        },
      });
      if (timer) clearTimeout(timer);
      if (!isCurrent()) return;
      const result = outcome.result;
      const t = tracker as RunTracker | null;
      set({
        status: 'done',
        result,
        curves: t ? t.curves.map((c) => c.slice()) : [],
        progress: t ? t.progress() : null,
        lastResults: { ...get().lastResults, [result.kind]: { spec, result } },
      });
      const workerTensors = await getExecutor().tensorCount();
      if (current === abort) set({ workerTensors });
    } catch (e) {
      if (timer) clearTimeout(timer);
      if (current !== abort) return;
      if (e instanceof CancelledError || abort.signal.aborted) {
        // Whatever finished or streamed before the cancel stays on screen, marked partial.
        flush();
        set({ status: 'cancelled' });
        return;
      }
      set({ status: 'error', runError: e instanceof Error ? e.message : String(e) });
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
    set({ status: 'cancelled' });
    current?.abort();
  },
});
