import type { StateCreator } from 'zustand';
import { CsvError, parseCsvTable, tableToDataset } from '../../core/data/csv';
import { summarize } from '../../core/data/dataset';
import { loadExperimentData } from '../../core/data/resolve';
import { browserSources } from './sources';
import type { DataSlice, Store } from './types';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** What the loaded data depends on: the dataset entry, and the seed for synthetic sets. */
export const datasetKey = (spec: Store['spec']): string => JSON.stringify([spec.dataset, spec.dataset.kind === 'synthetic' ? spec.seed : 0, spec.preprocessing.keepFeatures ?? null]);

/** SHA-256 of a file's bytes, lowercase hex: how links and saved runs recognise an uploaded CSV. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const createDataSlice: StateCreator<Store, [], [], DataSlice> = (set, get) => ({
  upload: null,
  pendingCsv: null,
  datasetSummary: null,
  dataError: null,

  uploadCsv: async (file) => {
    try {
      if (file.size > MAX_UPLOAD_BYTES) throw new CsvError(`"${file.name}" is ${(file.size / 1e6).toFixed(1)} MB; the limit is 20 MB.`);
      const bytes = await file.arrayBuffer();
      const sha256 = await sha256Hex(bytes);
      const table = parseCsvTable(new TextDecoder().decode(bytes));
      const pending = get().pendingCsv;
      if (pending) {
        // A link names this experiment's file: only that exact file is accepted, and the link's settings stay.
        if (pending.sha256 !== sha256) throw new CsvError(`its SHA-256 (${sha256.slice(0, 12)}…) differs from the one the link names (${pending.sha256.slice(0, 12)}…): it is not the file "${pending.name}" the experiment was run on.`);
        const dataset = tableToDataset(table, pending.targetColumn, pending.name);
        set({ upload: { fileName: pending.name, table, target: pending.targetColumn, dataset, sha256 }, pendingCsv: null, datasetSummary: summarize(dataset), dataError: null });
        return;
      }
      const target = table.columns[table.columns.length - 1] ?? '';
      const dataset = tableToDataset(table, target, file.name);
      set({ upload: { fileName: file.name, table, target, dataset, sha256 }, datasetSummary: summarize(dataset), dataError: null });
      get().chooseDataset({ kind: 'csv', name: file.name, targetColumn: target, rows: dataset.nRows, sha256 }, false);
    } catch (e) {
      // The previously selected dataset stays in place; only the message changes.
      set({ dataError: `Could not use "${file.name}": ${e instanceof Error ? e.message : String(e)}` });
    }
  },

  chooseTarget: (column) => {
    const up = get().upload;
    if (!up) return;
    try {
      const dataset = tableToDataset(up.table, column, up.fileName);
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
