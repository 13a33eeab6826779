import { CancelledError } from '../errors';
import type { Dataset } from '../data/dataset';
import type { JobEvent } from '../kinds/types';
import { GPU_WORTHWHILE_MACS } from './backendChoice';
import { unbatch } from './eventBatch';
import type { BackendInfo, Executor, ExecutorRun, JobHostApi, JobRequest, ModelInput } from './protocol';

/** A host the pool can start: its API (plain callbacks; the adapter wraps them for its transport), how to stop it, and a promise that rejects if it dies. */
export interface HostHandle {
  api: JobHostApi;
  terminate(): void;
  /** Rejects when the host crashes (an uncaught error, the worker killed). */
  crashed: Promise<never>;
}

export interface PoolOptions {
  /** e.g. "browser workers", "Node worker threads". */
  name: string;
  /** Most hosts at once (the machine's cores). */
  size: number;
  /** Starts the host for slot `index` (0 … size − 1); a crashed host's replacement gets its slot's index. */
  spawn(index: number): HostHandle;
  /** Hosts idle this long after a run are stopped (their memory given back); 0 keeps them. */
  idleMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

interface Slot {
  handle: HostHandle;
  data: Dataset | null;
  /** The imported model's files the host holds (sent with the data). */
  model?: ModelInput | undefined;
}

/** A host died under a job (an uncaught error, out of memory, killed). */
export class HostCrashedError extends Error {
  override name = 'HostCrashedError';
}

/** Hosts `warm` starts ahead of a run (a run needing more starts the rest itself). */
export const WARM_HOSTS = 4;

/** How many times a job is started again on a fresh host after its host crashed. */
export const CRASH_RETRIES = 1;

/**
 * Runs a run's jobs on up to `size` hosts at once, each pulling the next job when free. The
 * dataset goes to each host once (jobs name it by key), not with every job. Cancelling stops
 * the hosts at once (terminating is the only way to stop a call mid-flight); the next run
 * starts fresh ones. Hosts idle for `idleMs` after a run are stopped. A host that crashes under a
 * job is replaced and the job starts again on the new one (same spec, same seed: the same
 * numbers), once; a second crash stops the run with a message naming the job. Finished jobs'
 * results are kept either way.
 */
export function createPoolExecutor(opts: PoolOptions): Executor {
  let slots: Slot[] = [];
  let idleTimer: unknown = null;
  let active = 0;
  const dataKeys = new WeakMap<Dataset, string>();
  let nextKey = 1;
  const keyOf = (d: Dataset): string => {
    let k = dataKeys.get(d);
    if (!k) dataKeys.set(d, (k = `data-${nextKey++}`));
    return k;
  };
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));

  const terminate = () => {
    for (const s of slots) s.handle.terminate();
    slots = [];
  };
  /** (Re)starts the countdown after which idle hosts are stopped (none when idleMs is 0). */
  const stopWhenIdle = () => {
    if (idleTimer !== null) clearTimer(idleTimer);
    idleTimer = (opts.idleMs ?? 0) > 0 ? setTimer(() => ((idleTimer = null), active === 0 && terminate()), opts.idleMs ?? 0) : null;
  };
  const ensure = (n: number): Slot[] => {
    while (slots.length < n) slots.push({ handle: opts.spawn(slots.length), data: null });
    return slots.slice(0, n);
  };

  return {
    name: `${opts.name} ×${opts.size}`,
    async run(run: ExecutorRun): Promise<void> {
      if (idleTimer !== null) clearTimer(idleTimer);
      idleTimer = null;
      active++;
      if (run.signal?.aborted) throw new CancelledError();
      const mine = ensure(Math.max(1, Math.min(opts.size, run.jobs.length)));
      const key = keyOf(run.data);
      let stop: (e: Error) => void = () => undefined;
      const stopped = new Promise<never>((_, reject) => (stop = reject));
      stopped.catch(() => undefined);
      const onAbort = () => {
        stop(new CancelledError());
        terminate();
      };
      run.signal?.addEventListener('abort', onAbort, { once: true });
      let next = 0;
      let reported = false;
      // Auto may time a trial step on each backend (a large model, a GPU present): the first host decides and the
      // others start on its backend, so every job runs the same kernels. Below the trial's threshold they init at once.
      const trial = run.spec.backend === 'auto' && run.hint.macsPerStep >= GPU_WORTHWHILE_MACS;
      let decided: Promise<BackendInfo> | null = null;
      const drive = async (slot: Slot): Promise<void> => {
        const race = <T>(p: Promise<T>) =>
          Promise.race([p, slot.handle.crashed.catch((e: unknown) => Promise.reject(new HostCrashedError(e instanceof Error ? e.message : String(e)))), stopped]);
        const init = (): Promise<BackendInfo> => {
          if (!trial) return race(slot.handle.api.init(run.spec.backend, run.hint));
          if (decided) return decided.then(async (first) => (await race(slot.handle.api.init(first.name, run.hint)), first));
          const mine = race(slot.handle.api.init('auto', run.hint));
          decided = mine;
          // A host lost while deciding: the next one to prepare decides again.
          mine.catch(() => decided === mine && (decided = null));
          return mine;
        };
        const prepare = async () => {
          const info: BackendInfo = await init();
          if (!reported) {
            reported = true;
            run.onBackend(info);
          }
          if (slot.data !== run.data || slot.model !== run.model) {
            await race(slot.handle.api.setData(key, run.data, run.model));
            slot.data = run.data;
            slot.model = run.model;
          }
        };
        // A crashed host is replaced by a fresh one in the same slot.
        const replace = () => {
          slot.handle.terminate();
          slot.handle = opts.spawn(slots.indexOf(slot));
          slot.data = null;
          slot.model = undefined;
        };
        // A host that died while idle (between runs) is replaced before it takes a job.
        try {
          await prepare();
        } catch (e) {
          if (!(e instanceof HostCrashedError)) throw e;
          replace();
          await prepare();
        }
        while (next < run.jobs.length) {
          const job = run.jobs[next++];
          if (!job) break;
          const emit = (e: JobEvent) => run.onJobEvent(job.index, e);
          for (let attempt = 0; ; attempt++) {
            try {
              const output = await race(slot.handle.api.runJob({ spec: run.spec, dataKey: key, job, ...(job.index === run.teach ? { teach: true } : {}), ...(run.gate ? { gate: true } : {}) }, emit));
              run.onJobDone(job.index, output);
              break;
            } catch (e) {
              if (e instanceof CancelledError || (e instanceof Error && e.name === 'CancelledError')) throw e;
              if (!(e instanceof HostCrashedError)) throw withJobLabel(e, job.label);
              replace();
              if (attempt >= CRASH_RETRIES) throw withJobLabel(new HostCrashedError(`the engine crashed twice running it (${e.message}). Finished jobs are kept; run again, or try a smaller batch or another backend.`), job.label);
              run.onJobRestart?.(job.index, e.message);
              await prepare();
            }
          }
        }
      };
      try {
        await Promise.race([Promise.all(mine.map(drive)), stopped]);
      } catch (e) {
        stop(e instanceof Error ? e : new Error(String(e)));
        terminate();
        throw e;
      } finally {
        run.signal?.removeEventListener('abort', onAbort);
        active--;
        if (active === 0 && slots.length > 0) stopWhenIdle();
      }
    },
    async exportModel(spec, data, tag, label, job, model) {
      if (idleTimer !== null) clearTimer(idleTimer);
      idleTimer = null;
      const [slot] = ensure(1);
      if (!slot) throw new Error('No engine to export with.');
      const race = <T>(p: Promise<T>) => Promise.race([p, slot.handle.crashed]);
      await race(slot.handle.api.init(spec.backend, { macsPerStep: 0 }));
      if (slot.data !== data || slot.model !== model) {
        await race(slot.handle.api.setData(keyOf(data), data, model));
        slot.data = data;
        slot.model = model;
      }
      return race(slot.handle.api.exportModel({ spec, dataKey: keyOf(data), tag, label, job }));
    },
    async tensorCount() {
      const counts = await Promise.all(slots.map((s) => s.handle.api.tensorCount()));
      return counts.reduce((a, b) => a + b, 0);
    },
    warm(backend) {
      // Not during a run (it has its hosts), nor twice; at most WARM_HOSTS of them (memory on many-core phones).
      if (active > 0 || slots.length >= Math.min(opts.size, WARM_HOSTS)) return;
      for (const slot of ensure(Math.min(opts.size, WARM_HOSTS))) {
        // A host that fails here is found again by the run that needs it (its own init, its crash handling).
        // Then a small made-up job, so the first run's jobs find compiled, optimised code (engine/rehearse.ts).
        const ready = async () => {
          await slot.handle.api.init(backend, { macsPerStep: 0 });
          if (active === 0) await slot.handle.api.rehearse?.();
        };
        void Promise.race([ready(), slot.handle.crashed]).catch(() => undefined);
      }
      stopWhenIdle();
    },
    dispose() {
      if (idleTimer !== null) clearTimer(idleTimer);
      idleTimer = null;
      terminate();
    },
  };
}

