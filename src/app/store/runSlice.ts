import type { StateCreator } from 'zustand';
import { makeSplits, summarizeFolds, type FoldResult } from '../../core/cv/plan';
import { loadExperimentData } from '../../core/data/resolve';
import { summarizeSweep } from '../../core/prune/report';
import type { StructuralResult } from '../../core/structural/structural';
import { macsPerStep } from '../../core/protocol';
import { epochsPerFold } from '../../core/prune/plan';
import type { SweepDetail, SweepPoint } from '../../core/prune/sweep';
import { parseSpec } from '../../core/spec/schema';
import type { EpochMetrics } from '../../core/train/loop';
import type { SensitivityPoint } from '../../core/sensitivity/analysis';
import { defaultPruning, runKind } from '../../core/spec/schema';
import { cvTask, EnginePool, featureSelectionTask, sensitivityTask, structuralTask, sweepTask } from '../engine/pool';
import { browserSources } from './sources';
import type { RunSlice, Store } from './types';

/** UI updates from the workers are batched to at most one per FLUSH_MS, so the main thread stays free. */
const FLUSH_MS = 250;

let pool: EnginePool | null = null;
const getPool = (): EnginePool => (pool ??= new EnginePool());

/** Identifies the newest run, so that a cancelled run's late replies cannot touch a newer one. */
let currentRun = 0;

const CLEARED = { workerTensors: null, progress: null, curves: [], folds: [], cvSummary: null, runError: null, backend: null, points: [], sweepDetail: null, sensitivity: [], featureResult: null, structural: [] } as const;

