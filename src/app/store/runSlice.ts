import type { StateCreator } from 'zustand';
import { resolveDataset } from '../../core/data/resolve';
import { makeSplits, summarizeFolds, type FoldResult } from '../../core/cv/plan';
import { macsPerStep } from '../../core/protocol';
import { parseSpec } from '../../core/spec/schema';
import type { EpochMetrics } from '../../core/train/loop';
import { EnginePool } from '../engine/pool';
import { browserSources } from './sources';
import type { RunSlice, Store } from './types';

/** UI updates from the workers are batched to at most one per FLUSH_MS, so the main thread stays free. */
const FLUSH_MS = 250;

let pool: EnginePool | null = null;
const getPool = (): EnginePool => (pool ??= new EnginePool());
/** For tests and diagnostics: live tensors in the engine workers. */
export const engineTensorCount = (): Promise<number> => getPool().tensorCount();

/** Identifies the newest run, so that a cancelled run's late replies cannot touch a newer one. */
let currentRun = 0;

const IDLE = { progress: null, curves: [], folds: [], cvSummary: null, runError: null, backend: null } as const;

export const createRunSlice: StateCreator<Store, [], [], RunSlice> = (set, get) => ({
  status: 'idle',
  ...IDLE,
  curves: [],
  folds: [],

  run: async () => {
    if (get().status === 'running') return;
    const checked = parseSpec(get().spec);
    if (!checked.ok) {
      set({ status: 'error', runError: checked.error });
      return;
    }
    const spec = checked.spec;
    const runId = ++currentRun;
    const isCurrent = () => runId === currentRun && get().status === 'running';
    set({ ...IDLE, curves: [], folds: [], status: 'running' });
    try {
      const dataset = await resolveDataset(spec.dataset, spec.seed, browserSources(get().upload?.dataset ?? null));
      const splits = makeSplits(spec, dataset);
      const epochsTotal = splits.length * spec.training.epochs;
      const startedAt = performance.now();
      const curves: EpochMetrics[][] = splits.map(() => []);
      const folds: FoldResult[] = [];
      let epochsDone = 0;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        timer = null;
        if (!isCurrent()) return;
        const etaMs = epochsDone > 0 ? ((performance.now() - startedAt) / epochsDone) * (epochsTotal - epochsDone) : null;
        set({ curves: curves.map((c) => c.slice()), folds: folds.slice(), progress: { epochsDone, epochsTotal, startedAt, etaMs } });
      };
      const schedule = () => (timer ??= setTimeout(flush, FLUSH_MS));
      set({ progress: { epochsDone: 0, epochsTotal, startedAt, etaMs: null } });
      const results = await getPool().run(
        {
          spec,
          dataset,
          splits,
          onEpoch: (fold, m) => {
            curves[fold]?.push(m);
            epochsDone++;
            schedule();
          },
          onFold: (r) => {
            folds.push(r);
            // Early stopping ends a fold before its epoch budget: count the rest as done.
            epochsDone += spec.training.epochs - r.epochsRun;
            schedule();
          },
          onBackend: (backend) => {
            if (isCurrent()) set({ backend });
          },
        },
        { macsPerStep: macsPerStep(spec, dataset.nFeatures, dataset.classNames.length) },
      );
      if (timer) clearTimeout(timer);
      if (!isCurrent()) return;
      set({
        status: 'done',
        folds: results,
        curves: curves.map((c) => c.slice()),
        cvSummary: summarizeFolds(results),
        progress: { epochsDone: epochsTotal, epochsTotal, startedAt, etaMs: 0 },
      });
    } catch (e) {
      if (!isCurrent()) return;
      set({ status: 'error', runError: e instanceof Error ? e.message : String(e) });
    }
  },

  cancel: () => {
    if (get().status !== 'running') return;
    set({ status: 'cancelled' });
    getPool().cancel();
  },
});
