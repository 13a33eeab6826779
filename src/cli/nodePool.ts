import { proxy, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import { createJobHost } from '../core/engine/host';
import { createPoolExecutor, remoteHostApi, type HostHandle } from '../core/run/pool';
import type { BatchedJobHost } from '../core/run/eventBatch';
import type { Executor } from '../core/run/protocol';
import { selectNodeBackend } from './backend';
import { workerEntry } from './workerBundle';

/** A worker thread host; the thread starts once its entry module is known (the prebuilt bundle, else tsx). */
function spawnThread(): HostHandle {
  let terminated = false;
  const worker = workerEntry().then((url) => {
    if (terminated) throw new Error('The worker thread was stopped before it started.');
    return new Worker(url);
  });
  const crashed = worker.then(
    (w) =>
      new Promise<never>((_, reject) => {
        w.on('error', (e) => reject(new Error(`A worker thread crashed: ${e.message}`)));
        w.on('exit', (code) => code !== 0 && reject(new Error(`A worker thread exited with code ${code}.`)));
      }),
  );
  crashed.catch(() => undefined);
  const remote = worker.then((w) => remoteHostApi(wrap<BatchedJobHost>(nodeEndpoint(w)), proxy));
  return {
    api: {
      init: async (choice, hint) => (await remote).init(choice, hint),
      setData: async (key, data, model) => (await remote).setData(key, data, model),
      runJob: async (req, emit) => (await remote).runJob(req, emit),
      exportModel: async (req) => (await remote).exportModel(req),
      tensorCount: async () => (await remote).tensorCount(),
      rehearse: async () => (await remote).rehearse?.(),
    },
    terminate: () => {
      terminated = true;
      void worker.then((w) => w.terminate()).catch(() => undefined);
    },
    crashed,
  };
}

/** Yields to the event loop at most every 20 ms: the pool's messages (a worker thread ready, a job done) are handled while this thread runs a job. */
function breather(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    const now = performance.now();
    if (now - last < 20) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/**
 * This (main) thread as one of the pool's hosts: it starts jobs at once, while the worker threads
 * start (~0.4 s each from the prebuilt bundle, ~1.4 s through tsx; a small CV run takes ~2 s).
 * Stopping it cancels its job at the next mini-batch; it never crashes apart from the process.
 */
function mainThreadHost(): HostHandle {
  let stopped = false;
  const host = createJobHost(selectNodeBackend);
  const breathe = breather();
  return {
    api: {
      init: host.init,
      setData: host.setData,
      runJob: (req, emit) => host.runJobWith(req, emit, () => stopped, breathe),
      exportModel: host.exportModel,
      tensorCount: host.tensorCount,
      rehearse: host.rehearse,
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
