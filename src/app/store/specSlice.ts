import type { StateCreator } from 'zustand';
import { defaultSpec, type ExperimentSpec } from '../../core/spec/schema';
import type { SpecSlice, Store } from './types';

export const createSpecSlice: StateCreator<Store, [], [], SpecSlice> = (set, get) => ({
  spec: defaultSpec(),
  editSpec: (edit) => {
    const draft = structuredClone(get().spec);
    edit(draft);
    set({ spec: draft });
  },
});

/** What a new dataset invalidates in a spec: a feature subset by name, and a CNN when the rows are not images. */
export function adaptToDataset(s: ExperimentSpec, isImage: boolean): void {
  delete s.preprocessing.keepFeatures;
  if (s.model.kind === 'cnn' && !isImage) s.model = { kind: 'mlp', hidden: s.model.hidden.length ? s.model.hidden : [{ units: 32, activation: 'relu', dropout: 0 }], l1: s.model.l1, l2: s.model.l2 };
}
