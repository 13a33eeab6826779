import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ResultsFile } from '../../core/run/results';

/** A run kept in the browser (IndexedDB): its results file (spec, environment, data, curves, result) and how the user labelled it. */
export interface SavedRun {
  id: string;
  name: string;
  pinned: boolean;
  savedAt: string;
  /** Cancelled before every job finished. */
  partial: boolean;
  /** Where it came from: run here, or opened from a results file. */
  origin: 'run' | 'file';
  file: ResultsFile;
}

interface Schema extends DBSchema {
  runs: { key: string; value: SavedRun; indexes: { savedAt: string } };
}

export const DB_NAME = 'prunelab';

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** The saved runs, newest first (pinned ones first of all). */
export interface RunStore {
  list(): Promise<SavedRun[]>;
  put(run: SavedRun): Promise<void>;
  remove(id: string): Promise<void>;
}

const order = (a: SavedRun, b: SavedRun) => Number(b.pinned) - Number(a.pinned) || (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0);

const isQuota = (e: unknown) => e instanceof Error && (e.name === 'QuotaExceededError' || /quota/i.test(e.message));

/** Saved runs in IndexedDB (idb). A full store is reported as StorageFullError, never swallowed. */
export function indexedDbRuns(): RunStore {
  let db: Promise<IDBPDatabase<Schema>> | null = null;
  const open = () =>
    (db ??= openDB<Schema>(DB_NAME, 1, {
      upgrade(d) {
        const runs = d.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('savedAt', 'savedAt');
      },
    }));
  return {
    async list() {
      return (await (await open()).getAll('runs')).sort(order);
    },
    async put(run) {
      try {
        await (await open()).put('runs', run);
      } catch (e) {
        if (isQuota(e)) throw new StorageFullError(`The browser’s storage for PruneLab is full, so “${run.name}” was not saved. It stays on screen until you close the tab: export it (JSON), or delete older runs in History and save it again.`);
        throw e;
      }
    },
    async remove(id) {
      await (await open()).delete('runs', id);
    },
  };
}

export { order as runOrder };
