import type { StateCreator } from 'zustand';
import { withDataset, withTask } from '../../core/spec/edit';
import { parseSpecText } from '../../core/spec/parse';
import { defaultSpec } from '../../core/spec/schema';
import type { SpecSlice, Store } from './types';

export const createSpecSlice: StateCreator<Store, [], [], SpecSlice> = (set, get) => ({
  spec: defaultSpec(),
  taskMemory: {},
  specNotice: null,
  teacher: undefined,
  setTeacher: (teacher) => set({ teacher }),
  openSpec: (spec, notice) => set({ spec, taskMemory: {}, specNotice: { kind: 'info', text: notice } }),
  setSpec: (spec) => set({ spec }),
  editSpec: (edit) => {
    const draft = structuredClone(get().spec);
    edit(draft);
    set({ spec: draft });
  },
  // Choosing a dataset answers a link's request for its CSV file.
  // A rejected upload's message goes when another dataset is chosen: it was about that file.
  chooseDataset: (dataset, isImage) => set({ spec: withDataset(get().spec, dataset, isImage), pendingCsv: null, dataError: null }),
  chooseKind: (kind) => {
    const { spec, taskMemory } = get();
    if (spec.task.kind === kind) return;
    set({ spec: withTask(spec, kind, taskMemory[kind]), taskMemory: { ...taskMemory, [spec.task.kind]: spec.task } });
  },
  openSpecText: (text, fileName) => {
    const r = parseSpecText(text);
    if (!r.ok) {
      // The settings on screen stay as they were.
      set({ specNotice: { kind: 'error', text: `Could not open "${fileName}": ${r.error}` } });
      return;
    }
    const notes = r.migratedFrom ? ` ${(r.notes ?? []).join(' ')}` : '';
    set({ spec: r.spec, taskMemory: {}, specNotice: { kind: 'info', text: `Opened "${fileName}".${notes}` } });
  },
});
