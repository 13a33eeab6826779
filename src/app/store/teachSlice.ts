import type { StateCreator } from 'zustand';
import type { Dataset } from '../../core/data/dataset';
import type { NetSnapshot } from '../../core/teach/snapshot';
import type { Store, TeachSlice, TeachState } from './types';

export const EMPTY_TEACH: TeachState = { dense: null, moments: [], live: null, picked: null, points: null, inputs: null, classNames: [] };

/** The teaching views' state: network snapshots of the run's first fold, and the 2-D points to draw under them. */
export const createTeachSlice: StateCreator<Store, [], [], TeachSlice> = (set, get) => ({
  teach: EMPTY_TEACH,
  startTeach: (data: Dataset, allFeatures: readonly string[]) =>
    set({
      teach: {
        ...EMPTY_TEACH,
        points: data.nFeatures === 2 && !data.imageShape ? { x: data.x, y: data.y, featureNames: [...data.featureNames] } : null,
        inputs: { all: [...allFeatures], kept: [...data.featureNames] },
        classNames: [...data.classNames],
      },
    }),
  addSnapshot: (s: NetSnapshot) => {
    const t = get().teach;
    if (s.stage === 'training' || s.tag === 'dense' || s.tag === 'trained') set({ teach: { ...t, dense: s } });
    else if (s.stage === 'retraining') set({ teach: { ...t, live: s } });
    else set({ teach: { ...t, moments: [...t.moments, s], live: null } });
  },
  pickMoment: (i) => set({ teach: { ...get().teach, picked: i } }),
  clearTeach: () => set({ teach: EMPTY_TEACH }),
});
