import { wrap, type Remote } from 'comlink';
import type { ModelHostApi } from '../../core/imported/protocol';

let worker: Worker | null = null;
let api: Remote<ModelHostApi> | null = null;

/** The model worker: one, started when a model is first opened; TF.js never loads on the main thread. */
export function modelHost(): Remote<ModelHostApi> {
  if (!api) {
    worker = new Worker(new URL('../../../workers/model.worker.ts', import.meta.url), { type: 'module', name: 'prunelab-model' });
    api = wrap<ModelHostApi>(worker);
  }
  return api;
}

/** Stops the model worker, giving its memory back. */
export function stopModelHost(): void {
  worker?.terminate();
  worker = null;
  api = null;
}
