import { expose } from 'comlink';
import { createJobHost } from '../src/core/engine/host';
import type { JobHostApi } from '../src/core/run/protocol';
import { selectBackend } from './backend';

/** A thin Comlink adapter: the engine and every run kind live in src/core; this file only exposes a job host. */
const host = createJobHost(selectBackend);
const api: JobHostApi = {
  init: (choice, hint) => host.init(choice, hint),
  setData: (key, data) => host.setData(key, data),
  runJob: (req, emit) => host.runJob(req, (e) => void emit(e)),
  tensorCount: () => host.tensorCount(),
};

expose(api);
