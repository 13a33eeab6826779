import { proxy, wrap, type Remote } from 'comlink';
import type { Split } from '../../core/cv/splits';
import type { Dataset } from '../../core/data/dataset';
import type { FoldResult } from '../../core/cv/plan';
import type { BackendHint, BackendInfo, EngineApi, EpochListener, FoldJob, SensitivityListeners, StructuralListeners, SweepListeners } from '../../core/protocol';
import type { FeatureSelectionResult } from '../../core/features/run';
import type { StructuralResult } from '../../core/structural/structural';
import type { SensitivityPoint } from '../../core/sensitivity/analysis';
import type { SweepPoint } from '../../core/prune/sweep';
import type { ExperimentSpec } from '../../core/spec/schema';
import { CancelledError } from '../../core/train/errors';

interface Slot {
  worker: Worker;
  api: Remote<EngineApi>;
  backend: string | null;
  crashed: Promise<never>;
}

export interface PoolRun<T> {
  spec: ExperimentSpec;
  dataset: Dataset;
  splits: Split[];
  /** Runs one fold on a worker. */
  task: (api: Remote<EngineApi>, job: FoldJob) => Promise<T>;
  onFold: (fold: number, r: T) => void;
  onBackend: (info: BackendInfo) => void;
}

/** Plain cross-validation: one trained model per fold. */
export function cvTask(onEpoch: EpochListener): PoolRun<FoldResult>['task'] {
  const listener = proxy(onEpoch);
  return (api, job) => api.runFold(job, listener);
}

/** A sensitivity analysis: per fold, the dense model and each tensor pruned alone over the grid. */
export function sensitivityTask(listeners: SensitivityListeners): PoolRun<SensitivityPoint[]>['task'] {
  const remote = proxy(listeners);
  return (api, job) => api.runSensitivityFold(job, remote);
}

/** Structural pruning: per fold, the dense model, then units removed and the network rebuilt smaller. */
export function structuralTask(listeners: StructuralListeners): PoolRun<StructuralResult>['task'] {
  const remote = proxy(listeners);
  return (api, job) => api.runStructuralFold(job, remote);
}

/** Feature selection runs once over all folds (RFECV), as a single job. */
export const featureSelectionTask: PoolRun<FeatureSelectionResult>['task'] = (api, job) => api.runFeatureSelection(job);

/** A pruning sweep: per fold, the dense model and every method × sparsity. */
export function sweepTask(listeners: SweepListeners): PoolRun<SweepPoint[]>['task'] {
  const remote = proxy(listeners);
  return (api, job) => api.runSweepFold(job, remote);
}

/**
 * The one typed client of the engine workers: a pool sized to the machine's cores that runs
 * folds in parallel. Cancel terminates the workers (the only way to stop a Comlink call
 * mid-flight); fresh ones are started on the next run, so the pool stays usable.
 */
export class EnginePool {
  private slots: Slot[] = [];
  private cancelRun: ((e: Error) => void) | null = null;

  constructor(private readonly maxWorkers = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2))) {}

  private spawn(): Slot {
    const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'prunelab-engine' });
    const crashed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => reject(new Error(`The engine worker crashed${e.message ? `: ${e.message}` : ''}. Run again to restart it.`)));
    });
    crashed.catch(() => undefined);
    return { worker, api: wrap<EngineApi>(worker), backend: null, crashed };
  }

  private ensure(n: number): Slot[] {
    while (this.slots.length < n) this.slots.push(this.spawn());
    return this.slots.slice(0, n);
  }

  /** Runs every fold, as many at once as there are workers; resolves with the results in fold order. */
  async run<T>(job: PoolRun<T>, hint: BackendHint): Promise<T[]> {
    const slots = this.ensure(Math.min(this.maxWorkers, job.splits.length));
    let rejectThis: (e: Error) => void = () => undefined;
    const cancelled = new Promise<never>((_, reject) => (rejectThis = reject));
    cancelled.catch(() => undefined);
    this.cancelRun = rejectThis;
    const results: T[] = new Array<T>(job.splits.length);
    let next = 0;
    const drive = async (slot: Slot, first: boolean): Promise<void> => {
      const info = await Promise.race([slot.api.init(job.spec.backend, hint), slot.crashed]);
      if (first) job.onBackend(info);
      slot.backend = info.name;
      while (next < job.splits.length) {
        const fold = next++;
        const split = job.splits[fold];
        if (!split) break;
        const r = await Promise.race([job.task(slot.api, { spec: job.spec, dataset: job.dataset, fold, split }), slot.crashed]);
        results[fold] = r;
        job.onFold(fold, r);
      }
    };
    try {
      await Promise.race([Promise.all(slots.map((s, i) => drive(s, i === 0))), cancelled]);
      return results;
    } catch (e) {
      this.terminate();
      throw e;
    } finally {
      // A newer run may already own the cancel hook.
      if (this.cancelRun === rejectThis) this.cancelRun = null;
    }
  }

  /** Stops the run in flight at once. */
  cancel(): void {
    this.cancelRun?.(new CancelledError());
    this.terminate();
  }

  /** Live tensors across the workers (for diagnostics and tests). */
  async tensorCount(): Promise<number> {
    const counts = await Promise.all(this.slots.map((s) => s.api.tensorCount()));
    return counts.reduce((a, b) => a + b, 0);
  }

  private terminate(): void {
    for (const s of this.slots) s.worker.terminate();
    this.slots = [];
  }
}
