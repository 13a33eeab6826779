import { beforeEach, describe, expect, it } from 'vitest';
import { RESULTS_FORMAT, type ResultsFile } from '../../core/run/results';
import { toJson } from '../../core/run/json';
import { defaultSpecFor } from '../../core/spec/edit';
import { StorageFullError, type RunStore, type SavedRun } from '../history/db';
import { useStore } from './index';
import { readResultsText, setRunStore } from './historySlice';

const file = (): ResultsFile => ({
  format: RESULTS_FORMAT,
  specVersion: 2,
  spec: defaultSpecFor('wine'),
  environment: { app: 'PruneLab', version: '0', runtime: 'test', executor: 'x', backend: null, startedAt: '2026-01-01T00:00:00.000Z', wallMs: 1 },
  data: { name: 'Wine', nRows: 178, nFeatures: 13, nClasses: 3, featureNames: [] },
  plan: [],
  curves: [],
  result: { kind: 'cv', folds: [], summary: { metric: 'accuracy', mean: 0.9, std: 0.01, n: 5, of: 'the trained model' }, complete: true },
});

/** A store that keeps runs in memory, or refuses every write as full. */
function memoryStore(full = false): RunStore & { runs: Map<string, SavedRun> } {
  const runs = new Map<string, SavedRun>();
  return {
    runs,
    list: async () => [...runs.values()],
    put: async (r) => {
      if (full) throw new StorageFullError(`The browser’s storage for PruneLab is full, so “${r.name}” was not saved.`);
      runs.set(r.id, r);
    },
    remove: async (id) => void runs.delete(id),
  };
}

beforeEach(() => useStore.setState({ saved: [], historyError: null, compareIds: [], shown: null }));

describe('the History slice', () => {
  it('saves a run, renames, pins and deletes it', async () => {
    const db = memoryStore();
    setRunStore(db);
    const id = await useStore.getState().saveRun(file(), false);
    expect(useStore.getState().saved.map((r) => [r.name.startsWith('Cross-validation · Wine'), r.stored])).toEqual([[true, true]]);
    await useStore.getState().renameRun(id, '  baseline  ');
    await useStore.getState().togglePin(id);
    expect(db.runs.get(id)).toMatchObject({ name: 'baseline', pinned: true });
    await useStore.getState().deleteRun(id);
    expect(db.runs.size).toBe(0);
    expect(useStore.getState().saved).toEqual([]);
  });

  it('counts the writes in flight until the storage has committed them, failed ones included', async () => {
    const db = memoryStore();
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    setRunStore({ ...db, remove: async (id) => (await gate, db.remove(id)) });
    const id = await useStore.getState().saveRun(file(), false);
    expect(useStore.getState().historyWrites).toBe(0);
    const deleting = useStore.getState().deleteRun(id);
    expect(useStore.getState().saved).toEqual([]);
    expect(useStore.getState().historyWrites).toBe(1);
    release();
    await deleting;
    expect(useStore.getState().historyWrites).toBe(0);
    setRunStore(memoryStore(true));
    await useStore.getState().saveRun(file(), false);
    expect(useStore.getState().historyWrites).toBe(0);
  });

  it('a full storage is reported, and the run stays listed (marked not saved) instead of being dropped', async () => {
    setRunStore(memoryStore(true));
    await useStore.getState().saveRun(file(), true);
    const { saved, historyError } = useStore.getState();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ stored: false, partial: true });
    expect(historyError).toContain('was not saved');
  });

  it('compares at most four runs', () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) useStore.getState().toggleCompare(id);
    expect(useStore.getState().compareIds).toEqual(['a', 'b', 'c', 'd']);
    useStore.getState().toggleCompare('b');
    expect(useStore.getState().compareIds).toEqual(['a', 'c', 'd']);
  });

  it('opens only real, whole, consistent results files', () => {
    expect(readResultsText(toJson(file())).ok).toBe(true);
    expect(readResultsText('{').ok).toBe(false);
    const cases: [unknown, RegExp][] = [
      [{ ...file(), format: 'other' }, /not a PruneLab results file/],
      [{ ...file(), shard: { index: 1, count: 2, jobs: [0] } }, /shard 1\/2 .*merge the shards first/],
      [{ ...file(), spec: { ...file().spec, seed: -1 } }, /Invalid experiment spec — seed/],
      [{ ...file(), result: { ...file().result, kind: 'sweep' } }, /not a cv result/],
      [{ ...file(), curves: undefined }, /lacks its environment, data, plan or curves/],
    ];
    for (const [f, msg] of cases) {
      const r = readResultsText(JSON.stringify(f));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(msg);
    }
  });
});