export const createRunSlice: StateCreator<Store, [], [], RunSlice> = (set, get) => ({
  status: 'idle',
  ...CLEARED,
  curves: [],
  folds: [],
  points: [],
  sensitivity: [],
  featureResult: null,
  structural: [],
  lastSweep: [],
  runSpec: null,

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
    set({ ...CLEARED, curves: [], folds: [], points: [], sensitivity: [], structural: [], status: 'running', runSpec: spec });
    try {
      const dataset = await loadExperimentData(spec, browserSources(get().upload?.dataset ?? null));
      // Cancelled (or superseded) while the data was loading: never reach the workers.
      if (!isCurrent()) return;
      const splits = makeSplits(spec, dataset);
      const perFold = epochsPerFold(spec);
      const epochsTotal = splits.length * perFold;
      const startedAt = performance.now();
      const curves: EpochMetrics[][] = splits.map(() => []);
      const folds: FoldResult[] = [];
      // Streamed points per fold. Callbacks travel on their own message channel, so a fold's last
      // points can arrive after its result: a finished fold's returned list replaces what streamed.
      const sweepByFold: SweepPoint[][] = splits.map(() => []);
      const sensByFold: SensitivityPoint[][] = splits.map(() => []);
      const finished = new Set<number>();
      const stream = <T extends { fold: number }>(byFold: T[][]) => (p: T) => {
        if (!finished.has(p.fold)) byFold[p.fold]?.push(p);
        schedule();
      };
      const complete = <T>(byFold: T[][], fold: number, all: T[]) => {
        finished.add(fold);
        byFold[fold] = all;
        finishFold(fold);
      };
      const structural: StructuralResult[] = [];
      const doneByFold = splits.map(() => 0);
      let detail: SweepDetail | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const epochsDone = () => doneByFold.reduce((a, b) => a + b, 0);
      const flush = () => {
        timer = null;
        if (!isCurrent()) return;
        const done = epochsDone();
        const etaMs = done > 0 ? ((performance.now() - startedAt) / done) * (epochsTotal - done) : null;
        set({ curves: curves.map((c) => c.slice()), folds: folds.slice(), points: sweepByFold.flat(), sensitivity: sensByFold.flat(), sweepDetail: detail, progress: { epochsDone: done, epochsTotal, startedAt, etaMs } });
      };
      const schedule = () => (timer ??= setTimeout(flush, FLUSH_MS));
      const tick = (fold: number) => {
        doneByFold[fold] = (doneByFold[fold] ?? 0) + 1;
        schedule();
      };
      const onEpoch = (fold: number, m: EpochMetrics) => {
        curves[fold]?.push(m);
        tick(fold);
      };
      // A finished fold counts in full (early stopping can end it before its epoch budget).
      const finishFold = (fold: number) => {
        doneByFold[fold] = perFold;
        schedule();
      };
      set({ progress: { epochsDone: 0, epochsTotal, startedAt, etaMs: null } });
      const common = { spec, dataset, splits, onBackend: (backend: NonNullable<Store['backend']>) => isCurrent() && set({ backend }) };
      const hint = { macsPerStep: macsPerStep(spec, dataset.nFeatures, dataset.classNames.length) };
      const kind = runKind(spec);
      if (kind === 'features') {
        // One job over all folds: RFECV is cheap plain JS, and its folds must share one elimination schedule.
        const [result] = await getPool().run({ ...common, splits: splits.slice(0, 1), task: featureSelectionTask, onFold: () => finishFold(0) }, hint);
        if (isCurrent()) set({ featureResult: result ?? null });
      } else if (kind === 'structural') {
        // Epochs carry the progress; a pruning step is not an epoch.
        const task = structuralTask({ onEpoch, onStep: () => undefined });
        const onFold = (fold: number, r: StructuralResult) => {
          structural.push(r);
          finishFold(fold);
          if (isCurrent()) set({ structural: structural.slice().sort((a, b) => a.fold - b.fold) });
        };
        await getPool().run({ ...common, task, onFold }, hint);
      } else if (kind === 'sensitivity') {
        const task = sensitivityTask({ onEpoch, onPoint: stream(sensByFold) });
        await getPool().run({ ...common, task, onFold: (fold, r) => complete(sensByFold, fold, r) }, hint);
      } else if (spec.pruning) {
        const task = sweepTask({
          onEpoch,
          onRetrainEpoch: tick,
          onPoint: stream(sweepByFold),
          onDetail: (d) => (detail = d),
        });
        await getPool().run({ ...common, task, onFold: (fold, r) => complete(sweepByFold, fold, r) }, hint);
      } else {
        const results = await getPool().run({ ...common, task: cvTask(onEpoch), onFold: (fold, r) => (folds.push(r), (curves[fold] = r.history), finishFold(fold)) }, hint);
        folds.splice(0, folds.length, ...results);
      }
      if (timer) clearTimeout(timer);
      if (!isCurrent()) return;
      const points = sweepByFold.flat();
      const sens = sensByFold.flat();
      const dense = {
        features: [],
        structural: structural.map((r) => ({ accuracy: r.before.accuracy })),
        sensitivity: sens.filter((p) => p.sparsity === 0 && p.slot === sens[0]?.slot).map((p) => ({ accuracy: p.accuracy })),
        sweep: points.filter((p) => p.series === 'dense').map((p) => ({ accuracy: p.accuracy })),
        cv: folds,
      }[kind];
      set({
        status: 'done',
        folds: folds.slice(),
        points: points.slice(),
        sensitivity: sens.slice(),
        sweepDetail: detail,
        curves: curves.map((c) => c.slice()),
        cvSummary: dense.length ? summarizeFolds(dense) : null,
        ...(kind === 'sweep' ? { lastSweep: summarizeSweep(points) } : {}),
        progress: { epochsDone: epochsTotal, epochsTotal, startedAt, etaMs: 0 },
      });
      const workerTensors = await getPool().tensorCount();
      if (runId === currentRun) set({ workerTensors });
    } catch (e) {
      if (!isCurrent()) return;
      set({ status: 'error', runError: e instanceof Error ? e.message : String(e) });
    }
  },

  keepFeatures: (names) =>
    get().editSpec((s) => {
      s.preprocessing.keepFeatures = names;
      delete s.featureSelection;
    }),

  runLayerTargets: async (targets) => {
    get().editSpec((s) => {
      // Every run kind that would take precedence over the sweep goes.
      delete s.sensitivity;
      delete s.structural;
      delete s.featureSelection;
      s.pruning = { ...(s.pruning ?? defaultPruning()), methods: ['layer-targets'], layerTargets: targets, schedule: 'oneshot' };
    });
    await get().run();
  },

  cancel: () => {
    if (get().status !== 'running') return;
    set({ status: 'cancelled' });
    getPool().cancel();
  },
});
