import type { StateCreator } from 'zustand';
import { dateTimeText } from '../../core/format';
import { RUN_KINDS } from '../../core/kinds/registry';
import { fromJson } from '../../core/run/json';
import { RESULTS_FORMAT, type ResultsFile } from '../../core/run/results';
import { parseSpec } from '../../core/spec/parse';
import { indexedDbRuns, runOrder, type RunStore, type SavedRun } from '../history/db';
import type { HistorySlice, Store } from './types';

let runs: RunStore | null = null;
/** The browser's store of saved runs (replaceable in tests). */
export const runStore = (): RunStore => (runs ??= indexedDbRuns());
export const setRunStore = (s: RunStore) => void (runs = s);

const newId = () => `run-${Date.now().toString(36)}-${Math.floor(performance.now() * 1000).toString(36)}`;

/** "Pruning sweep · Wine · 29 Nov, 18:20:05". */
export function defaultRunName(file: ResultsFile): string {
  const when = dateTimeText(file.environment.startedAt, { seconds: true });
  return `${RUN_KINDS[file.spec.task.kind].label} · ${file.data.name} · ${when}`;
}

/** Checks a results file from outside (another browser, the CLI) before it is shown: format, spec, and a result of the spec's kind. */
export function readResultsText(text: string): { ok: true; file: ResultsFile } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = fromJson(text);
  } catch (e) {
    return { ok: false, error: `it is not JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
  const file = raw as Partial<ResultsFile> | null;
  if (!file || typeof file !== 'object' || file.format !== RESULTS_FORMAT) return { ok: false, error: 'it is not a PruneLab results file (no "format": "prunelab-results").' };
  if (file.shard) return { ok: false, error: `it is shard ${file.shard.index}/${file.shard.count} of a sharded run: merge the shards first (prunelab merge part-*.json --out results.json).` };
  const spec = parseSpec(file.spec);
  if (!spec.ok) return { ok: false, error: spec.error };
  const result = file.result as { kind?: unknown } | undefined;
  if (!result || result.kind !== spec.spec.task.kind) return { ok: false, error: `its result is not a ${spec.spec.task.kind} result.` };
  if (!file.environment || !file.data || !Array.isArray(file.plan) || !Array.isArray(file.curves)) return { ok: false, error: 'it lacks its environment, data, plan or curves.' };
  return { ok: true, file: { ...(file as ResultsFile), spec: spec.spec } };
}

export const createHistorySlice: StateCreator<Store, [], [], HistorySlice> = (set, get) => {
  /** Counts the storage writes in flight, so the panel can say it is busy until they are committed. */
  const writing = async (write: () => Promise<void>) => {
    set({ historyWrites: get().historyWrites + 1 });
    try {
      await write();
    } finally {
      set({ historyWrites: get().historyWrites - 1 });
    }
  };
  const persist = (run: SavedRun) =>
    writing(async () => {
      // On screen first: a run is never lost, whatever the storage says.
      set({ saved: [...get().saved.filter((r) => r.id !== run.id), { ...run, stored: false }].sort(runOrder) });
      try {
        await runStore().put(run);
        set({ saved: get().saved.map((r) => (r.id === run.id ? { ...run, stored: true } : r)), historyError: null });
      } catch (e) {
        set({ historyError: e instanceof Error ? e.message : String(e) });
      }
    });
  const update = async (id: string, change: Partial<Pick<SavedRun, 'name' | 'pinned'>>) => {
    const run = get().saved.find((r) => r.id === id);
    if (!run) return;
    const { stored: _s, ...rest } = run;
    await persist({ ...rest, ...change });
    if (get().shown?.id === id && change.name) set({ shown: { ...(get().shown as NonNullable<Store['shown']>), name: change.name } });
  };
  return {
    saved: [],
    historyError: null,
    historyLoaded: false,
    historyWrites: 0,
    shown: null,
    compareIds: [],

    loadHistory: async () => {
      try {
        const list = await runStore().list();
        set({ saved: list.map((r) => ({ ...r, stored: true })), historyLoaded: true });
      } catch (e) {
        set({ historyError: `Saved runs could not be read: ${e instanceof Error ? e.message : String(e)}`, historyLoaded: true });
      }
    },

    saveRun: async (file, partial, origin = 'run') => {
      const run: SavedRun = { id: newId(), name: defaultRunName(file), pinned: false, savedAt: new Date().toISOString(), partial, origin, file };
      set({ shown: { id: run.id, name: run.name, origin } });
      await persist(run);
      return run.id;
    },

    renameRun: (id, name) => update(id, { name: name.trim().slice(0, 120) || 'Untitled run' }),
    togglePin: (id) => update(id, { pinned: !get().saved.find((r) => r.id === id)?.pinned }),

    deleteRun: (id) =>
      writing(async () => {
        set({ saved: get().saved.filter((r) => r.id !== id), compareIds: get().compareIds.filter((c) => c !== id), ...(get().shown?.id === id ? { shown: null } : {}) });
        try {
          await runStore().remove(id);
        } catch (e) {
          set({ historyError: `“${id}” could not be deleted: ${e instanceof Error ? e.message : String(e)}` });
        }
      }),

    reopenRun: (id) => {
      const run = get().saved.find((r) => r.id === id);
      if (!run) return;
      get().showFile(run.file, run.partial);
      set({ shown: { id: run.id, name: run.name, origin: 'history' } });
    },

    openResultsText: async (text, fileName) => {
      const r = readResultsText(text);
      if (!r.ok) {
        set({ specNotice: { kind: 'error', text: `Could not open "${fileName}": ${r.error}` } });
        return;
      }
      get().showFile(r.file, !r.file.result.complete);
      await get().saveRun(r.file, !r.file.result.complete, 'file');
      set({ specNotice: { kind: 'info', text: `Opened the results in "${fileName}" (saved in History).` } });
    },

    toggleCompare: (id) => {
      const ids = get().compareIds;
      set({ compareIds: ids.includes(id) ? ids.filter((c) => c !== id) : ids.length >= 4 ? ids : [...ids, id] });
    },
    clearCompare: () => set({ compareIds: [] }),
  };
};
