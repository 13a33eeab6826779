import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { RESULTS_FORMAT, type ResultsFile } from '../../core/run/results';
import { defaultSpecFor } from '../../core/spec/edit';
import { indexedDbRuns, StorageFullError, type SavedRun } from './db';

const file = (name: string): ResultsFile => ({
  format: RESULTS_FORMAT,
  specVersion: 2,
  spec: defaultSpecFor('iris'),
  environment: { app: 'PruneLab', version: '0', runtime: 'test', executor: 'x', backend: null, startedAt: '2026-01-01T00:00:00.000Z', wallMs: 1 },
  data: { name, nRows: 1, nFeatures: 1, nClasses: 2, featureNames: ['a'] },
  plan: [],
  curves: [],
  result: { kind: 'cv', folds: [], summary: null, complete: true },
});
const run = (id: string, savedAt: string, pinned = false): SavedRun => ({ id, name: id, pinned, savedAt, partial: false, origin: 'run', file: file(id) });

describe('saved runs in IndexedDB', () => {
  it('keep what was put (typed arrays too), newest first with pinned runs on top, and forget what was deleted', async () => {
    const db = indexedDbRuns();
    await db.put(run('old', '2026-01-01T00:00:00Z'));
    await db.put(run('new', '2026-03-01T00:00:00Z'));
    const pinned = run('pinned', '2025-01-01T00:00:00Z', true);
    (pinned.file as unknown as { extra: Uint8Array }).extra = Uint8Array.from([1, 0, 1]);
    await db.put(pinned);
    // A fresh connection (as after a reload) reads the same.
    const list = await indexedDbRuns().list();
    expect(list.map((r) => r.id)).toEqual(['pinned', 'new', 'old']);
    expect((list[0]?.file as unknown as { extra: Uint8Array }).extra).toEqual(Uint8Array.from([1, 0, 1]));
    await db.remove('new');
    expect((await indexedDbRuns().list()).map((r) => r.id)).toEqual(['pinned', 'old']);
  });

  it('report a full storage as StorageFullError naming the run, never as silence', async () => {
    const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } }).IDBObjectStore.prototype;
    const put = proto.put;
    proto.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      await expect(indexedDbRuns().put(run('big', '2026-05-01T00:00:00Z'))).rejects.toThrow(StorageFullError);
      await expect(indexedDbRuns().put(run('big', '2026-05-01T00:00:00Z'))).rejects.toThrow('storage for PruneLab is full, so “big” was not saved');
    } finally {
      proto.put = put;
    }
  });
});
