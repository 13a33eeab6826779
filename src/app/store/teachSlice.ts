import type { StateCreator } from 'zustand';
import { makeSplits } from '../../core/cv/plan';
import { learningTaskOf, type ExperimentSpec } from '../../core/spec/schema';
import type { Dataset } from '../../core/data/dataset';
import type { NetSnapshot } from '../../core/teach/snapshot';
import type { Store, TeachSlice, TeachState } from './types';

export const EMPTY_TEACH: TeachState = { dense: null, moments: [], live: null, picked: null, points: null, inputs: null, classNames: [], images: null };

function outputNames(data: Dataset, spec: ExperimentSpec | undefined): string[] {
  const task = spec ? learningTaskOf(spec) : 'classification';
  if (task === 'regression') return [data.targetName ?? 'target'];
  if (task === 'reconstruction') return [...data.featureNames];
  return [...data.classNames];
}

/** Images drawn beside their reconstructions. */
const SHOWN_IMAGES = 8;

/** The first held-out rows of fold 1, raw, when an autoencoder reads images. */
function imagesOf(data: Dataset, spec: ExperimentSpec | undefined): TeachState['images'] {
  if (!spec || learningTaskOf(spec) !== 'reconstruction' || !data.imageShape) return null;
  const test = makeSplits(spec, data)[0]?.test;
  if (!test) return null;
  const rows = Array.from(test.subarray(0, SHOWN_IMAGES));
  const d = data.nFeatures;
  const x = new Float64Array(rows.length * d);
  rows.forEach((r, i) => x.set(data.x.subarray(r * d, (r + 1) * d), i * d));
  return { x, n: rows.length, shape: data.imageShape, rows };
}

/** The teaching views' state: network snapshots of the run's first fold, and the 2-D points to draw under them. */
export const createTeachSlice: StateCreator<Store, [], [], TeachSlice> = (set, get) => ({
  teach: EMPTY_TEACH,
  startTeach: (data: Dataset, allFeatures: readonly string[], spec?: ExperimentSpec) =>
    set({
      teach: {
        ...EMPTY_TEACH,
        points: data.nFeatures === 2 && !data.imageShape && (!spec || learningTaskOf(spec) === 'classification') ? { x: data.x, y: data.y, featureNames: [...data.featureNames] } : null,
        inputs: { all: [...allFeatures], kept: [...data.featureNames] },
        // The output nodes' names: classes, the regression target, or the features an autoencoder rebuilds.
        classNames: outputNames(data, spec),
        images: imagesOf(data, spec),
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
