import { proxy, wrap } from 'comlink';
import { createPoolExecutor, remoteHostApi, type HostHandle } from '../../core/run/pool';
import type { BatchedJobHost } from '../../core/run/eventBatch';
import { yieldingHosts } from '../../core/run/pageGate';
import type { Executor } from '../../core/run/protocol';
import { pageGateBuffer } from './pageGate';

/** Workers idle this long after a run are stopped, giving their memory back; the next run starts fresh ones. */
const IDLE_MS = 60_000;

function spawnWorker(yields: boolean): HostHandle {
  const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'prunelab-engine' });
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (e) => reject(new Error(`The engine worker crashed${e.message ? `: ${e.message}` : ''}. Run again to restart it.`)));
  });
  crashed.catch(() => undefined);
  // Callbacks cross as Comlink proxies; events arrive on their own channel.
  const api = remoteHostApi(wrap<BatchedJobHost>(worker), proxy);
  // Sent before any other call, so its first job already yields (a lost worker fails its next call instead).
  if (yields && pageGateBuffer) api.yieldTo?.(pageGateBuffer).catch(() => undefined);
  return {
    api,
    terminate: () => worker.terminate(),
    crashed,
  };
}

/**
 * The browser executor: a pool of engine workers, one per core (at most 8). When that takes every
 * core, the last worker yields its core while the page draws a run's updates (engine/pageGate.ts).
 */
export function createBrowserExecutor(size = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2))): Executor {
  const yielding = yieldingHosts(size, navigator.hardwareConcurrency || 2);
  return createPoolExecutor({ name: 'browser workers', size, spawn: (i) => spawnWorker(i >= size - yielding), idleMs: IDLE_MS });
}
