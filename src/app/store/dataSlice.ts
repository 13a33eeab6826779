import type { StateCreator } from 'zustand';
import { CsvError } from '../../core/data/csv';
import { summarize } from '../../core/data/dataset';
import { loadExperimentData } from '../../core/data/resolve';
import { csvHost } from '../engine/csvWorker';
import { browserSources } from './sources';
import type { DataSlice, Store } from './types';

/** Files are parsed in a worker into columns of numbers (text plus ~0.9× the file in numbers): 256 MB is the limit. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** What the loaded data depends on: the dataset entry, and the seed for synthetic sets. */
export const datasetKey = (spec: Store['spec']): string => JSON.stringify([spec.dataset, spec.dataset.kind === 'synthetic' ? spec.seed : 0, spec.preprocessing.keepFeatures ?? null]);

export const createDataSlice: StateCreator<Store, [], [], DataSlice> = (set, get) => ({
  upload: null,
  pendingCsv: null,
  datasetSummary: null,
  dataError: null,
  dataLoading: null,

  uploadCsv: async (file) => {
    try {
      if (file.size > MAX_UPLOAD_BYTES) throw new CsvError(`"${file.name}" is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
      set({ dataLoading: `Reading "${file.name}" (${(file.size / 1e6).toFixed(1)} MB)…` });
      const host = csvHost();
      const opened = await host.open(file, file.name);
      const pending = get().pendingCsv;
      if (pending) {
        // A link names this experiment's file: only that exact file is accepted, and the link's settings stay.
        if (pending.sha256 !== opened.sha256) throw new CsvError(`its SHA-256 (${opened.sha256.slice(0, 12)}…) differs from the one the link names (${pending.sha256.slice(0, 12)}…): it is not the file "${pending.name}" the experiment was run on.`);
        const dataset = await host.dataset(pending.targetColumn, pending.name);
        set({ upload: { fileName: pending.name, columns: opened.columns, target: pending.targetColumn, dataset, sha256: opened.sha256 }, pendingCsv: null, datasetSummary: summarize(dataset), dataError: null, dataLoading: null });
        return;
      }
      const target = opened.columns[opened.columns.length - 1] ?? '';
      const dataset = await host.dataset(target, file.name);
      set({ upload: { fileName: file.name, columns: opened.columns, target, dataset, sha256: opened.sha256 }, datasetSummary: summarize(dataset), dataError: null, dataLoading: null });
      get().chooseDataset({ kind: 'csv', name: file.name, targetColumn: target, rows: dataset.nRows, sha256: opened.sha256 }, false);
    } catch (e) {
      // The previously selected dataset stays in place; only the message changes.
      set({ dataError: `Could not use "${file.name}": ${e instanceof Error ? e.message : String(e)}`, dataLoading: null });
    }
  },

  chooseTarget: async (column) => {
    const up = get().upload;
    if (!up) return;
    try {
      const dataset = await csvHost().dataset(column, up.fileName);
      set({ upload: { ...up, target: column, dataset }, datasetSummary: summarize(dataset), dataError: null });
      get().chooseDataset({ kind: 'csv', name: up.fileName, targetColumn: column, rows: dataset.nRows, sha256: up.sha256 }, false);
    } catch (e) {
      set({ dataError: e instanceof Error ? e.message : String(e) });
    }
  },

  refreshSummary: async () => {
    const { spec, upload } = get();
    // Loads can finish out of order (a slow file, then a quick one): only the latest choice may land.
    const key = datasetKey(spec);
    const stillCurrent = () => datasetKey(get().spec) === key;
    try {
      const ds = await loadExperimentData(spec, browserSources(upload?.dataset ?? null));
      if (stillCurrent()) set({ datasetSummary: summarize(ds), dataError: null });
    } catch (e) {
      if (stillCurrent()) set({ datasetSummary: null, dataError: e instanceof Error ? e.message : String(e) });
    }
  },
});
