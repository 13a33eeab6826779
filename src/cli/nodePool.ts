import { proxy, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import { createJobHost } from '../core/engine/host';
import { createPoolExecutor, remoteHostApi, type HostHandle } from '../core/run/pool';
import type { Executor, JobHostApi } from '../core/run/protocol';
import { selectNodeBackend } from './backend';

const boot = new URL('./worker-boot.mjs', import.meta.url);

function spawnThread(): HostHandle {
  const worker = new Worker(boot);
  const crashed = new Promise<never>((_, reject) => {
    worker.on('error', (e) => reject(new Error(`A worker thread crashed: ${e.message}`)));
    worker.on('exit', (code) => code !== 0 && reject(new Error(`A worker thread exited with code ${code}.`)));
  });
  crashed.catch(() => undefined);
  return {
    api: remoteHostApi(wrap<JobHostApi>(nodeEndpoint(worker)), proxy),
    terminate: () => void worker.terminate(),
    crashed,
  };
}

/**
 * This (main) thread as one of the pool's hosts: it starts jobs at once, while the worker threads
 * load TypeScript and TF.js (~2.5 s each on 2 cores, longer than a small CV run now takes).
 * Stopping it cancels its job at the next mini-batch; it never crashes apart from the process.
 */
function mainThreadHost(): HostHandle {
  let stopped = false;
  const host = createJobHost(selectNodeBackend);
  return {
    api: {
      init: host.init,
      setData: host.setData,
      runJob: (req, emit) => host.runJobWith(req, emit, () => stopped),
      exportModel: host.exportModel,
      tensorCount: host.tensorCount,
    },
    terminate: () => {
      stopped = true;
    },
    crashed: new Promise<never>(() => undefined),
  };
}

/**
 * Jobs on `size` hosts (one per core by default): this thread and `size − 1` Node worker threads;
 * the dataset goes to each host once. Every host runs the same backend, so who ran a job does not
 * change its numbers.
 */
export function createNodeExecutor(size: number): Executor {
  let spawned = 0;
  return createPoolExecutor({ name: 'Node threads', size, spawn: () => (spawned++ === 0 ? mainThreadHost() : spawnThread()), idleMs: 0 });
}
