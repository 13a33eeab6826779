import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { parentPort } from 'node:worker_threads';
import { createJobHost } from '../core/engine/host';
import { batchEvents } from '../core/run/eventBatch';
import type { JobHostApi } from '../core/run/protocol';
import { selectNodeBackend } from './backend';

/** A Node worker thread running jobs: the same job host as the browser's engine worker, behind Comlink. */
if (!parentPort) throw new Error('src/cli/worker.ts runs as a worker thread.');
const host: JobHostApi = createJobHost(selectNodeBackend);
expose(batchEvents(host), nodeEndpoint(parentPort));
