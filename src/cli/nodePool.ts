import { proxy, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import { createPoolExecutor, remoteHostApi, type HostHandle } from '../core/run/pool';
import type { Executor, JobHostApi } from '../core/run/protocol';

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

/** Jobs on `size` Node worker threads (one per core by default); the dataset goes to each thread once. */
export function createNodeExecutor(size: number): Executor {
  return createPoolExecutor({ name: 'Node worker threads', size, spawn: spawnThread, idleMs: 0 });
}
