import type { StateCreator } from 'zustand';
import { defaultSpec } from '../../core/spec/schema';
import type { SpecSlice, Store } from './types';

export const createSpecSlice: StateCreator<Store, [], [], SpecSlice> = (set, get) => ({
  spec: defaultSpec(),
  editSpec: (edit) => {
    const draft = structuredClone(get().spec);
    edit(draft);
    set({ spec: draft });
  },
});
