import { expose } from 'comlink';
import { createJobHost } from '../src/core/engine/host';
import { batchEvents } from '../src/core/run/eventBatch';
import type { JobHostApi } from '../src/core/run/protocol';
import { selectBackend } from './backend';

/** A thin Comlink adapter: the engine and every run kind live in src/core; this file only exposes a job host. */
const host: JobHostApi = createJobHost(selectBackend);
expose(batchEvents(host));
