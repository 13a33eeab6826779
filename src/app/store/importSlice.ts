import type { StateCreator } from 'zustand';
import { modelFilesSha256 } from '../../core/imported/modelJson';
import { modelHost, stopModelHost } from '../engine/modelWorker';
import { download, downloadBytes } from '../ui/download';
import type { ImportSlice, ImportState, Store } from './types';

const IDLE: ImportState = { status: 'idle', fileNames: [], summary: null, report: null, error: null, files: [], sha256: null };

/** A worker's error as the user should read it: the message, without "Error:" and the stack. */
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/^(Import)?Error: /, '');

/** An imported TF.js model: opened, pruned and saved in the model worker. Independent of the experiment spec. */
export const createImportSlice: StateCreator<Store, [], [], ImportSlice> = (set, get) => {
  const patch = (p: Partial<ImportState>) => set({ imported: { ...get().imported, ...p } });
  return {
    imported: IDLE,
    openModelFiles: async (picked) => {
      const files = [...picked].sort((a, b) => Number(b.name.endsWith('.json')) - Number(a.name.endsWith('.json')));
      const previous = get().imported;
      patch({ status: 'opening', error: null });
      try {
        const data = await Promise.all(files.map(async (f) => ({ name: f.name, data: await f.arrayBuffer() })));
        const summary = await modelHost().open(data);
        const sha256 = await modelFilesSha256(data);
        set({ imported: { status: 'ready', fileNames: files.map((f) => f.name), summary, report: null, error: null, files: data, sha256 } });
        // A link or saved run waiting for exactly these files gets them.
        const wanted = get().spec.model;
        if (wanted.kind === 'imported' && wanted.sha256 === sha256) set({ specNotice: { kind: 'info', text: `Opened "${summary.name}", the model this experiment names.` } });
      } catch (e) {
        // Nothing lost: a model already open stays open (the host keeps it only when the new one opens).
        set({ imported: { ...previous, status: previous.summary ? 'ready' : 'idle', error: messageOf(e) } });
        if (!previous.summary) stopModelHost();
      }
    },
    pruneImported: async (req) => {
      patch({ status: 'pruning', error: null });
      try {
        const report = await modelHost().prune(req);
        patch({ status: 'ready', report });
      } catch (e) {
        patch({ status: 'ready', error: messageOf(e) });
      }
    },
    saveImported: async () => {
      const { summary, report } = get().imported;
      if (!summary) return;
      patch({ status: 'saving', error: null });
      try {
        const files = await modelHost().save(report ? `${summary.name} pruned` : summary.name);
        download('model.json', files.modelJson, 'application/json');
        downloadBytes('weights.bin', files.weights);
        patch({ status: 'ready' });
      } catch (e) {
        patch({ status: 'ready', error: messageOf(e) });
      }
    },
    useImportedModel: async () => {
      const { spec } = get();
      patch({ status: 'opening', error: null });
      try {
        const model = await modelHost().specOf({ l1: spec.model.l1, l2: spec.model.l2 });
        get().setSpec({ ...get().spec, model });
        patch({ status: 'ready' });
      } catch (e) {
        patch({ status: 'ready', error: messageOf(e) });
      }
    },
    closeImported: () => {
      stopModelHost();
      set({ imported: IDLE });
    },
  };
};
