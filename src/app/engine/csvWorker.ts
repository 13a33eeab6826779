import { wrap, type Remote } from 'comlink';
import type { CsvHostApi } from '../../core/data/csvHost';

let api: Remote<CsvHostApi> | null = null;

/** The CSV worker: started at the first upload; it keeps the opened file's columns for target changes. */
export function csvHost(): Remote<CsvHostApi> {
  api ??= wrap<CsvHostApi>(new Worker(new URL('../../../workers/csv.worker.ts', import.meta.url), { type: 'module', name: 'prunelab-csv' }));
  return api;
}