/** "Fold 3: Training diverged…": a job's error names the job. */
export function withJobLabel(e: unknown, label: string): Error {
  const msg = e instanceof Error ? e.message : String(e);
  const err = new Error(`${label.charAt(0).toUpperCase()}${label.slice(1)}: ${msg}`, { cause: e });
  if (e instanceof Error) err.name = e.name;
  return err;
}

/** What a remote host offers over its transport (a Comlink remote of a `batchEvents` host): the same calls, the events' callback in the transport's own form. */
export interface RemoteHost<E> {
  init: JobHostApi['init'];
  setData: JobHostApi['setData'];
  exportModel: JobHostApi['exportModel'];
  runJob(req: JobRequest, emitMany: E): Promise<unknown>;
  tensorCount(): Promise<number>;
}

/** A remote host as the pool uses it: every call forwarded; the events arrive in batches (`eventBatch.ts`), through a callback wrapped for the transport (e.g. Comlink's proxy). */
export function remoteHostApi<E>(remote: RemoteHost<E>, wrapEmit: (emitMany: (events: JobEvent[]) => Promise<void>) => E): JobHostApi {
  return {
    init: (choice, hint) => remote.init(choice, hint),
    setData: (key, data, model) => remote.setData(key, data, model),
    runJob: (req, emit) => remote.runJob(req, wrapEmit(unbatch(emit))),
    exportModel: (req) => remote.exportModel(req),
    tensorCount: () => remote.tensorCount(),
    // Every remote host is a createJobHost, which rehearses and yields (optional methods do not survive Comlink's typing).
    rehearse: () => (remote as unknown as { rehearse(): Promise<void> }).rehearse(),
    yieldTo: (flag) => (remote as unknown as { yieldTo(f: SharedArrayBuffer): Promise<void> }).yieldTo(flag),
  };
}
