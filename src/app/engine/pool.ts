import { proxy, wrap } from 'comlink';
import { createPoolExecutor, remoteHostApi, type HostHandle } from '../../core/run/pool';
import type { BatchedJobHost } from '../../core/run/eventBatch';
import type { Executor } from '../../core/run/protocol';

/** Workers idle this long after a run are stopped, giving their memory back; the next run starts fresh ones. */
const IDLE_MS = 60_000;

function spawnWorker(): HostHandle {
  const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'prunelab-engine' });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`The engine worker crashed${e.message ? `: ${e.message}` : ''}. Run again to restart it.`)));
  });
  crashed.catch(() => undefined);
  return {
    // Callbacks cross as Comlink proxies; events arrive on their own channel.
    api: remoteHostApi(wrap<BatchedJobHost>(worker), proxy),
    terminate: () => worker.terminate(),
    crashed,
  };
}

/** The browser executor: a pool of engine workers, one per core (at most 8). */
export function createBrowserExecutor(size = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2))): Executor {
  return createPoolExecutor({ name: 'browser workers', size, spawn: spawnWorker, idleMs: IDLE_MS });
}
